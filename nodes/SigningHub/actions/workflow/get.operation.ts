import type { IDataObject } from 'n8n-workflow';

import type { SigningHubClient } from '../../transport';
import { identifyPackage, packageIdProperty, readPackageId } from '../parameters';
import type { Operation } from '../types';

/** Get Workflow Details: the package and its workflow, as SigningHub describes them. */
export async function readWorkflowDetails(client: SigningHubClient, packageId: number): Promise<IDataObject> {
	const answer = await client.request({
		method: 'GET',
		endpoint: 'workflow',
		pathParameters: { packageId },
		expect: 'jsonObject',
		repeatable: true,
		action: `read the workflow of package ${packageId}`,
	});
	return answer.body as IDataObject;
}

export const getWorkflow: Operation = {
	resource: 'workflow',
	value: 'get',
	name: 'Get',
	description: "Get a package's workflow: its status, type, owner, recipients and documents",
	action: 'Get a workflow',
	properties: [packageIdProperty('The ID of the package whose workflow to get, e.g. 123')],
	identify: identifyPackage,
	async execute({ n8n, itemIndex, client }) {
		return { json: await readWorkflowDetails(client, readPackageId(n8n, itemIndex)) };
	},
};
