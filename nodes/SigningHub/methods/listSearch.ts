import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { DEFAULT_TRANSPORT_OPTIONS } from '../actions/options';
import { PAGE_SIZE, totalOf } from '../actions/paging';
import { SigningHubClient } from '../transport';

/** The editor's Template list: SigningHub's templates, a page at a time, filtered by name. */
export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await SigningHubClient.create(this, DEFAULT_TRANSPORT_OPTIONS);
	const page = Number(paginationToken ?? 1);
	const answer = await client.request({
		method: 'GET',
		endpoint: 'templates',
		pathParameters: { perPage: PAGE_SIZE, page },
		headers: filter ? { 'x-search-text': filter } : {},
		expect: 'jsonArray',
		repeatable: true,
		action: 'list the workflow templates',
	});
	const templates = answer.body as IDataObject[];
	const total = totalOf(answer.headers);
	const more = templates.length === PAGE_SIZE && (total === undefined || page * PAGE_SIZE < total);
	return {
		results: templates.map((template) => ({ name: String(template.template_name), value: String(template.template_name), description: String(template.description ?? '') })),
		paginationToken: more ? String(page + 1) : undefined,
	};
}
