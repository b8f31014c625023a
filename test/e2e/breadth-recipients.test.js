// Signers and templates from the item, in a real n8n: a form item per submission with 1, 3 and 7
// signers and its values goes through Send for Signature (recipients and prefill values from
// expressions that give lists); a CRM record's contact and account owner take the two
// placeholders of a template through Send From Template; and a draft gets a placeholder and a
// group as recipients and its order changed, read back with Get Many.
const { SigningHubSimulator, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { DEFAULT_TEMPLATES } = require('../simulator/packages');
const { formPdf } = require('../simulator/fields');
const { ROLE_TEMPLATE: TEMPLATE } = require('../simulator/recipients');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, chain, codeNode, loginCredential, manualTrigger, signingHubNode } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

const CREDENTIAL = 'breadth-recipients';
const OWNER = 'owner@example.com';
const GROUPS = [{ group_name: 'Legal team', members: [{ user_email: 'legal@example.com', user_name: 'Lee Legal' }] }];

const sh = (name, position, parameters) => signingHubNode(name, name, CREDENTIAL, position, { parameters });

const pdf = formPdf().toString('base64');
const withContract = (items) => `return ${JSON.stringify(items)}.map((json) => ({ json, binary: { data: { data: '${pdf}', mimeType: 'application/pdf', fileName: 'contract.pdf', fileExtension: 'pdf' } } }));`;
const signers = (count) => Array.from({ length: count }, (_, index) => ({ name: `Signer ${index + 1}`, email: `signer${index + 1}@example.com`, role: index === count - 1 && count > 1 ? 'CARBON_COPY' : 'SIGNER', signingOrder: index + 1 }));
const SUBMISSIONS = [1, 3, 7].map((count) => ({ title: `Form with ${count} signers`, signers: signers(count), values: { customer_name: `Customer of ${count}`, amount: String(count * 100) } }));
const CRM_RECORD = { deal: 'ACME renewal', amount: '4800', contact: { fullName: 'Ada Lovelace', email: 'ada@example.com' }, accountOwner: { fullName: 'Grace Hopper', email: 'grace@example.com' } };

function formWorkflow() {
	return chain('wfBreadthForm', [
		manualTrigger('form'),
		codeNode('Form submissions', [0, 0], withContract(SUBMISSIONS)),
		sh('Send for signature', [220, 0], {
			resource: 'package',
			operation: 'sendForSignature',
			packageName: '={{ $json.title }}',
			binaryPropertyNames: 'data',
			recipientSource: 'json',
			recipientsJson: '={{ $json.signers.filter((signer) => signer.email) }}',
			signatureFields: 'AUTOPLACE',
			placeFields: { field: [{ searchText: 'Customer signature:', order: 1, fieldType: 'SIGNATURE', side: 'RIGHT' }] },
			prefillSource: 'json',
			prefillJson: '={{ $json.values }}',
		}),
	]);
}

function templateWorkflow() {
	return chain('wfBreadthTemplate', [
		manualTrigger('template'),
		codeNode('CRM record', [0, 0], withContract([CRM_RECORD])),
		sh('Send from template', [220, 0], {
			resource: 'package',
			operation: 'sendFromTemplate',
			packageName: '={{ $json.deal }}',
			binaryPropertyNames: 'data',
			templateName: { __rl: true, mode: 'list', value: 'Two-party agreement', cachedResultName: 'Two-party agreement' },
			recipientSource: 'fields',
			templateRecipients: {
				recipient: [
					{ templateRecipient: 'Customer', name: '={{ $json.contact.fullName }}', email: '={{ $json.contact.email }}' },
					{ templateRecipient: 'Account manager', name: '={{ $json.accountOwner.fullName }}', email: '={{ $json.accountOwner.email }}' },
				],
			},
			prefill: { field: [{ name: 'customer_name', value: '={{ $json.contact.fullName }}' }, { name: 'amount', value: '={{ $json.amount }}' }] },
		}),
	]);
}

function recipientsWorkflow() {
	const packageId = "={{ $('Create').item.json.packageId }}";
	return chain('wfBreadthRecipients', [
		manualTrigger('recipients'),
		sh('Create', [0, 0], { resource: 'package', operation: 'create', packageName: 'Roles to fill' }),
		sh('Add signers', [220, 0], { resource: 'recipient', operation: 'add', packageId: '={{ $json.packageId }}', recipientSource: 'json', recipientsJson: '[{"name": "Ada Lovelace", "email": "ada@example.com"}]' }),
		sh('Add placeholder', [440, 0], { resource: 'recipient', operation: 'addPlaceholder', packageId, placeholder: 'Witness', role: 'SIGNER' }),
		sh('Add group', [660, 0], { resource: 'recipient', operation: 'addGroup', packageId, groupName: 'Legal team', role: 'REVIEWER' }),
		sh('Legal first', [880, 0], { resource: 'recipient', operation: 'reorder', packageId, findBy: 'order', recipientOrder: 3, newOrder: 1 }),
		sh('Recipients', [1100, 0], { resource: 'recipient', operation: 'getMany', packageId }),
	]);
}

