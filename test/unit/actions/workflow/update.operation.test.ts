// Workflow > Update: type, message, continue on decline, the unchanged settings sent as they are;
// bad input before any request; refused once shared, with advice.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();
const update = (updateFields: object) => ({ resource: 'workflow', operation: 'update', packageId: '={{ $json.id }}', updateFields });

describe.each(['v4', 'v3'])('Workflow > Update (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT', continueOnDecline: true }, { id: 8, owner: OWNER, status: 'IN_PROGRESS' }] }));

	it('changes the type and message of each item, keeping what it does not change', async () => {
		const { output } = await harness.run(update({ workflowType: '={{ $json.type }}', message: '={{ $json.text }}' }), [{ id: 7, type: 'parallel', text: 'Please sign' }], { apiVersion });
		expect(output[0].json).toEqual({ packageId: 7, workflow_type: 'PARALLEL', continue_on_decline: true, message: 'Please sign', updated: true });
		expect(harness.sim.packageOf(7)).toMatchObject({ workflowType: 'PARALLEL', continueOnDecline: true, workflowMessage: 'Please sign' });
	});

	it.each([
		[{}, 'Nothing to update'],
		[{ workflowType: 'CHAOTIC' }, 'Type must be one of SERIAL, PARALLEL, INDIVIDUAL, not "CHAOTIC"'],
		[{ continueOnDecline: 'perhaps' }, 'Continue on Decline must be true or false'],
	])('refuses %p before any request', async (fields, text) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(update(fields), [{ id: 7 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(text), attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});

	it('is refused once the package is shared, with advice', async () => {
		const { output } = await harness.run(update({ continueOnDecline: true }), [{ id: 8 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document is no longer in draft state', description: expect.stringContaining('Recall') });
	});
});
