import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidInputError } from './types';

/** Records asked for per page of a list call. */
export const PAGE_SIZE = 50;

const DEFAULT_LIMIT = 50;

/** Return All and Limit, as n8n's list operations have them. */
export const pagingProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

export interface Paging {
	returnAll: boolean;
	limit: number;
}

export function readPaging(context: IExecuteFunctions, itemIndex: number): Paging {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) === true;
	const limit = returnAll ? Infinity : Number(context.getNodeParameter('limit', itemIndex, DEFAULT_LIMIT));
	if (!returnAll && !(Number.isInteger(limit) && limit >= 1)) {
		throw new InvalidInputError(`Limit must be a whole number of at least 1, not "${String(limit)}"`, 'Set Limit to how many results to return, e.g. 50.');
	}
	return { returnAll, limit };
}

/** One page of a list call: its records, and the total SigningHub reports (`x-total-records`). */
export interface Page {
	records: IDataObject[];
	total: number | undefined;
}

/** Reads pages (from 1) until the limit, the reported total, or a short page. */
export async function collectPages(fetchPage: (page: number, perPage: number) => Promise<Page>, paging: Paging): Promise<IDataObject[]> {
	const perPage = Math.min(PAGE_SIZE, paging.limit);
	const collected: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const { records, total } = await fetchPage(page, perPage);
		collected.push(...records);
		const done = records.length < perPage || (total !== undefined && page * perPage >= total) || collected.length >= paging.limit;
		if (done) return collected.slice(0, paging.limit);
	}
}

/** SigningHub's `x-total-records` header, when it sent one. */
export function totalOf(headers: IDataObject): number | undefined {
	const total = Number(headers['x-total-records']);
	return Number.isFinite(total) ? total : undefined;
}
