// Every option read for its own item, in a real n8n: three items add three recipients to one
// package with Signing Order, Delivery Method and Email Notification from expressions, read back
// with Recipient > Get Many; a Download whose output field comes from an expression puts each
// file in its own item's field.
const { SigningHubSimulator } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, loginCredential, workflow } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

const OWNER = 'owner@example.com';
const RECIPIENTS = [
	{ packageId: 7, email: 'first@example.com', name: 'First', order: 3, delivery: 'EMAIL', notify: true },
	{ packageId: 7, email: 'second@example.com', name: 'Second', order: 1, delivery: 'EMAIL', notify: false },
	{ packageId: 7, email: 'third@example.com', name: 'Third', order: 2, delivery: 'EMAIL', notify: 'false' },
	{ packageId: 7, email: 'fourth@example.com', name: 'Fourth', order: 4, delivery: 'FAX', notify: true },
];
const DOWNLOADS = [
	{ id: 21, field: 'contract' },
	{ id: 22, field: 'annex' },
];

describe.each(versionsUnderTest())('Options per item in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	let run;

	beforeAll(async () => {
		const url = await simulator.start();
		const credential = loginCredential('owner', url, { apiVersion: 'v4' });
		simulator.reset({
			clients: [{ id: credential.data.clientId, secret: CLIENT_SECRET }],
			packages: [
				{ id: 7, owner: OWNER, status: 'DRAFT', name: 'Three recipients' },
				...DOWNLOADS.map(({ id }) => ({ id, owner: OWNER, status: 'COMPLETED', name: `Signed ${id}`, documents: [{ name: `contract-${id}.pdf` }] })),
			],
		});
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials([credential]);
		const recipientFields = { resource: 'recipient', email: '={{ $json.email }}', name: '={{ $json.name }}', role: 'SIGNER' };
		await n8n.importWorkflows([
			workflow('wfPerItem', [
				{
					name: 'Add',
					credential: 'owner',
					items: RECIPIENTS,
					operation: 'add',
					packageId: '={{ $json.packageId }}',
					parameters: recipientFields,
					options: { signingOrder: '={{ $json.order }}', deliveryMethod: '={{ $json.delivery }}', emailNotification: '={{ $json.notify }}' },
					onError: 'continueRegularOutput',
				},
				{ name: 'Read back', credential: 'owner', items: [{ id: 7 }], operation: 'getMany', parameters: { resource: 'recipient' } },
				{ name: 'Download', credential: 'owner', items: DOWNLOADS, operation: 'download', parameters: { resource: 'package' }, options: { binaryPropertyName: '={{ $json.field }}' } },
			]),
		]);
		run = await n8n.execute('wfPerItem');
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	test('each recipient gets its own Signing Order, Delivery Method and Email Notification', () => {
		expect(run.code).toBe(0);
		const added = nodeOutput(run.execution, 'Add').map((item) => item.json);
		expect(added.slice(0, 3)).toEqual(RECIPIENTS.slice(0, 3).map(({ email, name }) => ({ packageId: 7, email, name, role: 'SIGNER', added: true })));
		// The fourth item's own value is refused, before any request, and only that item fails.
		expect(added[3].error).toMatchObject({ message: 'Delivery Method must be one of EMAIL, SMS, EMAIL_AND_SMS, not "FAX"', httpCode: null, email: 'fourth@example.com' });
		const readBack = nodeOutput(run.execution, 'Read back').map((item) => item.json);
		expect(readBack.map((r) => [r.user_email, r.signing_order, r.delivery_method, r.email_notification])).toEqual([
			['first@example.com', 3, 'EMAIL', true],
			['second@example.com', 1, 'EMAIL', false],
			['third@example.com', 2, 'EMAIL', false],
		]);
		expect(simulator.log.filter((entry) => entry.path === '/v4/packages/7/workflow/users' && entry.method === 'POST')).toHaveLength(3);
	});

	test("each downloaded file goes into its own item's field", () => {
		const downloaded = nodeOutput(run.execution, 'Download');
		expect(downloaded.map((item) => Object.keys(item.binary ?? {}))).toEqual([['contract'], ['annex']]);
		expect(downloaded.map((item) => item.binary[Object.keys(item.binary)[0]].fileName)).toEqual(['contract-21.pdf', 'contract-22.pdf']);
		expect(downloaded.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
