import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { collectPages, readTemplatesPage } from '../reads';
import { SigningHubClient } from '../transport';

/**
 * The editor's Template list: SigningHub's templates whose name holds the filter, read page by
 * page under the one paging rule (bounded, a repeated page stops it).
 */
export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await SigningHubClient.create(this);
	const templates = await collectPages('the workflow templates', async (page, perPage) => await readTemplatesPage(client, page, perPage, filter || undefined));
	return {
		results: templates.map((template) => ({
			name: String(template.template_name),
			value: String(template.template_name),
			description: String(template.description ?? ''),
		})),
	};
}
