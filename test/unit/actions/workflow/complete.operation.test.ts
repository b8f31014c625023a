// Workflow > Complete: each item's package completed, Succeed If Already Completed read for each
// item, bad input refused before any request, SigningHub's refusals in its words, on v3 and v4.
import { API_VERSIONS, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const complete = (options: object = {}) => ({ resource: 'workflow', operation: 'complete', packageId: '={{ $json.packageId }}', options });

const lenientOption = { alreadyCompletedAsSuccess: '={{ $json.lenient }}' };

describe.each(API_VERSIONS)('Workflow > Complete (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'IN_PROGRESS' },
				{ id: 8, owner: OWNER, status: 'IN_PROGRESS' },
				{ id: 9, owner: OWNER, status: 'COMPLETED' },
				{ id: 10, owner: OWNER, status: 'COMPLETED' },
				{ id: 11, owner: OWNER, status: 'DRAFT' },
				{ id: 12, owner: 'colleague@example.com', status: 'IN_PROGRESS' },
			],
		}),
	);

	it("completes each item's package", async () => {
		const { output } = await harness.run(complete(), [{ packageId: 7 }, { packageId: 8 }], { apiVersion });

		expect(harness.calls()).toEqual([`POST /${apiVersion}/packages/7/complete`, `POST /${apiVersion}/packages/8/complete`]);
		expect([7, 8].map((id) => harness.sim.packageOf(id).status)).toEqual(['COMPLETED', 'COMPLETED']);
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ packageId: 7, completed: true }, { item: 0 }],
			[{ packageId: 8, completed: true }, { item: 1 }],
		]);
	});

	it('takes an already completed package as a success or an error, as each item says; a success when the option is not added', async () => {
		const errors = await harness.errors(complete(lenientOption), [{ packageId: 9, lenient: true }, { packageId: 10, lenient: 'false' }], { apiVersion });
		// The simulator's words (ASSUMED): the reference does not say how SigningHub answers.
		expect(errors).toEqual([undefined, expect.objectContaining({ httpCode: 400, message: 'Could not complete the workflow of package 10: Document workflow is already completed', packageId: 10 })]);

		const { output } = await harness.run(complete(), [{ packageId: 9 }], { apiVersion });
		expect(output.map((item) => item.json)).toEqual([{ packageId: 9, completed: true, alreadyCompleted: true }]);
	});

	it('fails a draft even when an already completed package would be a success', async () => {
		const [error] = await harness.errors(complete(lenientOption), [{ packageId: 11, lenient: true }], { apiVersion });
		expect(error).toMatchObject({ httpCode: 400, signingHubMessage: 'Document is still in draft state', packageId: 11 });
		expect(harness.sim.packageOf(11).status).toBe('DRAFT');
	});

	it('refuses a bad Package ID or Succeed If Already Completed value before any request', async () => {
		const errors = await harness.refused(complete(lenientOption), [{ packageId: 'x', lenient: true }, { packageId: 7, lenient: 'maybe' }], { apiVersion });
		expect(errors.map((error) => [error.message, error.packageId])).toEqual([
			['Package ID must be a positive whole number, not "x"', 'x'],
			['Succeed If Already Completed must be true or false, not "maybe"', 7],
		]);
	});

	it("passes SigningHub's documented refusal of another owner's package on in its words", async () => {
		const [error] = await harness.errors(complete(), [{ packageId: 12 }], { apiVersion });
		expect(error).toMatchObject({ httpCode: 400, message: 'Could not complete the workflow of package 12: You are not authorized to view this document', packageId: 12 });
		expect(harness.calls()).toEqual([`POST /${apiVersion}/packages/12/complete`]);
	});

	it('counts a completion whose answer was lost as this run\'s success, also when an already completed package is an error', async () => {
		harness.sim.addFaults({ path: '/packages/7/complete$', kind: 'drop', after: true, times: 1 });
		const { output } = await harness.run(complete(lenientOption), [{ packageId: 7, lenient: false }], { apiVersion });
		expect(output.map((item) => item.json)).toEqual([{ packageId: 7, completed: true }]);
		expect(harness.calls()).toEqual([`GET /${apiVersion}/packages/7/workflow`, `POST /${apiVersion}/packages/7/complete`, `POST /${apiVersion}/packages/7/complete`]);
	});
});
