// The router: every item is read and checked before any is sent, so On Error = Stop fails a run
// with a bad item before the first request; a SigningHub error that stops a run lists the items
// already carried out; an expression n8n refuses names its field.
import { nodeHarness, OWNER } from './harness';

const harness = nodeHarness();

const create = { resource: 'package', operation: 'create', packageName: '={{ $json.name }}', options: {} };

describe('the router', () => {
	beforeEach(() => harness.sim.reset({ packages: [1, 2, 3].map((id) => ({ id, owner: OWNER, status: 'DRAFT' })) }));

	it('with On Error = Stop, fails a run with a bad item before anything is sent', async () => {
		const from = harness.sim.log.length;
		const items = Array.from({ length: 20 }, (_, i) => ({ name: i === 3 ? '' : `Batch ${i}` }));
		await expect(harness.run(create, items)).rejects.toThrow('Package Name is empty [item 3]');
		expect(harness.sim.log.slice(from)).toEqual([]);
	});

	it('with a Continue setting, sends every good item and pairs the bad one to its error', async () => {
		const { output } = await harness.run(create, [{ name: 'A' }, { name: '' }, { name: 'B' }], { continueOnFail: true });
		expect(output.map((item) => [item.pairedItem, item.json.packageName ?? (item.json.error as { message: string }).message])).toEqual([
			[{ item: 0 }, 'A'],
			[{ item: 1 }, 'Package Name is empty'],
			[{ item: 2 }, 'B'],
		]);
	});

	it('when SigningHub stops the run, the description lists the items already carried out', async () => {
		const remove = { resource: 'package', operation: 'delete', packageId: '={{ $json.id }}', options: { parallelRequests: 1 } };
		const run = harness.run(remove, [{ id: 1 }, { id: 2 }, { id: 999999990 }, { id: 3 }]);
		await expect(run).rejects.toMatchObject({
			message: 'Could not delete package 999999990: Document not found [item 2]',
			description: expect.stringMatching(/Before the run stopped, SigningHub carried out items 0 to 1: leave them out when you run the others again\.$/),
		});
		expect(harness.sim.packageOf(3)).toBeDefined();
	});

	it("names the field whose expression n8n refused, with n8n's words (here the fake context's)", async () => {
		const from = harness.sim.log.length;
		const complete = { resource: 'workflow', operation: 'complete', packageId: '={{ $json.id + 1 }}', options: {} };
		const { output } = await harness.run(complete, [{ id: 1 }], { continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringMatching(/^Package ID: the fake context evaluates only/), attempts: 0, httpCode: null });
		expect(harness.sim.log.slice(from)).toEqual([]);
	});
});
