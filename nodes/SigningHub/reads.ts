import type { IDataObject } from 'n8n-workflow';

import { SigningHubError, type SigningHubClient } from './transport';

/**
 * The SigningHub reads that the node's operations, the trigger and the editor's lists share,
 * and the one paging rule of SigningHub's list calls.
 */

/** Records asked for per page of a list call. */
export const PAGE_SIZE = 50;

/** One page of a list call: its records, and the total SigningHub reports (`x-total-records`). */
export interface Page {
	records: IDataObject[];
	total: number | undefined;
}

/** SigningHub's `x-total-records` header, when it sent one. */
function totalOf(headers: IDataObject): number | undefined {
	const total = Number(headers['x-total-records']);
	return headers['x-total-records'] !== undefined && Number.isFinite(total) ? total : undefined;
}

/** Whether another page follows: this one was full and the total (when sent) is not reached. */
export function hasNextPage(page: number, perPage: number, { records, total }: Page): boolean {
	return records.length >= perPage && (total === undefined || page * perPage < total);
}

/** No list is read past this many pages, whatever the server says (100,000 records at 50 a page). */
export const MAX_PAGES = 2_000;

function endlessList(what: string, why: string): SigningHubError {
	return new SigningHubError({
		reason: 'notSigningHub',
		responseStatus: null,
		signingHubMessage: null,
		transient: false,
		message: `Stopped reading ${what}: ${why}`,
		description:
			'SigningHub, or a proxy in front of it, does not page this list as documented, so the node stopped rather than read it for ever. Check the base URL; set a Limit to read only the first pages.',
	});
}

/**
 * Reads pages (from 1) until the limit, the reported total, or a short page. Bounded: a page
 * that repeats the one before it (a server that ignores the page number) or more than
 * MAX_PAGES pages fail with a clear error instead of reading for ever.
 */
export async function collectPages(
	what: string,
	fetchPage: (page: number, perPage: number) => Promise<Page>,
	limit = Infinity,
): Promise<IDataObject[]> {
	const perPage = Math.min(PAGE_SIZE, limit);
	const collected: IDataObject[] = [];
	let previous = '';
	for (let page = 1; ; page++) {
		if (page > MAX_PAGES) throw endlessList(what, `it has more than ${MAX_PAGES} pages`);
		const answer = await fetchPage(page, perPage);
		const fingerprint = JSON.stringify(answer.records);
		if (page > 1 && answer.records.length > 0 && fingerprint === previous) {
			throw endlessList(what, `page ${page} came back the same as page ${page - 1}`);
		}
		previous = fingerprint;
		collected.push(...answer.records);
		if (collected.length >= limit || !hasNextPage(page, perPage, answer)) return collected.slice(0, limit);
	}
}

export interface PackageListQuery {
	/** One of SigningHub's list filters: ALL, DRAFT, INPROGRESS, COMPLETED, ... */
	status: string;
	page: number;
	perPage: number;
	/** v4's query filters (`modified-from`, `sort-by`, ...); v3 ignores them. */
	query?: IDataObject;
	/** Only packages whose name holds this text, in any script. */
	searchText?: string;
}

/**
 * SigningHub's `x-search-text` header as the vendor's examples write it: the text's UTF-8 bytes
 * in Base64 (v3 guide, Get Packages: `c2FsZXMgY29udHJhY3QgMTA1` is "sales contract 105"). Sent
 * as it is, text outside Latin-1 would be dropped by n8n's HTTP layer, and the list unfiltered.
 */
function searchHeader(searchText: string | undefined): Record<string, string> | undefined {
	return searchText ? { 'x-search-text': Buffer.from(searchText, 'utf8').toString('base64') } : undefined;
}

/**
 * Get Packages: one page of the packages the credential's user sees. A search goes in v4's
 * documented `package-name` filter, and in v3's `x-search-text` header.
 */
export async function readPackagesPage(client: SigningHubClient, { status, page, perPage, query, searchText }: PackageListQuery): Promise<Page> {
	const byName = searchText && client.apiVersion === 'v4';
	const response = await client.request({
		method: 'GET',
		endpoint: 'packages',
		pathParameters: { status, page, perPage },
		query: byName ? { ...query, 'package-name': searchText } : query,
		headers: byName ? undefined : searchHeader(searchText),
		expect: 'jsonArray',
		repeatable: true,
		action: `list the packages (page ${page})`,
	});
	return { records: response.body as IDataObject[], total: totalOf(response.headers) };
}

/** Get Templates: one page of the enterprise's and the user's workflow templates, searched by name. */
export async function readTemplatesPage(client: SigningHubClient, page: number, perPage: number, searchText?: string): Promise<Page> {
	const response = await client.request({
		method: 'GET',
		endpoint: 'templates',
		pathParameters: { perPage, page },
		headers: searchHeader(searchText),
		expect: 'jsonArray',
		repeatable: true,
		action: 'list the workflow templates',
	});
	return { records: response.body as IDataObject[], total: totalOf(response.headers) };
}

/** Get Contacts (v4): one page of the user's personal and enterprise contacts, searched by name or email, in the order asked. */
export async function readContactsPage(client: SigningHubClient, page: number, perPage: number, { searchText, sortBy, ascending }: { searchText?: string; sortBy?: string; ascending?: boolean }): Promise<Page> {
	const response = await client.request({
		method: 'GET',
		endpoint: 'contacts',
		pathParameters: { perPage, page },
		query: sortBy ? { 'sort-by': sortBy, asc: String(ascending === true) } : undefined,
		headers: searchHeader(searchText),
		expect: 'jsonArray',
		repeatable: true,
		action: `list the contacts (page ${page})`,
	});
	return { records: response.body as IDataObject[], total: totalOf(response.headers) };
}

