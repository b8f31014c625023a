import { collectPages, readTemplatesPage } from '../../reads';
import { pagingProperties, readLimit } from '../paging';
import { inputsNamed, readText } from '../parameters';
import type { Operation } from '../types';

export const getManyTemplates: Operation<{ searchText: string; limit: number }> = {
	resource: 'template',
	value: 'getMany',
	name: 'Get Many',
	description: "List the workflow templates the credential's user may apply, one item per template",
	action: 'Get many templates',
	agent: {
		does: "Lists the SigningHub workflow templates the user may apply (their own and the enterprise's), optionally only those whose name holds a text. Returns one item per template: template_id, template_name, template_public, read_only, description. The name is what Template > Apply needs.",
	},
	properties: [
		{
			displayName: 'Search Text',
			name: 'searchText',
			type: 'string',
			default: '',
			description: 'Only templates whose name holds this text, in any script',
		},
		...pagingProperties,
	],
	identifyingInputs: inputsNamed('searchText'),
	read: ({ context, itemIndex }) => ({ searchText: readText(context, itemIndex, 'searchText', 'Search Text', false), limit: readLimit(context, itemIndex) }),
	async send({ client }, { searchText, limit }) {
		const templates = await collectPages('the workflow templates', async (page, perPage) => await readTemplatesPage(client, page, perPage, searchText || undefined), limit);
		return templates.map((json) => ({ json }));
	},
};
