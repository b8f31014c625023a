// Document > Fill Fields: values by field name from the editor's mapping (each item its own),
// mapped automatically from the item, or as JSON; an unknown name or a value that does not fit
// fails the item with what the document has, before anything is written; SigningHub's auto_save
// off unless asked; a recipient filling her own fields with only the document's own calls; v3 and v4.
import { nodeHarness, ownerLogin } from '../harness';
import { contractPackage, CUSTOMER } from './contract';

const harness = nodeHarness();
const fill = (fieldValues: object, extra: object = {}) => ({ resource: 'document', operation: 'fillFields', packageId: '={{ $json.packageId }}', documentId: '', fieldsInput: 'MAP', fieldValues, ...extra });
const mapped = (value: object) => fill({ mappingMode: 'defineBelow', value });
const valuesOf = (packageId: number) =>
	Object.fromEntries(harness.sim.fieldsOf(harness.sim.packageOf(packageId).documents[0]).map((field: { field_name: string; value: unknown }) => [field.field_name, field.value]));
const puts = (from: number) => harness.requests(from).filter((entry) => entry.method === 'PUT');

describe.each(['v4', 'v3'])('Document > Fill Fields (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [contractPackage(7), contractPackage(8)] }));

	it("fills each item's own values, checkbox and radio from text, a dropdown's choice", async () => {
		const items = [
			{ packageId: 7, name: 'Ada Lovelace', amount: 1200, terms: 'true', plan: 'Premium' },
			{ packageId: 8, name: 'Alan Turing', amount: '99.50', terms: false, plan: 'Basic' },
		];
		const value = { customer_name: '={{ $json.name }}', amount: '={{ $json.amount }}', accept_terms: '={{ $json.terms }}', plan: '={{ $json.plan }}' };
		const from = harness.sim.log.length;
		const { output } = await harness.run(mapped(value), items, { apiVersion });
		expect(output.map((item) => item.json)).toEqual([
			{ packageId: 7, documentId: expect.any(Number), filled: ['customer_name', 'amount', 'accept_terms', 'plan'], filledCount: 4 },
			{ packageId: 8, documentId: expect.any(Number), filled: ['customer_name', 'amount', 'accept_terms', 'plan'], filledCount: 4 },
		]);
		expect(valuesOf(7)).toMatchObject({ customer_name: 'Ada Lovelace', amount: '1200', accept_terms: true, plan: 'Premium' });
		expect(valuesOf(8)).toMatchObject({ customer_name: 'Alan Turing', amount: '99.50', accept_terms: false, plan: 'Basic' });
		expect(puts(from).map((entry) => entry.path)).toEqual([expect.stringMatching(new RegExp(`^/${apiVersion}/packages/7/documents/\\d+/fields$`)), expect.stringMatching(/packages\/8\//)]);
	});

	it("maps the item's fields by name automatically, selecting a radio field by its group", async () => {
		const { output } = await harness.run(fill({ mappingMode: 'autoMapInputData', value: null }), [{ packageId: 7, customer_name: 'Grace Hopper', payment: 'payment_card', email: 'not a field' }], { apiVersion });
		expect(output[0].json).toMatchObject({ filled: ['customer_name', 'payment_card'] });
		expect(valuesOf(7)).toMatchObject({ customer_name: 'Grace Hopper', payment_card: true, payment_invoice: false });
	});

	it('takes JSON', async () => {
		await harness.run(fill({}, { fieldsInput: 'JSON', fieldsJson: '{"amount": "5", "accept_terms": true}' }), [{ packageId: 7 }], { apiVersion });
		expect(valuesOf(7)).toMatchObject({ amount: '5', accept_terms: true });
	});

	it.each([
		[{ nickname: 'Ada' }, 'has no field named "nickname"', 'customer_name, amount, payment_card, payment_invoice, accept_terms, plan, payment'],
		[{ plan: 'Gold' }, '"Gold" is not a choice of field "plan"', 'Basic, Standard, Premium'],
		[{ accept_terms: 'maybe' }, 'The value of field "accept_terms" must be true or false, not "maybe"', 'checkbox field'],
		[{ payment: 'cash' }, 'The radio group "payment" has no option "cash"', 'payment_card, payment_invoice'],
	])('refuses %p naming what there is, and writes nothing', async (value, message, description) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(mapped(value), [{ packageId: 7 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(message), description: expect.stringContaining(description), httpCode: null });
		expect(puts(from)).toEqual([]);
	});

	it.each([
		[mapped({}), 'No field to fill'],
		[fill({}, { fieldsInput: 'JSON', fieldsJson: '[1, 2]' }), 'Fields (JSON) must be a JSON object'],
		[fill({}, { fieldsInput: 'JSON', fieldsJson: '{"a": ' }), 'Fields (JSON) must be a JSON object'],
	])('refuses empty or broken input before any request', async (parameters, message) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(parameters, [{ packageId: 7 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(message), attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});

	it("sends SigningHub's auto_save as false unless Auto Save is on", async () => {
		await harness.run(mapped({ amount: '42' }), [{ packageId: 7 }], { apiVersion });
		expect(harness.sim.fills.at(-1)).toMatchObject({ packageId: 7, auto_save: false });
		await harness.run(fill({ mappingMode: 'defineBelow', value: { amount: '43' } }, { options: { autoSave: true } }), [{ packageId: 7 }], { apiVersion });
		expect(harness.sim.fills.at(-1)).toMatchObject({ packageId: 7, auto_save: true });
	});

	it("lets a recipient fill her fields with her own credential, with only the document's own calls", async () => {
		const pkg = harness.sim.packageOf(7);
		pkg.status = 'IN_PROGRESS';
		const documentId = pkg.documents[0].id;
		const customer = { ...ownerLogin(harness.url, apiVersion), username: CUSTOMER, password: 'colleague-pass-2b8d' };
		const from = harness.sim.log.length;
		const { output } = await harness.run(fill({ mappingMode: 'defineBelow', value: { customer_name: 'Ada Lovelace' } }, { documentId: String(documentId) }), [{ packageId: 7 }], { apiVersion, credentials: customer });
		expect(output[0].json).toEqual({ packageId: 7, documentId, filled: ['customer_name'], filledCount: 1 });
		expect(valuesOf(7)).toMatchObject({ customer_name: 'Ada Lovelace' });
		expect(harness.calls(from)).toEqual([
			`GET /${apiVersion}/packages/7/documents/${documentId}/details`,
			`GET /${apiVersion}/packages/7/documents/${documentId}/fields/1`,
			`PUT /${apiVersion}/packages/7/documents/${documentId}/fields`,
		]);
		expect(harness.sim.fills.at(-1)).toMatchObject({ user: CUSTOMER, auto_save: false });
	});

	it('fills as the owner while the package is in progress; SigningHub refuses the fields of a completed one', async () => {
		harness.sim.packageOf(7).status = 'IN_PROGRESS';
		await harness.run(mapped({ amount: '42' }), [{ packageId: 7 }], { apiVersion });
		expect(valuesOf(7)).toMatchObject({ amount: '42' });
		harness.sim.packageOf(7).status = 'COMPLETED';
		const { output } = await harness.run(mapped({ amount: '43' }), [{ packageId: 7 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Fields of a completed or declined document cannot be filled' });
	});
});
