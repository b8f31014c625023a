// Package > Create: one package per item, its Workflow Mode read for each item, bad input
// refused before any request, and its output, on v3 and v4.
import { API_VERSIONS, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const create = (options: object = {}) => ({ resource: 'package', operation: 'create', packageName: '={{ $json.name }}', options });

describe.each(API_VERSIONS)('Package > Create (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset());

	it('creates one draft package per item, each with its own name and workflow mode', async () => {
		const items = [
			{ name: 'Contract A', mode: 'ONLY_ME' },
			{ name: 'Contract B', mode: 'me_and_others' },
			{ name: 'Contract C', mode: 'ONLY_OTHERS' },
		];
		const { output } = await harness.run(create({ workflowMode: '={{ $json.mode }}' }), items, { apiVersion });

		expect(harness.calls()).toEqual(items.map(() => `POST /${apiVersion}/packages`));
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const created = output.map((item) => harness.sim.packageOf(item.json.packageId));
		expect(created.map(({ name, owner, status, workflowMode }) => ({ name, owner, status, workflowMode }))).toEqual([
			{ name: 'Contract A', owner: OWNER, status: 'DRAFT', workflowMode: 'ONLY_ME' },
			{ name: 'Contract B', owner: OWNER, status: 'DRAFT', workflowMode: 'ME_AND_OTHERS' },
			{ name: 'Contract C', owner: OWNER, status: 'DRAFT', workflowMode: 'ONLY_OTHERS' },
		]);
		expect(output[0].json).toEqual({ packageId: created[0].id, packageName: 'Contract A', package_id: created[0].id, workflow_mode: 'ONLY_ME', workflow_type: 'SERIAL' });
	});

	// v4's Add Package requires workflow_mode (v4 schema): the node always sends one, Only Others by default.
	it('creates the package when Workflow Mode is not added, sending Only Others', async () => {
		const { output } = await harness.run(create(), [{ name: ' Contract A ' }], { apiVersion });
		expect(harness.sim.packageOf(output[0].json.packageId)).toMatchObject({ name: 'Contract A', status: 'DRAFT', workflowMode: 'ONLY_OTHERS' });
		expect(output[0].json).toMatchObject({ workflow_mode: 'ONLY_OTHERS' });
	});

	it('refuses an empty name or an unknown workflow mode before any request, naming each item', async () => {
		const errors = await harness.refused(create({ workflowMode: '={{ $json.mode }}' }), [
			{ name: '', mode: 'ONLY_ME' },
			{ name: 'Contract B', mode: 'EVERYONE' },
		], { apiVersion });
		expect(errors).toEqual([
			expect.objectContaining({ message: 'Package Name is empty', packageName: '' }),
			expect.objectContaining({ message: 'Workflow Mode must be one of ME_AND_OTHERS, ONLY_ME, ONLY_OTHERS, not "EVERYONE"', packageName: 'Contract B' }),
		]);
	});
});
