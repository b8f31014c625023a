import type { INodeProperties } from 'n8n-workflow';

import { collectPages, readContactsPage } from '../../reads';
import { invalidInput } from '../../transport';
import { pagingProperties, readLimit } from '../paging';
import { checkChoice, inputsNamed, readBoolean, readText } from '../parameters';
import type { Operation } from '../types';

const SORTS = ['DEFAULT', 'NAME', 'EMAIL', 'CREATEDON'];

const ascendingProperty: INodeProperties = {
	displayName: 'Ascending',
	name: 'ascending',
	type: 'boolean',
	default: true,
	displayOptions: { hide: { sortBy: ['DEFAULT'] } },
	description: 'Whether to sort from A to Z (oldest first for Date Added)',
};

export const getManyContacts: Operation<{ searchText: string; sortBy: string; ascending: boolean; limit: number }> = {
	resource: 'contact',
	value: 'getMany',
	name: 'Get Many',
	description: "List the credential's user's contacts, personal and enterprise, one item per contact",
	action: 'Get many contacts',
	agent: {
		does: "Lists the SigningHub contacts (personal and enterprise) of the credential's user, optionally only those whose name or email holds a text. v4 only. Returns one item per contact: id, user_name, user_email, mobile_number, enterprise, created_on.",
	},
	properties: [
		{ displayName: 'Search Text', name: 'searchText', type: 'string', default: '', description: 'Only contacts whose name or email holds this text (sent as SigningHub documents it: Base64 in x-search-text)' },
		{
			displayName: 'Sort By',
			name: 'sortBy',
			type: 'options',
			default: 'DEFAULT',
			options: [
				{ name: "SigningHub's Order", value: 'DEFAULT' },
				{ name: 'Name', value: 'NAME' },
				{ name: 'Email', value: 'EMAIL' },
				{ name: 'Date Added', value: 'CREATEDON' },
			],
		},
		ascendingProperty,
		...pagingProperties,
	],
	identifyingInputs: inputsNamed('searchText'),
	read({ context, itemIndex, apiVersion }) {
		if (apiVersion !== 'v4') {
			throw invalidInput('Contact > Get Many needs SigningHub API v4', "SigningHub documents its contact list (GET /v4/settings/contacts) on v4 only: set the credential's API Version to v4.");
		}
		const sortBy = checkChoice(readText(context, itemIndex, 'sortBy', 'Sort By'), 'Sort By', SORTS);
		const ascending = sortBy === 'DEFAULT' || readBoolean(context, itemIndex, ascendingProperty);
		return { searchText: readText(context, itemIndex, 'searchText', 'Search Text', false), sortBy, ascending, limit: readLimit(context, itemIndex) };
	},
	async send({ client }, { searchText, sortBy, ascending, limit }) {
		const order = { searchText, ...(sortBy === 'DEFAULT' ? {} : { sortBy, ascending }) };
		const contacts = await collectPages('the contacts', async (page, perPage) => await readContactsPage(client, page, perPage, order), limit);
		return contacts.map((json) => ({ json }));
	},
};
