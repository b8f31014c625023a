import { collectPages, readHistoryPage } from '../../reads';
import { pagingProperties, readLimit } from '../paging';
import { packageIdProperty, packageInput, readPackageId } from '../parameters';
import type { Operation } from '../types';

export const getWorkflowHistory: Operation<{ packageId: number; limit: number }> = {
	resource: 'workflow',
	value: 'getHistory',
	name: 'Get History',
	description: 'List what happened to a package (shared, viewed, signed, ...), one item per action',
	action: 'Get the history of a workflow',
	agent: {
		does: 'Lists what happened to a SigningHub package (created, shared, viewed, signed, declined, ...) with time and user. Needs the package ID. Returns one item per action.',
	},
	properties: [packageIdProperty('The ID of the package whose history to get, e.g. 123'), ...pagingProperties],
	identifyingInputs: packageInput,
	read: ({ context, itemIndex }) => ({ packageId: readPackageId(context, itemIndex), limit: readLimit(context, itemIndex) }),
	async send({ client }, { packageId, limit }) {
		// v3 answers the whole history at once; v4 page by page.
		const actions =
			client.apiVersion === 'v3'
				? (await readHistoryPage(client, packageId, 1, Infinity)).records.slice(0, limit)
				: await collectPages(`the history of package ${packageId}`, async (page, perPage) => await readHistoryPage(client, packageId, page, perPage), limit);
		return actions.map((action) => ({ json: { packageId, ...action } }));
	},
};
