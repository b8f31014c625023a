// Document > Delete: removes one document; never sent twice; refused once shared, with advice.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();
const remove = { resource: 'document', operation: 'delete', packageId: '={{ $json.id }}', documentId: '={{ $json.doc }}' };

describe.each(['v4', 'v3'])('Document > Delete (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'DRAFT', name: 'Deal', documents: [{ name: 'a.pdf' }, { name: 'b.pdf' }] },
				{ id: 8, owner: OWNER, status: 'IN_PROGRESS', documents: [{ name: 'c.pdf' }] },
			],
		}),
	);

	it('deletes the one document', async () => {
		const [first] = harness.sim.packageOf(7).documents;
		const { output } = await harness.run(remove, [{ id: 7, doc: first.id }], { apiVersion });
		expect(output[0].json).toEqual({ packageId: 7, documentId: first.id, package_name: 'Deal', deleted: true });
		expect(harness.sim.packageOf(7).documents.map((d: { name: string }) => d.name)).toEqual(['b.pdf']);
	});

	it("refuses a shared package's document in SigningHub's words, with advice", async () => {
		const [doc] = harness.sim.packageOf(8).documents;
		const { output } = await harness.run(remove, [{ id: 8, doc: doc.id }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document is no longer in draft state', description: expect.stringContaining('Recall the package') });
	});

	it('is never sent twice after a lost answer', async () => {
		await harness.run({ resource: 'recipient', operation: 'getMany', packageId: 7 }, [{}], { apiVersion });
		harness.sim.addFaults({ path: '/documents/\\d+$', method: 'DELETE', status: 504, times: 1 });
		const [doc] = harness.sim.packageOf(7).documents;
		const from = harness.sim.log.length;
		const { output } = await harness.run(remove, [{ id: 7, doc: doc.id }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining('SigningHub may have carried it out'), attempts: 1 });
		expect(harness.requests(from)).toHaveLength(1);
	});
});
