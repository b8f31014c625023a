import type { IDataObject } from 'n8n-workflow';

import { collectPages, pagingProperties, readPaging, totalOf } from '../paging';
import { readText } from '../parameters';
import { InvalidInputError, type Operation } from '../types';

const STATUSES = ['ALL', 'DRAFT', 'INPROGRESS', 'PENDING', 'SIGNED', 'COMPLETED', 'REVIEWED', 'DECLINED', 'EDITED', 'EXPIRING_IN_SEVEN_DAYS'];

const title = (status: string) =>
	status
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ')
		.replace('Inprogress', 'In Progress');

export const getManyPackages: Operation = {
	resource: 'package',
	value: 'getMany',
	name: 'Get Many',
	description: 'List the packages of the credential\'s user, newest first, one item per package',
	action: 'Get many packages',
	properties: [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'ALL',
			options: STATUSES.map((value) => ({ name: title(value), value })),
			description: "Only packages in this state, as SigningHub's package list filters them",
		},
		{
			displayName: 'Search Text',
			name: 'searchText',
			type: 'string',
			default: '',
			description: 'Only packages whose name holds this text',
		},
		...pagingProperties,
	],
	identify: (n8n, itemIndex) => ({ status: n8n.getNodeParameter('status', itemIndex, 'ALL') as string }),
	async execute({ n8n, itemIndex, client }) {
		const status = readText(n8n, itemIndex, 'status', 'Status').toUpperCase();
		if (!STATUSES.includes(status)) {
			throw new InvalidInputError(`Status must be one of SigningHub's package states, not "${status}"`, `Choose a Status, or map one of: ${STATUSES.join(', ')}.`);
		}
		const searchText = readText(n8n, itemIndex, 'searchText', 'Search Text', false);
		const paging = readPaging(n8n, itemIndex);
		const packages = await collectPages(async (page, perPage) => {
			const answer = await client.request({
				method: 'GET',
				endpoint: 'packages',
				pathParameters: { status, page, perPage },
				headers: searchText ? { 'x-search-text': searchText } : {},
				expect: 'jsonArray',
				repeatable: true,
				action: `list the packages (page ${page})`,
			});
			return { records: answer.body as IDataObject[], total: totalOf(answer.headers) };
		}, paging);
		return packages.map((json) => ({ json }));
	},
};
