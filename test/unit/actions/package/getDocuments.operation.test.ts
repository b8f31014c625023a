// Package > Get Documents: one item per document with its ID, from Get Workflow Details.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

describe.each(['v4', 'v3'])('Package > Get Documents (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT', documents: [{ name: 'a.pdf' }, { name: 'b.pdf' }] }, { id: 8, owner: OWNER, status: 'DRAFT' }] }));

	it('lists each document with its ID, paired to its package item', async () => {
		const { output } = await harness.run({ resource: 'package', operation: 'getDocuments', packageId: '={{ $json.id }}' }, [{ id: 7 }, { id: 8 }, { id: 'x' }], { apiVersion, continueOnFail: true });
		const ids = harness.sim.packageOf(7).documents.map((d: { id: number }) => d.id);
		expect(output.map((item) => [item.json.documentId, item.json.name, item.pairedItem])).toEqual([
			[ids[0], 'a.pdf', { item: 0 }],
			[ids[1], 'b.pdf', { item: 0 }],
			[undefined, undefined, { item: 2 }],
		]);
		expect(output[2].json.error).toMatchObject({ message: 'Package ID must be a positive whole number, not "x"' });
	});
});
