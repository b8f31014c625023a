// Document > Download: one document into the item's chosen binary field; a draft refused in
// SigningHub's words; bad IDs before any request.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();
const download = (options: object = {}) => ({ resource: 'document', operation: 'download', packageId: '={{ $json.id }}', documentId: '={{ $json.doc }}', options });

describe.each(['v4', 'v3'])('Document > Download (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'COMPLETED', documents: [{ name: 'a.pdf', content: '%PDF-1.4 a' }, { name: 'b.pdf', content: '%PDF-1.4 b' }] },
				{ id: 8, owner: OWNER, status: 'DRAFT', documents: [{ name: 'c.pdf' }] },
			],
		}),
	);

	it('downloads the one document asked for into the field of each item', async () => {
		const [, second] = harness.sim.packageOf(7).documents;
		const { output, bytesOf } = await harness.run(download({ binaryPropertyName: '={{ $json.field }}' }), [{ id: 7, doc: second.id, field: 'annex' }], { apiVersion });
		expect(output[0].json).toMatchObject({ packageId: 7, documentId: second.id, fileName: 'b.pdf', mimeType: 'application/pdf' });
		expect(bytesOf(output[0].binary?.annex)?.toString('utf8')).toMatch(/^%PDF-1\.4 b/);
	});

	it("refuses a draft in SigningHub's words, and bad IDs before any request", async () => {
		const from = harness.sim.log.length;
		const [draftDoc] = harness.sim.packageOf(8).documents;
		const { output } = await harness.run(download(), [{ id: 8, doc: draftDoc.id }, { id: 7, doc: '' }, { id: 7, doc: '3?x=1' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Downloading document is not allowed in draft mode' });
		expect(output[1].json.error).toMatchObject({ message: 'Document ID is empty', attempts: 0 });
		expect(output[2].json.error).toMatchObject({ message: 'Document ID must be a positive whole number, not "3?x=1"', attempts: 0 });
		expect(harness.requests(from).filter((entry) => entry.status !== 401)).toHaveLength(1);
	});
});
