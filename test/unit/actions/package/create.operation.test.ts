// Package > Create: the workflow mode is always sent (v4 requires it), Only Others by default.
import { nodeHarness } from '../harness';

const harness = nodeHarness();

const create = (options: object = {}) => ({ resource: 'package', operation: 'create', packageName: '={{ $json.name }}', options });

describe.each(['v4', 'v3'])('Package > Create (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({}));

	it('sends Only Others when the option is not added', async () => {
		const { output } = await harness.run(create(), [{ name: 'Default mode' }], { apiVersion });
		expect(output[0].json).toMatchObject({ packageName: 'Default mode', workflow_mode: 'ONLY_OTHERS' });
		expect(harness.sim.packageOf(output[0].json.packageId as number).workflowMode).toBe('ONLY_OTHERS');
	});

	it("sends the option's mode for each item", async () => {
		const { output } = await harness.run(create({ workflowMode: '={{ $json.mode }}' }), [{ name: 'Me too', mode: 'ME_AND_OTHERS' }, { name: 'Alone', mode: 'only_me' }], { apiVersion });
		expect(output.map((item) => item.json.workflow_mode)).toEqual(['ME_AND_OTHERS', 'ONLY_ME']);
	});
});
