// From a form to a signed contract in a real n8n, the fields: a form item -> Send for Signature
// (the PDF from binary, two recipients, the name and amount prefilled, signature boxes placed next
// to texts) -> the simulator's recipients sign -> what a trigger's packageCompleted event runs
// reads back the values and signatures with Get Fields. Then a Send whose step fails leaves no
// draft, and a Sign call seals a package: the evidence report shows the seal. (The example
// workflow itself, with its form and instant trigger, runs in examples.test.js.)
const { SigningHubSimulator, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { formPdf } = require('../simulator/fields');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, chain, codeNode, loginCredential, manualTrigger, signingHubNode } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

const CREDENTIAL = 'fields';
const OWNER = 'owner@example.com';

const sh = (name, position, parameters, onError) => signingHubNode(name, name, CREDENTIAL, position, { parameters, onError });


const formItem = (json) =>
	codeNode('Form', [0, 0], `return [{ json: ${JSON.stringify(json)}, binary: { data: { data: '${formPdf().toString('base64')}', mimeType: 'application/pdf', fileName: 'contract.pdf', fileExtension: 'pdf' } } }];`);

const sendParameters = (recipients, prefill) => ({
	resource: 'package',
	operation: 'sendForSignature',
	packageName: '={{ $json.title }}',
	binaryPropertyNames: 'data',
	recipients: { recipient: recipients.map(([name, email], index) => ({ name, email, role: 'SIGNER', signingOrder: index + 1, deliveryMethod: 'EMAIL' })) },
	signatureFields: 'AUTOPLACE',
	placeFields: { field: [{ searchText: 'Customer signature:', order: 1, fieldType: 'SIGNATURE', side: 'RIGHT' }, { searchText: 'For ACME:', order: 2, fieldType: 'SIGNATURE', side: 'RIGHT' }] },
	prefill: { field: prefill.map(([name, value]) => ({ name, value })) },
});

/** A form item to a contract sent for signature: the customer signs first, then the sales desk. */
function sendWorkflow() {
	return chain('wfFormSend', [
		manualTrigger('send'),
		formItem({ title: 'Service agreement Ada Lovelace', name: 'Ada Lovelace', amount: '1200', plan: 'Premium' }),
		sh('Send for signature', [220, 0], sendParameters([['Ada Lovelace', 'ada@example.com'], ['Sam Sales', 'sales@example.com']], [['customer_name', '={{ $json.name }}'], ['amount', '={{ $json.amount }}'], ['plan', '={{ $json.plan }}']])),
	]);
}

/** What a trigger's packageCompleted event runs: Get Fields, then the record for the CRM. */
function readWorkflow(packageId) {
	return chain('wfFormRead', [
		manualTrigger('read'),
		codeNode('Completed', [0, 0], `return [{ json: ${JSON.stringify({ event: 'packageCompleted', packageId, packageStatus: 'COMPLETED' })} }];`),
		sh('Read the values and signatures', [220, 0], { resource: 'document', operation: 'getFields', packageId: '={{ $json.packageId }}', documentId: '', output: 'DOCUMENT' }),
		codeNode(
			'CRM record',
			[440, 0],
			"return $input.all().map((item) => ({ json: {\n  packageId: item.json.packageId,\n  customer: item.json.values.customer_name,\n  amount: item.json.values.amount,\n  plan: item.json.values.plan,\n  signedBy: item.json.signatures.filter((s) => s.signed).map((s) => `${s.signedBy} on ${s.signedOn}`),\n  allSignaturesValid: item.json.signatures.every((s) => s.verification?.signature_status === 'VALID'),\n} }));",
		),
	]);
}

/** A Send whose prefill names a field the contract lacks (fails after the draft is made), and a Send for the seal: the owner signs second. */
function prepareWorkflow() {
	const nodes = [
		manualTrigger('prepare'),
		formItem({ title: 'Sealed contract', name: 'Grace Hopper' }),
		sh('Send with a wrong field', [220, -150], sendParameters([['Grace Hopper', 'grace@example.com'], ['ACME', OWNER]], [['nickname', 'Amazing Grace']]), 'continueRegularOutput'),
		sh('Send for the seal', [220, 150], sendParameters([['Grace Hopper', 'grace@example.com'], ['ACME', OWNER]], [['customer_name', '={{ $json.name }}']])),
	];
	const workflow = chain('wfPrepare', nodes.slice(0, 2));
	workflow.nodes.push(nodes[2], nodes[3]);
	workflow.connections.Form = { main: [[{ node: nodes[2].name, type: 'main', index: 0 }, { node: nodes[3].name, type: 'main', index: 0 }]] };
	return workflow;
}

/** The owner's company seal on a package the customer signed: Get Fields finds the owner's box, Sign seals it and finishes, then the evidence report. */
function sealWorkflow(packageId) {
	return chain('wfSeal', [
		manualTrigger('seal'),
		codeNode('Signed by the customer', [0, 0], `return [{ json: { packageId: ${packageId} } }];`),
		sh('Fields', [220, 0], { resource: 'document', operation: 'getFields', packageId: '={{ $json.packageId }}', documentId: '', output: 'DOCUMENT' }),
		sh('Seal', [440, 0], {
			resource: 'document',
			operation: 'sign',
			packageId: '={{ $json.packageId }}',
			documentId: '={{ $json.documentId }}',
			fieldName: '={{ $json.signatures.find((signature) => signature.order === 2).fieldName }}',
			options: { signingCapacity: 'Company seal', signingReason: 'Countersigned by ACME' },
		}),
		sh('Evidence report', [660, 0], { resource: 'package', operation: 'downloadEvidenceReport', packageId: '={{ $json.packageId }}' }),
		codeNode('Report text', [880, 0], "const buffer = await this.helpers.getBinaryDataBuffer(0, 'data');\nreturn [{ json: { text: buffer.toString('latin1') } }];"),
	]);
}

