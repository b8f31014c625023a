// Document > Rename: per item, SigningHub's answer passed on, unknown document refused in its words.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();
const rename = { resource: 'document', operation: 'rename', packageId: '={{ $json.id }}', documentId: '={{ $json.doc }}', documentName: '={{ $json.name }}' };

describe.each(['v4', 'v3'])('Document > Rename (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT', name: 'Deal', documents: [{ name: 'a.pdf' }] }] }));

	it('renames the document and says so', async () => {
		const [doc] = harness.sim.packageOf(7).documents;
		const { output } = await harness.run(rename, [{ id: 7, doc: doc.id, name: 'Contract.pdf' }, { id: 7, doc: 999, name: 'X' }, { id: 7, doc: doc.id, name: '' }], { apiVersion, continueOnFail: true });
		expect(output[0].json).toEqual({ packageId: 7, documentId: doc.id, documentName: 'Contract.pdf', package_name: 'Deal', renamed: true });
		expect(harness.sim.packageOf(7).documents[0].name).toBe('Contract.pdf');
		expect(output[1].json.error).toMatchObject({ httpCode: 404, signingHubMessage: 'Document not found', documentId: 999 });
		expect(output[2].json.error).toMatchObject({ message: 'New Name is empty', attempts: 0 });
	});
});
