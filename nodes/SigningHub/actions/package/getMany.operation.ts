import { readPackagesPage, collectPages } from '../../reads';
import { invalidInput } from '../../transport';
import { pagingProperties, readLimit } from '../paging';
import { inputsNamed, readText } from '../parameters';
import type { Operation } from '../types';

const STATUSES = ['ALL', 'DRAFT', 'INPROGRESS', 'PENDING', 'SIGNED', 'COMPLETED', 'REVIEWED', 'DECLINED', 'EDITED', 'EXPIRING_IN_SEVEN_DAYS'];

const title = (status: string) =>
	status
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ')
		.replace('Inprogress', 'In Progress');

export const getManyPackages: Operation<{ status: string; searchText: string; limit: number }> = {
	resource: 'package',
	value: 'getMany',
	name: 'Get Many',
	description: "List the packages of the credential's user, newest first, one item per package",
	action: 'Get many packages',
	agent: {
		does: 'Lists the SigningHub packages the user sees, newest first, optionally only those in one status (DRAFT, INPROGRESS, COMPLETED, DECLINED, ...) or whose name holds a text. Returns one item per package: package_id, package_name, package_owner, package_status, modified_on.',
	},
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
			description: 'Only packages whose name holds this text, in any script (sent as SigningHub documents it: the package-name filter on v4, Base64 in x-search-text on v3)',
		},
		...pagingProperties,
	],
	identifyingInputs: inputsNamed('status', 'searchText'),
	read({ context, itemIndex }) {
		const status = readText(context, itemIndex, 'status', 'Status').toUpperCase();
		if (!STATUSES.includes(status)) {
			throw invalidInput(`Status must be one of SigningHub's package states, not "${status}"`, `Choose a Status, or map one of: ${STATUSES.join(', ')}.`);
		}
		return { status, searchText: readText(context, itemIndex, 'searchText', 'Search Text', false), limit: readLimit(context, itemIndex) };
	},
	async send({ client }, { status, searchText, limit }) {
		const packages = await collectPages('the packages', async (page, perPage) => await readPackagesPage(client, { status, page, perPage, searchText }), limit);
		return packages.map((json) => ({ json }));
	},
};
