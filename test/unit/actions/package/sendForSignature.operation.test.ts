// Package > Send for Signature: from an item's PDFs to a shared package in one step (create,
// upload, recipients, fields placed next to texts or a template, prefilled fields, share); a
// failed step deletes the draft it created, or names it; bad input before any request. v3 and v4.
import { nodeHarness, OWNER } from '../harness';
import { CONTRACT_PDF, itemWithFiles } from '../document/contract';

const { simplePdf } = require('../../../simulator/files');

const harness = nodeHarness();
const recipients = { recipient: [
	{ name: '={{ $json.customerName }}', email: '={{ $json.customerEmail }}', role: 'SIGNER', signingOrder: 1, deliveryMethod: 'EMAIL' },
	{ name: 'Owner', email: OWNER, role: 'SIGNER', signingOrder: 2, deliveryMethod: 'EMAIL' },
] };
const send = (extra: object = {}) => ({
	resource: 'package',
	operation: 'sendForSignature',
	packageName: '={{ $json.packageName }}',
	binaryPropertyNames: 'data',
	recipients,
	signatureFields: 'AUTOPLACE',
	placeFields: { field: [
		{ searchText: 'Customer signature:', order: 1, fieldType: 'SIGNATURE', side: 'RIGHT' },
		{ searchText: 'For ACME:', order: 2, fieldType: 'SIGNATURE', side: 'RIGHT' },
	] },
	prefill: { field: [{ name: 'customer_name', value: '={{ $json.customerName }}' }, { name: 'amount', value: '={{ $json.amount }}' }] },
	options: {},
	...extra,
});
const form = { packageName: 'Service agreement Ada Lovelace', customerName: 'Ada Lovelace', customerEmail: 'ada@example.com', amount: '1200' };
const created = (from: number) => harness.requests(from).filter((entry) => entry.method === 'POST' && /^\/v\d\/packages$/.test(String(entry.path)));

