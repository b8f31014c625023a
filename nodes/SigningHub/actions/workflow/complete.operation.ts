import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readWorkflowDetails } from '../../reads';
import { RequestFailure, type SigningHubClient } from '../../transport';
import { packageIdProperty, packageInput, readBooleanOption, readPackageId } from '../parameters';
import type { Operation } from '../types';

const alreadyCompletedOption: INodeProperties = {
	displayName: 'Succeed If Already Completed',
	name: 'alreadyCompletedAsSuccess',
	type: 'boolean',
	default: true,
	description:
		"Whether a package whose workflow is already completed is a success, marked 'alreadyCompleted: true', rather than an error",
};

/**
 * Failures after which the package may in fact be completed: SigningHub refused it for its
 * state (the reference does not say how it answers an already completed package), or the
 * outcome is unknown (no answer, or SigningHub unavailable after retries).
 */
function mayBeCompleted(error: unknown): error is RequestFailure {
	return error instanceof RequestFailure && ['refused', 'unavailable', 'network'].includes(error.reason);
}

async function isCompleted(client: SigningHubClient, packageId: number): Promise<boolean> {
	const details = await readWorkflowDetails(client, packageId).catch(() => ({}) as IDataObject);
	const workflow = (details.workflow ?? {}) as IDataObject;
	return [details.package_status, workflow.workflow_status].some((status) => String(status ?? '').toUpperCase() === 'COMPLETED');
}

export const completeWorkflow: Operation<{ packageId: number; lenient: boolean }> = {
	resource: 'workflow',
	value: 'complete',
	name: 'Complete',
	description: "End a package's signing workflow now: recipients who have not signed yet are no longer asked to",
	action: 'Complete a workflow',
	agent: {
		does: "Ends a shared SigningHub package's workflow now. Needs the package ID. Returns completed: true (alreadyCompleted: true when it was completed before).",
		changes: 'ends the workflow for good: recipients who have not acted yet are no longer asked to, and the package is completed as it stands',
		reaches: 'the recipients and post-processing addresses SigningHub tells of a completed package',
		destructive: true,
		final: true,
	},
	properties: [packageIdProperty('The ID of the package whose workflow to complete, e.g. 123')],
	options: [
		alreadyCompletedOption,
	],
	identifyingInputs: packageInput,
	read: ({ context, itemIndex }) => ({ packageId: readPackageId(context, itemIndex), lenient: readBooleanOption(context, itemIndex, alreadyCompletedOption) }),
	async send({ client }, { packageId, lenient }) {
		const failure = await client
			.request({
				method: 'POST',
				endpoint: 'completeWorkflow',
				pathParameters: { packageId },
				expect: 'emptyOrJson',
				repeatable: true,
				action: `complete the workflow of package ${packageId}`,
			})
			.then(
				() => undefined,
				(error: unknown) => error,
			);
		if (failure === undefined) return { json: { packageId, completed: true } };
		// In strict mode a completed workflow is still this run's success when one of its tries
		// got no answer: that try completed it.
		if (mayBeCompleted(failure) && (lenient || failure.mayHaveTakenEffect) && (await isCompleted(client, packageId))) {
			return { json: lenient ? { packageId, completed: true, alreadyCompleted: true } : { packageId, completed: true } };
		}
		throw failure;
	},
};
