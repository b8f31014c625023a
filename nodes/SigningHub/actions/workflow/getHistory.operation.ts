import type { IDataObject } from 'n8n-workflow';

import { collectPages, pagingProperties, readPaging, totalOf } from '../paging';
import { identifyPackage, packageIdProperty, readPackageId } from '../parameters';
import type { Operation } from '../types';

export const getWorkflowHistory: Operation = {
	resource: 'workflow',
	value: 'getHistory',
	name: 'Get History',
	description: "List what happened to a package (shared, viewed, signed, ...), one item per action",
	action: 'Get the history of a workflow',
	properties: [packageIdProperty('The ID of the package whose history to get, e.g. 123'), ...pagingProperties],
	identify: identifyPackage,
	async execute({ n8n, itemIndex, client }) {
		const packageId = readPackageId(n8n, itemIndex);
		const paging = readPaging(n8n, itemIndex);
		const read = async (page: number, perPage: number) => {
			const answer = await client.request({
				method: 'GET',
				endpoint: 'workflowHistory',
				pathParameters: { packageId, page, perPage },
				expect: 'jsonObject',
				repeatable: true,
				action: `read the history of package ${packageId}`,
			});
			const history = answer.body as IDataObject;
			return { records: (history.actions ?? []) as IDataObject[], total: totalOf(answer.headers), status: history.package_status };
		};
		// v3 answers the whole history at once; v4 page by page.
		const actions =
			client.apiVersion === 'v3'
				? (await read(1, Infinity)).records.slice(0, paging.limit)
				: await collectPages(read, paging);
		return actions.map((action) => ({ json: { packageId, ...action } }));
	},
};