describe.each(['v4', 'v3'])('Package > Send for Signature (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset());

	it('creates, uploads, adds both recipients, places their fields, prefills and shares', async () => {
		const { output } = await harness.run(send(), [itemWithFiles(form)], { apiVersion });
		const { packageId } = output[0].json as { packageId: number };
		expect(output[0].json).toMatchObject({
			packageName: 'Service agreement Ada Lovelace',
			documents: [{ documentId: expect.any(Number), fileName: 'data.pdf' }],
			recipients: [{ email: 'ada@example.com', name: 'Ada Lovelace', role: 'SIGNER' }, { email: OWNER, name: 'Owner', role: 'SIGNER' }],
			template: null,
			fieldsPlaced: [expect.objectContaining({ nextTo: 'Customer signature:', order: 1 }), expect.objectContaining({ nextTo: 'For ACME:', order: 2 })],
			fieldsFilled: ['customer_name', 'amount'],
			shared: true,
		});
		const pkg = harness.sim.packageOf(packageId);
		expect(pkg.status).toBe('IN_PROGRESS');
		expect(pkg.recipients.map((r: { user_email: string; signing_order: number }) => [r.user_email, r.signing_order])).toEqual([['ada@example.com', 1], [OWNER, 2]]);
		const fields = harness.sim.fieldsOf(pkg.documents[0]);
		expect(fields.filter((f: { kind: string }) => f.kind === 'signature').map((f: { order: number }) => f.order)).toEqual([1, 2]);
		expect(Object.fromEntries(fields.map((f: { field_name: string; value: unknown }) => [f.field_name, f.value]))).toMatchObject({ customer_name: 'Ada Lovelace', amount: '1200' });
	});

	it("sends each item's message with its package", async () => {
		const { output } = await harness.run(send({ options: { message: '={{ $json.note }}' } }), [itemWithFiles({ ...form, note: 'Please sign by Friday' })], { apiVersion });
		expect(output[0].json).toMatchObject({ message: 'Please sign by Friday', shared: true });
		expect(harness.sim.packageOf((output[0].json as { packageId: number }).packageId).workflowMessage).toBe('Please sign by Friday');
	});

	it('makes one document of each binary field, and applies a template to every document', async () => {
		const item = itemWithFiles(form, { contract: CONTRACT_PDF, annex: simplePdf(['Annex']) });
		const { output } = await harness.run(send({ binaryPropertyNames: 'contract, annex', signatureFields: 'TEMPLATE', templateName: { __rl: true, mode: 'name', value: 'Sales contract' }, prefill: {} }), [item], { apiVersion });
		const pkg = harness.sim.packageOf((output[0].json as { packageId: number }).packageId);
		expect(pkg.documents.map((d: { name: string; template: string }) => [d.name, d.template])).toEqual([['contract.pdf', 'Sales contract'], ['annex.pdf', 'Sales contract']]);
		expect(output[0].json).toMatchObject({ template: 'Sales contract', fieldsPlaced: [], fieldsFilled: [] });
	});

	it('deletes its draft when a step fails, naming the fields there are', async () => {
		const from = harness.sim.log.length;
		const parameters = send({ prefill: { field: [{ name: 'nickname', value: 'Ada' }] } });
		const { output } = await harness.run(parameters, [itemWithFiles(form)], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({
			message: expect.stringMatching(/^Document \d+ has no field named "nickname"\. The draft package \d+ it created was deleted$/),
			description: expect.stringContaining('customer_name, amount'),
			packageName: 'Service agreement Ada Lovelace',
		});
		expect(created(from).map((entry) => entry.status)).toContain(200);
		expect(harness.sim.packages.size).toBe(0);
		expect(harness.requests(from).at(-1)).toMatchObject({ method: 'DELETE', status: 200 });
	});

	it('deletes its draft after SigningHub refuses a step, and names the package when deleting fails too', async () => {
		harness.sim.addFaults({ path: '/fields/autoplace$', status: 403, body: { Message: 'You are not allowed to perform this action on locked workflow' }, times: 1 });
		const first = await harness.run(send(), [itemWithFiles(form)], { apiVersion, continueOnFail: true });
		expect(first.output[0].json.error).toMatchObject({ httpCode: 403, message: expect.stringContaining('it created was deleted') });
		expect(harness.sim.packages.size).toBe(0);

		harness.sim.addFaults({ path: '/fields/autoplace$', status: 400, body: { Message: 'Invalid order' }, times: 1 }, { path: '^/v\\d/packages/\\d+$', method: 'DELETE', status: 503, times: 10 });
		const second = await harness.run(send(), [itemWithFiles(form)], { apiVersion, continueOnFail: true });
		const [left] = [...harness.sim.packages.keys()];
		expect(second.output[0].json.error).toMatchObject({ message: `Could not place fields next to "Customer signature:" in document ${harness.sim.packageOf(left).documents[0].id} of package ${left}: Invalid order. The draft package ${left} it created could not be deleted`, description: expect.stringContaining(`Delete package ${left} in SigningHub`) });
	});

	it("takes the package to fill and clean up only from package_id: no other field of SigningHub's answer points it elsewhere", async () => {
		harness.sim.reset({ packages: [{ id: 42, owner: OWNER, status: 'DRAFT', name: 'Someone else\'s draft' }] });
		// An answer that names package 42 in every field but package_id, which names one that does not exist.
		harness.sim.addFaults({ path: '^/v\\d/packages$', method: 'POST', status: 200, body: { package_id: 99999, packageId: 42, packageid: 42, PackageId: 42, id: 42 }, times: 1 });
		const from = harness.sim.log.length;
		const { output } = await harness.run(send(), [itemWithFiles(form)], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining('package 99999') });
		const touched = harness.requests(from).filter((entry) => /\/packages\/\d+/.test(String(entry.path)));
		expect(touched.map((entry) => String(entry.path).match(/\/packages\/(\d+)/)?.[1])).not.toContain('42');
		expect(touched.some((entry) => entry.method === 'DELETE' && String(entry.path).endsWith('/packages/99999'))).toBe(true);
		expect(harness.sim.packageOf(42)).toMatchObject({ name: 'Someone else\'s draft', status: 'DRAFT' });
	});

	it('refuses an answer without a package_id: nothing is uploaded or deleted, and the package is named for the user to check', async () => {
		harness.sim.reset({ packages: [{ id: 42, owner: OWNER, status: 'DRAFT' }] });
		harness.sim.addFaults({ path: '^/v\\d/packages$', method: 'POST', status: 200, body: { packageId: 42, package_id: '42; DROP' }, times: 1 });
		const from = harness.sim.log.length;
		const { output } = await harness.run(send(), [itemWithFiles(form)], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({
			message: 'SigningHub\'s answer to creating the package "Service agreement Ada Lovelace" has no package ID',
			description: expect.stringContaining('look for the draft package "Service agreement Ada Lovelace" in SigningHub'),
		});
		expect(harness.requests(from).map((entry) => `${entry.method} ${entry.path}`)).toEqual([`POST /${apiVersion}/packages`]);
		expect(harness.sim.packageOf(42)).toBeDefined();
	});

	it('leaves a package whose Share answer was lost, and says it may have been shared', async () => {
		harness.sim.addFaults({ path: '/workflow$', method: 'POST', kind: 'drop', after: true, times: 1 });
		const { output } = await harness.run(send(), [itemWithFiles(form)], { apiVersion, continueOnFail: true });
		const [kept] = [...harness.sim.packages.values()];
		expect(kept.status).toBe('IN_PROGRESS');
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining('SigningHub may have carried it out'), description: expect.stringContaining(`Package ${kept.id} may have been shared`) });
		expect(harness.sim.log.filter((entry: { method: string }) => entry.method === 'DELETE')).toEqual([]);
	});

	it.each([
		[{ recipients: {} }, {}, 'No recipient to send the package to'],
		[{}, { customerEmail: 'ada' }, 'Recipient 1: Email must be an email address, not "ada"'],
		[{ placeFields: { field: [{ searchText: 'Witness:', order: 3, fieldType: 'SIGNATURE', side: 'LEFT' }] } }, {}, 'Field 1: Recipient Order is 3, but there are 2 recipients'],
		[{ placeFields: { field: [{ searchText: '', order: 1 }] } }, {}, 'Field 1: Search Text is empty'],
		[{ binaryPropertyNames: 'data, annex' }, {}, 'The input item has no file in the binary field "annex"'],
		[{ prefill: { field: [{ name: '', value: 'x' }] } }, {}, 'Prefilled field 1: Name is empty'],
		[{ options: { workflowMode: 'EVERYONE' } }, {}, 'Workflow Mode must be one of'],
	])('refuses %p %p before any request', async (parameters, item, message) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(send(parameters), [itemWithFiles({ ...form, ...item })], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(message), attempts: 0 });
		expect(harness.sim.log.slice(from)).toEqual([]);
	});
});

