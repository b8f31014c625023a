import type { IDataObject } from 'n8n-workflow';

/**
 * What a call from SigningHub may say. Its method, events and body are not documented (the
 * enterprise "Webhooks" URL), except for the Workflow Completion Report (XML whose `DocumentID`
 * holds the package ID). So nothing here is relied on: a package ID found only narrows the
 * trigger's follow-up, and a call that says nothing readable is still a call to look.
 */
export interface Call {
	/** The package the call names, when it names one (a positive whole number, as text). */
	packageId?: string;
	/** The `action` it names (one public integration reads shared, signed, declined, reviewed, forbidden, none). */
	action?: string;
}

/** Keys that name the package: `package_id` (JSON, form, query), `DocumentID` (the Completion Report). */
const PACKAGE_KEYS = new Set(['packageid', 'documentid']);

/** In text (a body n8n did not parse, or a form field holding XML or JSON): the same keys. */
const PACKAGE_IN_TEXT = [/<\s*(?:[\w-]+:)?DocumentID\s*>\s*(\d+)\s*</i, /package_?id["']?\s*[:=]\s*["']?(\d+)/i];

/** How deep a body is searched: SigningHub's known shapes are at most three levels deep. */
const MAX_DEPTH = 6;

const normalizedKey = (key: string) => key.toLowerCase().replace(/[^a-z]/g, '');

function wholeNumber(value: unknown): string | undefined {
	// n8n's XML parser gives an element with attributes as { _: text, $: attributes }.
	const text = typeof value === 'object' && value !== null && '_' in value ? (value as IDataObject)._ : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	return /^\d{1,15}$/.test(trimmed) && Number(trimmed) > 0 ? String(Number(trimmed)) : undefined;
}

function search(value: unknown, depth: number, found: Call): void {
	if (depth > MAX_DEPTH || (found.packageId !== undefined && found.action !== undefined)) return;
	if (typeof value === 'string') {
		for (const pattern of PACKAGE_IN_TEXT) found.packageId ??= value.match(pattern)?.[1];
		return;
	}
	if (Array.isArray(value)) {
		for (const entry of value) search(entry, depth + 1, found);
		return;
	}
	if (typeof value !== 'object' || value === null) return;
	for (const [key, entry] of Object.entries(value as IDataObject)) {
		const name = normalizedKey(key);
		if (PACKAGE_KEYS.has(name)) found.packageId ??= wholeNumber(Array.isArray(entry) ? entry[0] : entry);
		else if (name === 'action' && typeof entry === 'string' && entry.trim() !== '') found.action ??= entry.trim().toLowerCase();
		else search(entry, depth + 1, found);
	}
}

/** The package and action a call names, from its query and its body (as n8n parsed it, or as text). */
export function readCall(query: unknown, body: unknown): Call {
	const found: Call = {};
	search(query, 0, found);
	search(body, 0, found);
	return found;
}

/**
 * Whether the call carries the key the node asks for (`?key=`); any call does when no key is
 * set. Compared in time independent of where the texts differ.
 */
export function keyMatches(expected: string, query: unknown): boolean {
	if (expected === '') return true;
	const given = typeof query === 'object' && query !== null ? (query as IDataObject).key : undefined;
	if (typeof given !== 'string') return false;
	let difference = expected.length ^ given.length;
	for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ (given.charCodeAt(i % Math.max(given.length, 1)) || 0);
	return difference === 0;
}
