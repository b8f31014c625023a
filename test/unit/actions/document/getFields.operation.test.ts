// Document > Get Fields: every field of a document, its value or its signature (who, when, the
// verification), as one item per field or one per document, on v3 and v4.
import { nodeHarness, ownerLogin } from '../harness';
import { contractPackage, CUSTOMER } from './contract';

const harness = nodeHarness();
const getFields = (output = 'FIELD', documentId = '') => ({ resource: 'document', operation: 'getFields', packageId: '={{ $json.packageId }}', documentId, output });

describe.each(['v4', 'v3'])('Document > Get Fields (%s)', (apiVersion) => {
	let documentId: number;
	beforeEach(() => {
		harness.sim.reset({ packages: [contractPackage(7, 'DRAFT')] });
		const pkg = harness.sim.packageOf(7);
		documentId = pkg.documents[0].id;
		// The owner placed a signature for the customer, prefilled, shared; the customer typed and signed.
		harness.sim.fieldsOf(pkg.documents[0]).find((f: { field_name: string }) => f.field_name === 'customer_name').value = 'Ada Lovelace';
		harness.sim.addFieldTo(pkg.documents[0], 'signature', { order: 1, field_name: 'customer_signature' }, 1, { x: 10, y: 10, width: 160, height: 40 });
		pkg.status = 'IN_PROGRESS';
		harness.sim.fillAs(7, documentId, CUSTOMER, { amount: '1200', payment_invoice: true, plan: 'Premium', accept_terms: true });
		harness.sim.sign(7, CUSTOMER);
	});

	it('gives one item per field, with values and the signature', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(getFields(), [{ packageId: 7 }], { apiVersion });
		const byName = Object.fromEntries(output.map((item) => [item.json.fieldName, item.json]));
		expect(Object.keys(byName).sort()).toEqual(['accept_terms', 'amount', 'customer_name', 'customer_signature', 'payment_card', 'payment_invoice', 'plan']);
		expect(byName.customer_name).toMatchObject({ packageId: 7, documentId, documentName: 'contract.pdf', fieldType: 'text', value: 'Ada Lovelace', page: 1 });
		expect(byName.plan).toMatchObject({ fieldType: 'dropdown', value: 'Premium', choices: ['Basic', 'Standard', 'Premium'] });
		expect(byName.payment_invoice).toMatchObject({ fieldType: 'radio', value: true, radioGroup: 'payment' });
		expect(byName.customer_signature).toMatchObject({ fieldType: 'signature', order: 1, signed: true, signedBy: CUSTOMER, verification: { signature_status: 'VALID', signer_name: expect.any(String) } });
		expect(byName.customer_signature.signedOn).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
		expect(output.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		// Documented paths only: the document's pages from Get Workflow Details, then its fields page by page.
		expect(harness.requests(from).map((entry) => `${entry.method} ${entry.path}`)).toEqual([`GET /${apiVersion}/packages/7/workflow`, `GET /${apiVersion}/packages/7/documents/${documentId}/fields/1`]);
	});

	it('gives one item per document, the values by name (a radio group by the field chosen) and the signatures', async () => {
		const { output } = await harness.run(getFields('DOCUMENT', '={{ $json.documentId }}'), [{ packageId: 7, documentId }], { apiVersion });
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			packageId: 7,
			documentId,
			values: { customer_name: 'Ada Lovelace', amount: '1200', plan: 'Premium', payment: 'payment_invoice', payment_card: false, payment_invoice: true, accept_terms: true },
			signatures: [{ fieldName: 'customer_signature', signed: true, signedBy: CUSTOMER }],
		});
	});

	it.each([
		[{ documentId: 'abc' }, 'Document ID must be a positive whole number, not "abc"'],
		[{ packageId: '' }, 'Package ID is empty'],
	])('refuses %p before any request', async (override, message) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(getFields('FIELD', '={{ $json.documentId }}'), [{ packageId: 7, documentId: '', ...override }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(message), attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});

	it("gives SigningHub's answer when the Document ID is not in the package", async () => {
		const { output } = await harness.run(getFields('FIELD', '999'), [{ packageId: 7 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: 404, signingHubMessage: 'Document not found' });
	});

	it("lets a recipient read the fields with her own credential: with a Document ID, only the document's own calls", async () => {
		const customer = { ...ownerLogin(harness.url, apiVersion), username: CUSTOMER, password: 'colleague-pass-2b8d' };
		const from = harness.sim.log.length;
		const { output } = await harness.run(getFields('DOCUMENT', String(documentId)), [{ packageId: 7 }], { apiVersion, credentials: customer });
		expect(output[0].json).toMatchObject({ documentId, documentName: 'contract.pdf', values: { customer_name: 'Ada Lovelace', amount: '1200' } });
		expect(harness.calls(from)).toEqual([`GET /${apiVersion}/packages/7/documents/${documentId}/details`, `GET /${apiVersion}/packages/7/documents/${documentId}/fields/1`]);
		const refused = await harness.run(getFields('DOCUMENT'), [{ packageId: 7 }], { apiVersion, credentials: customer, continueOnFail: true });
		expect(refused.output[0].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document does not belong to user' });
	});

	it('answers for a package the owner does not own in SigningHub\'s words', async () => {
		harness.sim.addPackages({ ...contractPackage(8, 'DRAFT'), owner: CUSTOMER });
		const { output } = await harness.run(getFields(), [{ packageId: 8 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document does not belong to user' });
	});
});