describe.each(['v4', 'v3'])('Package > Send for Signature with recipients and values from the item (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset());
	const signers = (count: number) => Array.from({ length: count }, (_, index) => ({ name: `Signer ${index + 1}`, email: `signer${index + 1}@example.com`, signingOrder: index + 1 }));
	const fromItem = (extra: object = {}) =>
		send({
			recipientSource: 'json',
			recipientsJson: '={{ $json.signers }}',
			recipients: {},
			placeFields: { field: [{ searchText: 'Customer signature:', order: 1, fieldType: 'SIGNATURE', side: 'RIGHT' }] },
			prefillSource: 'json',
			prefillJson: '={{ $json.values }}',
			prefill: {},
			...extra,
		});

	it('takes each item\'s list of 1, 3 and 7 signers and its values, in one Add Users call per package', async () => {
		const from = harness.sim.log.length;
		const items = [1, 3, 7].map((count) => itemWithFiles({ ...form, packageName: `Form with ${count}`, signers: signers(count), values: { customer_name: `Customer of ${count}`, amount: count * 100 } }));
		const { output } = await harness.run(fromItem(), items, { apiVersion });
		expect(output.map((item) => (item.json.recipients as unknown[]).length)).toEqual([1, 3, 7]);
		for (const [index, count] of [1, 3, 7].entries()) {
			const pkg = harness.sim.packageOf((output[index].json as { packageId: number }).packageId);
			expect(pkg.status).toBe('IN_PROGRESS');
			expect(pkg.recipients.map((r: { user_email: string; signing_order: number }) => [r.user_email, r.signing_order])).toEqual(signers(count).map((signer) => [signer.email, signer.signingOrder]));
			const values = Object.fromEntries(harness.sim.fieldsOf(pkg.documents[0]).map((f: { field_name: string; value: unknown }) => [f.field_name, f.value]));
			expect(values).toMatchObject({ customer_name: `Customer of ${count}`, amount: String(count * 100) });
		}
		expect(harness.requests(from).filter((entry) => entry.method === 'POST' && String(entry.path).endsWith('/workflow/users'))).toHaveLength(3);
	});

	it('reads a list typed as JSON, SigningHub\'s own names, and a list of {name, value} to prefill', async () => {
		const typed = JSON.stringify([{ user_name: 'Ada Lovelace', user_email: 'ada@example.com', role: 'signer' }, { name: 'Copy', email: 'copy@example.com', role: 'CARBON_COPY', email_notification: false }]);
		const { output } = await harness.run(fromItem({ recipientsJson: typed, prefillJson: '[{"name": "customer_name", "value": "Ada Lovelace"}]' }), [itemWithFiles(form)], { apiVersion });
		const pkg = harness.sim.packageOf((output[0].json as { packageId: number }).packageId);
		expect(pkg.recipients.map((r: { user_email: string; role: string; email_notification: boolean }) => [r.user_email, r.role, r.email_notification])).toEqual([
			['ada@example.com', 'SIGNER', true],
			['copy@example.com', 'CARBON_COPY', false],
		]);
		expect(output[0].json).toMatchObject({ fieldsFilled: ['customer_name'] });
	});

	it.each([
		[{ signers: [...signers(2), { name: 'Third', email: 'third' }] }, 'Recipient 3: Email must be an email address, not "third"'],
		[{ signers: [{ name: 'A', email: 'a@example.com', role: 'BOSS' }] }, 'Recipient 1: Role must be one of SIGNER, REVIEWER, EDITOR, CARBON_COPY, INPERSON_HOST, not "BOSS"'],
		[{ signers: [{ name: 'A', email: 'a@example.com', signingOrder: 'first' }] }, 'Recipient 1: Signing Order must be a whole number of at least 1, not "first"'],
		[{ signers: [] }, 'No recipient to send the package to'],
		[{ signers: 'ada@example.com' }, 'Recipients (JSON) is not valid JSON'],
		[{ signers: [signers(1)[0], 'b@example.com'] }, 'Recipients (JSON): entry 2 must be an object, not "b@example.com"'],
		[{ values: [{ name: 'amount', value: [1] }] }, 'Prefilled field "amount" must be text, a number, or true or false'],
	])('refuses %p before any request, naming the entry and field', async (item, message) => {
		const [error] = await harness.refused(fromItem(), [itemWithFiles({ ...form, signers: signers(1), values: {}, ...item })], { apiVersion });
		expect(error.message).toContain(message);
	});
});

