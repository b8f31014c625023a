import type { IDataObject } from 'n8n-workflow';

import { RequestFailure, type SigningHubClient } from '../../transport';
import type { NodeOptions } from '../options';
import { identifyPackage, packageIdProperty, readPackageId } from '../packageId';
import type { Operation } from '../types';
import { readWorkflowDetails } from './get.operation';

/**
 * Failures after which the package may in fact be completed: SigningHub refused it for its
 * state (the reference does not say how it answers an already completed package), or the
 * outcome is unknown (no answer, or SigningHub unavailable after retries).
 */
function mayBeAlreadyCompleted(error: unknown): boolean {
	return error instanceof RequestFailure && ['refused', 'unavailable', 'network'].includes(error.reason);
}

async function isCompleted(client: SigningHubClient, packageId: number): Promise<boolean> {
	const details = await readWorkflowDetails(client, packageId).catch(() => ({}) as IDataObject);
	const workflow = (details.workflow ?? {}) as IDataObject;
	return [details.package_status, workflow.workflow_status].some((status) => String(status ?? '').toUpperCase() === 'COMPLETED');
}

export const completeWorkflow: Operation<number> = {
	resource: 'workflow',
	value: 'complete',
	name: 'Complete',
	description: "End a package's signing workflow now: recipients who have not signed yet are no longer asked to",
	action: 'Complete a workflow',
	properties: [packageIdProperty('The ID of the package whose workflow to complete, e.g. 123')],
	identify: identifyPackage,
	prepare: readPackageId,
	async execute(client: SigningHubClient, packageId: number, options: NodeOptions): Promise<IDataObject> {
		const failure = await client
			.request({
				method: 'POST',
				path: client.endpoints.completeWorkflow(packageId),
				action: `complete the workflow of package ${packageId}`,
			})
			.then(
				() => undefined,
				(error: unknown) => error,
			);
		if (failure === undefined) return { packageId, completed: true };
		if (options.alreadyCompletedAsSuccess && mayBeAlreadyCompleted(failure) && (await isCompleted(client, packageId))) {
			return { packageId, completed: true, alreadyCompleted: true };
		}
		throw failure;
	},
};