describe.each(versionsUnderTest({ newestOnly: true }))('from a form to a signed contract in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	const runs = {};
	const out = (run, node) => (nodeOutput(run?.execution, node) ?? []).map((item) => item.json);
	let formPackage;
	let packagesBefore;

	beforeAll(async () => {
		const url = await simulator.start();
		const credential = loginCredential(CREDENTIAL, url, { apiVersion: 'v4' });
		const users = DEFAULT_SCENARIO.users.map((user) => (user.email === OWNER ? { ...user, signingCapacities: ['Company seal'] } : user));
		simulator.reset({ clients: [{ id: credential.data.clientId, secret: CLIENT_SECRET }], users });
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows([sendWorkflow(), prepareWorkflow()]);
		runs.send = await n8n.execute('wfFormSend');
		formPackage = out(runs.send, 'Send for signature')[0]?.packageId;
		packagesBefore = simulator.packages.size;
		runs.prepare = await n8n.execute('wfPrepare');
		// The recipients act in SigningHub: both sign the example's contract; the customer signs the one to seal.
		if (formPackage) {
			simulator.sign(formPackage, 'ada@example.com');
			simulator.sign(formPackage, 'sales@example.com');
		}
		const sealPackage = out(runs.prepare, 'Send for the seal')[0]?.packageId;
		if (sealPackage) simulator.sign(sealPackage, 'grace@example.com');
		await n8n.importWorkflows([readWorkflow(formPackage), sealWorkflow(sealPackage)]);
		runs.read = await n8n.execute('wfFormRead');
		runs.seal = await n8n.execute('wfSeal');
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	test("Send for Signature sends the form's contract: one package, two recipients, the name and amount prefilled, a box next to each text", () => {
		expect(runs.send.code).toBe(0);
		const [sent] = out(runs.send, 'Send for signature');
		expect(sent).toMatchObject({
			packageName: 'Service agreement Ada Lovelace',
			documents: [{ fileName: 'contract.pdf' }],
			recipients: [{ email: 'ada@example.com', name: 'Ada Lovelace' }, { email: 'sales@example.com', name: 'Sam Sales' }],
			fieldsPlaced: [expect.objectContaining({ nextTo: 'Customer signature:', order: 1 }), expect.objectContaining({ nextTo: 'For ACME:', order: 2 })],
			fieldsFilled: ['customer_name', 'amount', 'plan'],
			shared: true,
		});
	});

	test('after both signed, Get Fields reads back the values and who signed, for the CRM', () => {
		expect(runs.read.code).toBe(0);
		const [document] = out(runs.read, 'Read the values and signatures');
		expect(document.values).toMatchObject({ customer_name: 'Ada Lovelace', amount: '1200', plan: 'Premium' });
		expect(document.signatures.map(({ order, signed, signedBy }) => [order, signed, signedBy])).toEqual([
			[1, true, 'ada@example.com'],
			[2, true, 'sales@example.com'],
		]);
		expect(out(runs.read, 'CRM record')).toEqual([
			{ packageId: formPackage, customer: 'Ada Lovelace', amount: '1200', plan: 'Premium', signedBy: [expect.stringMatching(/^ada@example\.com on \d{4}-/), expect.stringMatching(/^sales@example\.com on /)], allSignaturesValid: true },
		]);
	});

	test('a Send whose step fails leaves no draft behind and says so', () => {
		expect(runs.prepare.code).toBe(0);
		const [failed] = out(runs.prepare, 'Send with a wrong field');
		expect(failed.error).toMatchObject({ message: expect.stringMatching(/has no field named "nickname"\. The draft package \d+ it created was deleted$/), description: expect.stringContaining('customer_name, amount') });
		const deleted = Number(/draft package (\d+)/.exec(failed.error.message)[1]);
		expect(simulator.packageOf(deleted)).toBeUndefined();
		// Only the package for the seal is new.
		expect(simulator.packages.size).toBe(packagesBefore + 1);
	});

	test("a Sign call seals the package with the owner's own token, and the evidence report shows it", () => {
		expect(runs.seal.code).toBe(0);
		const [sealed] = out(runs.seal, 'Seal');
		expect(sealed).toMatchObject({ status: 'SIGNED', signed: true, finished: true, verification: { signature_status: 'VALID', signing_reason: 'Countersigned by ACME' } });
		const [report] = out(runs.seal, 'Report text');
		expect(report.text).toContain(`SIGNATURE_APPLIED by ${OWNER}`);
		expect(report.text).toContain(`SIGNER ${OWNER}: SIGNED`);
		expect(report.text).toContain('Status: COMPLETED');
	});

	test('no secret in any output or log', () => {
		const everything = Object.values(runs).map((run) => run.output).join('\n');
		for (const secret of [CLIENT_SECRET, ...DEFAULT_SCENARIO.users.map((u) => u.password), ...simulator.issued]) {
			expect(everything.includes(secret) ? secret : null).toBeNull();
		}
	});
});
