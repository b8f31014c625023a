import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../transport';
import { itemParameter } from './parameters';

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

/** How many records the item asks for: Infinity with Return All. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number {
	if (itemParameter(context, 'returnAll', itemIndex, 'Return All') === true) return Infinity;
	const limit = Number(itemParameter(context, 'limit', itemIndex, 'Limit'));
	if (!(Number.isInteger(limit) && limit >= 1)) {
		throw invalidInput(`Limit must be a whole number of at least 1, not "${String(limit)}"`, 'Set Limit to how many results to return, e.g. 50.');
	}
	return limit;
}
