// SigningHub's own semantics in a real n8n (issue 24): a signer with two signature fields signs
// them in one item and in two items, and Finish runs once, after the last (v3 guide page 1132);
// a signing link carries the package's first document and section VIEWER, and a plain-http
// callback is refused before any request; a recipient fills and reads her fields with her own
// credential, through the document's own calls only (v3 guide page 1067); v3 reminders are sent
// without a unit (v3 guide page 1063), and an item in hours fails before any request.
const { SigningHubSimulator, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { formPdf } = require('../simulator/fields');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, loginCredential, signingHubNode } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

const OWNER = 'owner@example.com';
const CUSTOMER = 'colleague@example.com';
const OWNER_V4 = 'semantics-owner';
const CUSTOMER_V4 = 'semantics-customer';
const OWNER_V3 = 'semantics-owner-v3';

const codeNode = (name, items) => ({ id: name, name, type: 'n8n-nodes-base.code', typeVersion: 2, position: [0, 0], parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` } });
const manualTrigger = { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [-220, 0], parameters: {} };

/** Start -> a Code node giving `items` -> one SigningHub node. */
function workflow(id, items, credential, parameters) {
	const node = signingHubNode('SigningHub', 'SigningHub', credential, [220, 0], { parameters, onError: 'continueRegularOutput' });
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [manualTrigger, codeNode('Items', items), node],
		connections: { Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] }, Items: { main: [[{ node: 'SigningHub', type: 'main', index: 0 }]] } },
	};
}

/** A shared package of the owner's with the sample contract: the customer (order 1) and the owner (order 2), each with two signature fields. */
function contract(simulator, id, { customerSigned = true } = {}) {
	simulator.addPackages({
		id,
		owner: OWNER,
		status: 'DRAFT',
		name: `Contract ${id}`,
		documents: [{ name: 'contract.pdf', content: formPdf() }],
		recipients: [
			{ user_email: CUSTOMER, user_name: 'Colleague Customer', role: 'SIGNER' },
			{ user_email: OWNER, user_name: 'Owner', role: 'SIGNER' },
		],
	});
	const pkg = simulator.packageOf(id);
	const [document] = pkg.documents;
	const box = (y) => ({ x: 200, y, width: 160, height: 40 });
	for (const [order, name, y] of [[1, 'customer_signature', 200], [1, 'customer_initials', 260], [2, 'seal_a', 380], [2, 'seal_b', 480]]) simulator.addFieldTo(document, 'signature', { order, field_name: name }, 1, box(y));
	pkg.status = 'IN_PROGRESS';
	if (customerSigned) {
		simulator.fillAs(id, document.id, CUSTOMER, { customer_name: 'Ada Lovelace' });
		simulator.sign(id, CUSTOMER);
	}
	return document.id;
}

const sign = { resource: 'document', operation: 'sign', packageId: '={{ $json.packageId }}', documentId: '={{ $json.documentId }}', fieldName: '={{ $json.fields }}', options: {} };

describe.each(versionsUnderTest({ newestOnly: true }))("SigningHub's own semantics in n8n %s", (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	const runs = {};
	const documents = {};
	const out = (run) => (nodeOutput(run?.execution, 'SigningHub') ?? []).map((item) => item.json);
	/** "METHOD path" of the requests made for package `id` by the run `name`, documents as D. */
	const callsOf = (name, id) =>
		simulator.log
			.slice(runs[name].from, runs[name].to)
			.filter((entry) => entry.path.includes(`/packages/${id}/`) || entry.path === '/v4/links/integration')
			.map((entry) => `${entry.method} ${entry.path.replace(/documents\/\d+/, 'documents/D')}`);

	beforeAll(async () => {
		const url = await simulator.start();
		const credentials = [
			loginCredential(OWNER_V4, url, { apiVersion: 'v4' }),
			loginCredential(CUSTOMER_V4, url, { apiVersion: 'v4', user: CUSTOMER, password: 'colleague-pass-2b8d' }),
			loginCredential(OWNER_V3, url, { apiVersion: 'v3' }),
		];
		simulator.reset({ clients: credentials.map(({ data }) => ({ id: data.clientId, secret: CLIENT_SECRET })), users: DEFAULT_SCENARIO.users });
		documents.oneItem = contract(simulator, 101);
		documents.twoItems = contract(simulator, 102);
		documents.link = contract(simulator, 103);
		documents.fill = contract(simulator, 104, { customerSigned: false });
		simulator.addPackages({ id: 105, owner: OWNER, status: 'DRAFT', recipients: [{ user_email: 'a@example.com' }, { user_email: 'b@example.com' }] });
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials(credentials);
		await n8n.importWorkflows([
			workflow('wfSignOneItem', [{ packageId: 101, documentId: documents.oneItem, fields: 'seal_a, seal_b' }], OWNER_V4, sign),
			workflow('wfSignTwoItems', ['seal_a', 'seal_b'].map((fields) => ({ packageId: 102, documentId: documents.twoItems, fields })), OWNER_V4, sign),
			workflow(
				'wfLink',
				[
					{ packageId: 103, email: CUSTOMER, back: 'https://portal.example.com/signed' },
					{ packageId: 103, email: CUSTOMER, back: 'http://portal.example.com/signed' },
				],
				OWNER_V4,
				{ resource: 'package', operation: 'getSigningLink', packageId: '={{ $json.packageId }}', email: '={{ $json.email }}', callbackUrl: '={{ $json.back }}', options: {} },
			),
			workflow('wfFill', [{ packageId: 104, documentId: documents.fill }], CUSTOMER_V4, {
				resource: 'document',
				operation: 'fillFields',
				packageId: '={{ $json.packageId }}',
				documentId: '={{ $json.documentId }}',
				fieldsInput: 'JSON',
				fieldsJson: '{"customer_name": "Ada Lovelace", "amount": "1200"}',
			}),
			workflow('wfReadFields', [{ packageId: 104, documentId: documents.fill }], CUSTOMER_V4, { resource: 'document', operation: 'getFields', packageId: '={{ $json.packageId }}', documentId: '={{ $json.documentId }}', output: 'DOCUMENT' }),
			workflow(
				'wfRemindersV3',
				[
					{ order: 1, after: 2, unit: 'DAYS' },
					{ order: 2, after: 6, unit: 'HOURS' },
				],
				OWNER_V3,
				{ resource: 'recipient', operation: 'setReminders', packageId: '105', findBy: 'order', recipientOrder: '={{ $json.order }}', remindAfter: '={{ $json.after }}', frequency: '={{ $json.unit }}', repeat: true, repeatEvery: 3, totalReminders: 2 },
			),
		]);
		for (const [name, id] of [['oneItem', 'wfSignOneItem'], ['twoItems', 'wfSignTwoItems'], ['link', 'wfLink'], ['fill', 'wfFill'], ['read', 'wfReadFields'], ['reminders', 'wfRemindersV3']]) {
			const from = simulator.log.length;
			runs[name] = { ...(await n8n.execute(id)), from, to: undefined };
			runs[name].to = simulator.log.length;
		}
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	const owner = (id) => simulator.packageOf(id).recipients.find((r) => r.user_email === OWNER);

	test("a signer's two fields in one item: both signed, then Finish once, after the last", () => {
		expect(runs.oneItem.code).toBe(0);
		expect(out(runs.oneItem)).toEqual([expect.objectContaining({ fieldName: 'seal_a, seal_b', signed: true, fieldsLeft: [], finished: true })]);
		expect(callsOf('oneItem', 101).filter((call) => /sign$|finish$/.test(call))).toEqual(['POST /v4/packages/101/documents/D/sign', 'POST /v4/packages/101/documents/D/sign', 'POST /v4/packages/101/finish']);
		expect(owner(101)).toMatchObject({ process_status: 'SIGNED' });
		expect(owner(101).unsignedAtFinish).toBeUndefined();
		expect(simulator.packageOf(101).status).toBe('COMPLETED');
	});

	test('the same in two items: the first leaves the signer in, the second finishes', () => {
		expect(runs.twoItems.code).toBe(0);
		expect(out(runs.twoItems).map(({ fieldName, fieldsLeft, finished }) => [fieldName, fieldsLeft, finished])).toEqual([
			['seal_a', ['seal_b'], false],
			['seal_b', [], true],
		]);
		expect(callsOf('twoItems', 102).filter((call) => /sign$|finish$/.test(call))).toEqual(['POST /v4/packages/102/documents/D/sign', 'POST /v4/packages/102/documents/D/sign', 'POST /v4/packages/102/finish']);
		expect(owner(102).unsignedAtFinish).toBeUndefined();
		expect(simulator.packageOf(102).status).toBe('COMPLETED');
	});

	test("a signing link carries the package's first document and section VIEWER; a plain-http callback is refused before any request", () => {
		expect(runs.link.code).toBe(0);
		const [link, refused] = out(runs.link);
		expect(link).toEqual({ packageId: 103, email: CUSTOMER, url: expect.stringContaining('/web/Integration?') });
		expect(simulator.links.at(-1)).toMatchObject({ package_id: 103, document_id: documents.link, section: 'VIEWER', callback_url: 'https://portal.example.com/signed' });
		expect(refused.error).toMatchObject({ message: 'Callback URL must be an https address, not "http://portal.example.com/signed"', attempts: 0 });
		expect(callsOf('link', 103)).toEqual(['GET /v4/packages/103/workflow', 'POST /v4/links/integration']);
	});

	test("a recipient fills and reads her fields with her own credential, through the document's own calls", () => {
		expect(runs.fill.code).toBe(0);
		expect(out(runs.fill)).toEqual([{ packageId: 104, documentId: documents.fill, filled: ['customer_name', 'amount'], filledCount: 2 }]);
		expect(simulator.fills.at(-1)).toMatchObject({ packageId: 104, user: CUSTOMER, auto_save: false });
		expect(callsOf('fill', 104)).toEqual(['GET /v4/packages/104/documents/D/details', 'GET /v4/packages/104/documents/D/fields/1', 'PUT /v4/packages/104/documents/D/fields']);
		expect(out(runs.read)[0]).toMatchObject({ documentId: documents.fill, values: { customer_name: 'Ada Lovelace', amount: '1200' } });
		expect(callsOf('read', 104).some((call) => call.endsWith('/workflow'))).toBe(false);
	});

	test("v3 reminders go in v3's body, without a unit; an item in hours fails before any request", () => {
		expect(runs.reminders.code).toBe(0);
		const [days, hours] = out(runs.reminders);
		expect(days).toEqual({ packageId: 105, order: 1, apply_to_all: false, enabled: true, remind_after: 2, repeat: { enabled: true, keep_reminding_after: 3, total_reminders: 2 }, updated: true });
		expect(hours.error).toMatchObject({ message: 'API v3 reminders count days, not hours', attempts: 0 });
		const [first, second] = simulator.packageOf(105).recipients;
		expect(first.reminders).toEqual({ apply_to_all: false, enabled: true, remind_after: 2, repeat: { enabled: true, keep_reminding_after: 3, total_reminders: 2 } });
		expect(second.reminders).toBeUndefined();
		expect(callsOf('reminders', 105)).toEqual(['PUT /v3/packages/105/workflow/1/reminders']);
	});

	test('no secret in any output', () => {
		const everything = Object.values(runs).map((run) => run.output).join('\n');
		for (const secret of [CLIENT_SECRET, ...DEFAULT_SCENARIO.users.map((u) => u.password), ...simulator.issued]) {
			expect(everything.includes(secret) ? secret : null).toBeNull();
		}
	});
});