describe.each(versionsUnderTest({ newestOnly: true }))('signers and templates from the item in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	const runs = {};
	const out = (run, node) => (nodeOutput(run?.execution, node) ?? []).map((item) => item.json);

	beforeAll(async () => {
		const url = await simulator.start();
		const credential = loginCredential(CREDENTIAL, url, { apiVersion: 'v4' });
		simulator.reset({ clients: [{ id: credential.data.clientId, secret: CLIENT_SECRET }], templates: [...DEFAULT_TEMPLATES, TEMPLATE], groups: GROUPS });
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows([formWorkflow(), templateWorkflow(), recipientsWorkflow()]);
		runs.form = await n8n.execute('wfBreadthForm');
		runs.template = await n8n.execute('wfBreadthTemplate');
		runs.recipients = await n8n.execute('wfBreadthRecipients');
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	test('a form with 1, 3 and 7 signers: each submission its own package with all its signers and values, shared', () => {
		expect(runs.form.code).toBe(0);
		const sent = out(runs.form, 'Send for signature');
		expect(sent.map((item) => [item.packageName, item.recipients.length, item.shared])).toEqual([
			['Form with 1 signers', 1, true],
			['Form with 3 signers', 3, true],
			['Form with 7 signers', 7, true],
		]);
		for (const [index, submission] of SUBMISSIONS.entries()) {
			const pkg = simulator.packageOf(sent[index].packageId);
			expect(pkg.status).toBe('IN_PROGRESS');
			expect(pkg.recipients.map((r) => [r.user_email, r.role, r.signing_order])).toEqual(submission.signers.map((s) => [s.email, s.role, s.signingOrder]));
			const values = Object.fromEntries(simulator.fieldsOf(pkg.documents[0]).map((f) => [f.field_name, f.value]));
			expect(values).toMatchObject(submission.values);
			expect(sent[index].fieldsFilled).toEqual(['customer_name', 'amount']);
		}
	});

	test("a template's two placeholders are filled from a CRM record, its fixed recipient kept, and the package shared", () => {
		expect(runs.template.code).toBe(0);
		const [sent] = out(runs.template, 'Send from template');
		expect(sent).toMatchObject({
			packageName: 'ACME renewal',
			template: 'Two-party agreement',
			recipients: [
				{ order: 1, templateRecipient: 'Customer', email: 'ada@example.com', name: 'Ada Lovelace', role: 'SIGNER' },
				{ order: 2, templateRecipient: 'Account manager', email: 'grace@example.com', name: 'Grace Hopper', role: 'SIGNER' },
			],
			fieldsFilled: ['customer_name', 'amount'],
			shared: true,
		});
		const pkg = simulator.packageOf(sent.packageId);
		expect(pkg.status).toBe('IN_PROGRESS');
		expect(pkg.recipients.map((r) => [r.order, r.user_email, r.role, r.placeholder])).toEqual([
			[1, 'ada@example.com', 'SIGNER', undefined],
			[2, 'grace@example.com', 'SIGNER', undefined],
			[3, 'archive@example.com', 'CARBON_COPY', undefined],
		]);
		expect(pkg.documents[0].template).toBe('Two-party agreement');
	});

	test('a draft gets a placeholder and a group, the group moved first, and Get Many shows them', () => {
		expect(runs.recipients.code).toBe(0);
		expect(out(runs.recipients, 'Legal first')).toEqual([expect.objectContaining({ order: 3, newOrder: 1, moved: true })]);
		const listed = out(runs.recipients, 'Recipients');
		expect(listed.map((r) => [r.order, r.group_name ?? r.placeholder ?? r.user_email, r.role])).toEqual([
			[1, 'Legal team', 'REVIEWER'],
			[2, 'ada@example.com', 'SIGNER'],
			[3, 'Witness', 'SIGNER'],
		]);
		expect(listed[0].group_members).toEqual([{ user_email: 'legal@example.com', user_name: 'Lee Legal' }]);
	});

	test('no secret in any output or log', () => {
		const everything = Object.values(runs).map((run) => run.output).join('\n');
		for (const secret of [CLIENT_SECRET, ...DEFAULT_SCENARIO.users.map((u) => u.password), ...simulator.issued]) {
			expect(everything.includes(secret) ? secret : null).toBeNull();
		}
	});
});
