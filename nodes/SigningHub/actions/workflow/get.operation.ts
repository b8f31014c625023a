import type { IDataObject } from 'n8n-workflow';

import type { SigningHubClient } from '../../transport';
import { identifyPackage, packageIdProperty, readPackageId } from '../packageId';
import type { Operation } from '../types';

/** Get Workflow Details: the package and its workflow, as SigningHub describes them. */
export async function readWorkflowDetails(client: SigningHubClient, packageId: number): Promise<IDataObject> {
	return (await client.request({
		method: 'GET',
		endpoint: 'workflowDetails',
		pathParameters: { packageId },
		expect: 'jsonObject',
		action: `read the workflow of package ${packageId}`,
	})) as IDataObject;
}

export const getWorkflow: Operation<number> = {
	resource: 'workflow',
	value: 'get',
	name: 'Get',
	description: "Get a package's workflow: its status, type, owner, next signers and documents",
	action: 'Get a workflow',
	properties: [packageIdProperty('The ID of the package whose workflow to get, e.g. 123')],
	identify: identifyPackage,
	prepare: readPackageId,
	execute: async (client: SigningHubClient, packageId: number) => await readWorkflowDetails(client, packageId),
};