/** Get Workflow History: one page (v4) or the whole history (v3) of a package. */
export async function readHistoryPage(client: SigningHubClient, packageId: number, page: number, perPage: number): Promise<Page> {
	const response = await client.request({
		method: 'GET',
		endpoint: 'workflowHistory',
		pathParameters: { packageId, page, perPage },
		expect: 'jsonObject',
		repeatable: true,
		action: `read the history of package ${packageId}`,
	});
	const history = response.body as IDataObject;
	return { records: (history.actions ?? []) as IDataObject[], total: totalOf(response.headers) };
}

/** Get Workflow Details: the package and its workflow, as SigningHub describes them. */
export async function readWorkflowDetails(client: SigningHubClient, packageId: number): Promise<IDataObject> {
	const response = await client.request({
		method: 'GET',
		endpoint: 'workflow',
		pathParameters: { packageId },
		expect: 'jsonObject',
		repeatable: true,
		action: `read the workflow of package ${packageId}`,
	});
	return response.body as IDataObject;
}

/** Get Workflow Users: the package's recipients with their progress. */
export async function readRecipients(client: SigningHubClient, packageId: number): Promise<IDataObject[]> {
	const response = await client.request({
		method: 'GET',
		endpoint: 'workflowUsers',
		pathParameters: { packageId },
		expect: 'jsonArray',
		repeatable: true,
		action: `read the recipients of package ${packageId}`,
	});
	return response.body as IDataObject[];
}

/** The lists of Get Document Fields, by the kind of field they hold; v3 calls the signature list `digital_signature`. */
const FIELD_LISTS = ['signature', 'digital_signature', 'hand_signature', 'electronic_signature', 'initials', 'in_person_signature', 'text', 'radio', 'checkbox', 'dropdown', 'listbox', 'qrcode', 'attachment', 'comment', 'unique_identifier'];

/** Fields whose value Fill Form Fields sets: the lists of Get Document Fields that hold them. */
export const FILLABLE_FIELD_KINDS = ['text', 'radio', 'checkbox', 'dropdown', 'listbox'];

/** One field of a document: its kind (the list SigningHub put it in; `signature` on v3 too) and SigningHub's description of it. */
export interface DocumentField {
	kind: string;
	field: IDataObject;
}

/** A document of a package and its fields, every page. */
export interface DocumentFields {
	documentId: number;
	documentName: string;
	fields: DocumentField[];
}


/** A document of a package as Get Workflow Details lists it: its ID, name and pages. */
export interface PackageDocument {
	documentId: number;
	documentName: string;
	pages: number;
}

/** One document of a package (without `documentId`: its first), from Get Workflow Details; fails naming the documents there are. */
export async function findDocument(client: SigningHubClient, packageId: number, documentId?: number): Promise<PackageDocument> {
	const documents = ((await readWorkflowDetails(client, packageId)).documents ?? []) as IDataObject[];
	const document = documentId === undefined ? documents[0] : documents.find((candidate) => Number(candidate.id ?? candidate.document_id) === documentId);
	if (!document) {
		const ids = documents.map((candidate) => candidate.id ?? candidate.document_id).join(', ');
		throw new SigningHubError({
			reason: 'notFound',
			responseStatus: null,
			signingHubMessage: null,
			transient: false,
			message: documentId === undefined ? `Package ${packageId} has no document` : `Package ${packageId} has no document ${documentId}`,
			description: ids ? `Its documents are: ${ids}. Set Document ID to one of them, or leave it empty for the first.` : 'Upload a document to the package first.',
		});
	}
	return {
		documentId: Number(document.id ?? document.document_id),
		documentName: String(document.name ?? document.document_name ?? ''),
		pages: Math.max(1, Number(document.pages ?? document.document_pages ?? 1) || 1),
	};
}

/**
 * Get Document Details (the document's own call, v3 guide page 1026): its name and pages. A
 * recipient may make it where a package call such as Get Workflow Details is the owner's.
 */
async function readDocumentDetails(client: SigningHubClient, packageId: number, documentId: number): Promise<PackageDocument> {
	const response = await client.request({
		method: 'GET',
		endpoint: 'documentDetails',
		pathParameters: { packageId, documentId },
		expect: 'jsonObject',
		repeatable: true,
		action: `read document ${documentId} of package ${packageId}`,
	});
	const details = response.body as IDataObject;
	return { documentId, documentName: String(details.document_name ?? ''), pages: Math.max(1, Number(details.document_pages ?? 1) || 1) };
}

/**
 * Get Document Fields of every page of one document (documented one page at a time). With
 * `documentId`, only the document's own calls (its details for the pages, then its fields), so a
 * recipient is not stopped by a call only the owner may make; without, the package's first
 * document from Get Workflow Details.
 */
export async function readDocumentFields(client: SigningHubClient, packageId: number, documentId?: number): Promise<DocumentFields> {
	const { documentId: id, documentName, pages } = documentId === undefined ? await findDocument(client, packageId) : await readDocumentDetails(client, packageId, documentId);
	const fields: DocumentField[] = [];
	for (let page = 1; page <= pages; page++) {
		const response = await client.request({
			method: 'GET',
			endpoint: 'documentFields',
			pathParameters: { packageId, documentId: id, page },
			expect: 'jsonObject',
			repeatable: true,
			action: `read the fields of document ${id} of package ${packageId} (page ${page})`,
		});
		const lists = response.body as IDataObject;
		for (const list of FIELD_LISTS) {
			for (const field of (lists[list] ?? []) as IDataObject[]) fields.push({ kind: list === 'digital_signature' ? 'signature' : list, field });
		}
	}
	return { documentId: id, documentName, fields };
}
