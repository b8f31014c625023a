// Workflow > Set Post-Processing: the signed copy to given addresses on completion; per item;
// bad addresses before any request; a locked workflow refused in SigningHub's words.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();
const post = (fields: object = {}, options: object = {}) => ({ resource: 'workflow', operation: 'setPostProcessing', packageId: '={{ $json.id }}', copyTo: '={{ $json.to }}', ...fields, options });

describe.each(['v4', 'v3'])('Workflow > Set Post-Processing (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT' }, { id: 8, owner: OWNER, status: 'IN_PROGRESS', lockedWorkflow: true }] }));

	it('sends the signed copy to the addresses of each item', async () => {
		const { output } = await harness.run(post({ processingReport: true }, { message: 'Signed copy attached' }), [{ id: 7, to: 'Archive <archive@example.com>, legal@example.com' }], { apiVersion });
		const expected = {
			enabled: true,
			recipients: [
				{ name: 'Archive', email: 'archive@example.com' },
				{ name: 'legal', email: 'legal@example.com' },
			],
			workflow_recipients: false,
			document_processing_report: true,
			message: 'Signed copy attached',
		};
		expect(output[0].json).toEqual({ packageId: 7, ...expected, updated: true });
		expect(harness.sim.packageOf(7).postProcess).toEqual(expected);
		const details = await harness.run({ resource: 'workflow', operation: 'get', packageId: 7 }, [{}], { apiVersion });
		expect((details.output[0].json.workflow as { post_process: object }).post_process).toEqual(expected);
	});

	it.each([['archive.example.com'], [' , ']])('refuses the addresses %p before any request', async (to) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(post(), [{ id: 7, to }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringMatching(/Send Signed Copy To (must be an email address|has no address)/), attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});

	it("refuses a locked workflow in SigningHub's words, with advice", async () => {
		const { output } = await harness.run(post(), [{ id: 8, to: 'archive@example.com' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'You are not allowed to perform this action on locked workflow', description: expect.stringContaining('locked') });
	});
});
