import type { IDataObject } from 'n8n-workflow';

import type { SigningHubClient } from '../../transport';
import { identifyPackage, packageIdProperty, readPackageId } from '../parameters';
import type { Operation } from '../types';

/** Get Workflow Users: the package's recipients with their progress. */
export async function readRecipients(client: SigningHubClient, packageId: number): Promise<IDataObject[]> {
	const answer = await client.request({
		method: 'GET',
		endpoint: 'workflowUsers',
		pathParameters: { packageId },
		expect: 'jsonArray',
		repeatable: true,
		action: `read the recipients of package ${packageId}`,
	});
	return answer.body as IDataObject[];
}

export const getManyRecipients: Operation = {
	resource: 'recipient',
	value: 'getMany',
	name: 'Get Many',
	description: "List a package's recipients with their role and progress, one item per recipient",
	action: 'Get many recipients',
	properties: [packageIdProperty('The ID of the package whose recipients to get, e.g. 123')],
	identify: identifyPackage,
	async execute({ n8n, itemIndex, client }) {
		const packageId = readPackageId(n8n, itemIndex);
		return (await readRecipients(client, packageId)).map((recipient) => ({ json: { packageId, ...recipient } }));
	},
};
