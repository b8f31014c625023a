import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { hasNextPage, PAGE_SIZE, readTemplatesPage } from '../reads';
import { SigningHubClient } from '../transport';

/** The editor's Template list: SigningHub's templates, a page at a time, filtered by name. */
export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await SigningHubClient.create(this);
	const page = Number(paginationToken ?? 1);
	const templates = await readTemplatesPage(client, page, PAGE_SIZE, filter ? { 'x-search-text': filter } : undefined);
	return {
		results: templates.records.map((template) => ({
			name: String(template.template_name),
			value: String(template.template_name),
			description: String(template.description ?? ''),
		})),
		paginationToken: hasNextPage(page, PAGE_SIZE, templates) ? String(page + 1) : undefined,
	};
}
