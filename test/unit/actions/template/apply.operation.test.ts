// Template > Apply: each item's template on its package, its Document ID read for each item,
// bad input refused before any request, SigningHub's refusals in its words, on v3 and v4.
import { API_VERSIONS, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const apply = (options: object = {}) => ({
	resource: 'template',
	operation: 'apply',
	packageId: '={{ $json.packageId }}',
	templateName: { __rl: true, mode: 'name', value: '={{ $json.template }}' },
	options,
});

const documentIdOption = { documentId: '={{ $json.documentId }}' };

/** The size of the body Apply sends, to tell "every document" from one. */
const bodyBytes = (template: string, all: boolean) => Buffer.byteLength(JSON.stringify({ template_name: template, apply_to_all: all }));

const emails = (packageId: number) => harness.sim.packageOf(packageId).recipients.map((r: { user_email: string }) => r.user_email);

const documents = [{ name: 'contract.pdf', content: 'A' }, { name: 'annex.pdf', content: 'B' }];

beforeEach(() =>
	harness.sim.reset({
		packages: [
			{ id: 7, owner: OWNER, status: 'DRAFT', documents },
			{ id: 8, owner: OWNER, status: 'DRAFT', documents },
			{ id: 9, owner: OWNER, status: 'IN_PROGRESS', documents },
			{ id: 10, owner: OWNER, status: 'DRAFT' },
		],
	}),
);

describe.each(API_VERSIONS)('Template > Apply (%s)', (apiVersion) => {
	it('applies each item its own template to its own document', async () => {
		const [, annex] = harness.sim.packageOf(7).documents;
		const [contract] = harness.sim.packageOf(8).documents;
		const { output } = await harness.run(apply(documentIdOption), [
			{ packageId: 7, template: 'NDA', documentId: annex.id },
			{ packageId: 8, template: 'sales contract', documentId: String(contract.id) },
		], { apiVersion });

		expect(harness.calls()).toEqual([`POST /${apiVersion}/packages/7/documents/${annex.id}/template`, `POST /${apiVersion}/packages/8/documents/${contract.id}/template`]);
		expect(new Set(harness.requests().map((request) => request.bodyBytes))).toEqual(new Set([bodyBytes('NDA', false), bodyBytes('sales contract', false)]));
		expect([emails(7), emails(8)]).toEqual([
			['legal@example.com', 'colleague@example.com'],
			['signer@example.com', 'sales@example.com'],
		]);
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ packageId: 7, templateName: 'NDA', documentId: annex.id, applied: true }, { item: 0 }],
			[{ packageId: 8, templateName: 'sales contract', documentId: contract.id, applied: true }, { item: 1 }],
		]);
	});

	it('refuses a bad Document ID, an empty template or a bad Package ID before any request', async () => {
		const errors = await harness.refused(apply(documentIdOption), [
			{ packageId: 7, template: 'NDA', documentId: 'annex' },
			{ packageId: 7, template: 'NDA', documentId: 0 },
			{ packageId: 7, template: ' ', documentId: 1 },
			{ packageId: '', template: 'NDA', documentId: 1 },
		], { apiVersion });
		expect(errors.map((error) => [error.message, error.packageId])).toEqual([
			['Document ID must be a positive whole number, not "annex"', 7],
			['Document ID must be a positive whole number, not "0"', 7],
			['Template is empty', 7],
			['Package ID is empty', ''],
		]);
	});

	it("passes SigningHub's refusals on in its words: a package not in draft, an unknown template", async () => {
		const [contract] = harness.sim.packageOf(9).documents;
		const errors = await harness.errors(apply(documentIdOption), [
			{ packageId: 9, template: 'NDA', documentId: contract.id },
			{ packageId: 7, template: 'Lease', documentId: contract.id },
		], { apiVersion });
		// The simulator's words (ASSUMED): the reference documents no refusal of Apply Template.
		expect(errors).toEqual([
			expect.objectContaining({ httpCode: 403, message: 'Could not apply the template "NDA" to package 9: Document is no longer in draft state', packageId: 9 }),
			expect.objectContaining({ httpCode: 404, signingHubMessage: 'Template not found', packageId: 7 }),
		]);
	});
});

describe('Template > Apply without a Document ID', () => {
	it('applies the template to every document on v4 (document 0)', async () => {
		const { output } = await harness.run(apply(), [{ packageId: 7, template: 'NDA' }], { apiVersion: 'v4' });
		expect(harness.calls()).toEqual(['POST /v4/packages/7/documents/0/template']);
		expect(harness.requests()[0].bodyBytes).toBe(bodyBytes('NDA', true));
		expect(output[0].json).toEqual({ packageId: 7, templateName: 'NDA', documentId: null, applied: true });
		expect(emails(7)).toEqual(['legal@example.com', 'colleague@example.com']);
	});

	it('applies the template to every document on v3 too (apply_to_all, the first document in the path: v3 guide 1024), and fails a package without documents before applying', async () => {
		const [contract] = harness.sim.packageOf(7).documents;
		const { output } = await harness.run(apply(), [{ packageId: 7, template: 'NDA' }, { packageId: 10, template: 'NDA' }], { apiVersion: 'v3', continueOnFail: true });
		expect(harness.calls()).toEqual(['GET /v3/packages/10/workflow', 'GET /v3/packages/7/workflow', `POST /v3/packages/7/documents/${contract.id}/template`]);
		expect(harness.requests().find((entry) => entry.method === 'POST')?.bodyBytes).toBe(bodyBytes('NDA', true));
		expect(harness.sim.packageOf(7).documents.map((doc: { template?: string }) => doc.template)).toEqual(['NDA', 'NDA']);
		expect(output.map((item) => item.json)).toEqual([
			{ packageId: 7, templateName: 'NDA', documentId: null, applied: true },
			{ error: expect.objectContaining({ message: 'Package 10 has no document to apply a template to', httpCode: null, packageId: 10 }) },
		]);
	});
});
