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

/**
 * How many values a call's search reads at most, and how much of a text it searches: SigningHub's
 * known shapes hold a few dozen values, and any caller may send a body of megabytes.
 */
const MAX_VISITS = 1_000;
const MAX_TEXT_LENGTH = 65_536;

const normalizedKey = (key: string) => key.toLowerCase().replace(/[^a-z]/g, '');

function wholeNumber(value: unknown): string | undefined {
	// n8n's XML parser gives an element with attributes as { _: text, $: attributes }.
	const text = typeof value === 'object' && value !== null && '_' in value ? (value as IDataObject)._ : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	return /^\d{1,15}$/.test(trimmed) && Number(trimmed) > 0 ? String(Number(trimmed)) : undefined;
}

interface Search {
	found: Call;
	visitsLeft: number;
}

const done = ({ found, visitsLeft }: Search) => visitsLeft <= 0 || (found.packageId !== undefined && found.action !== undefined);

function search(value: unknown, depth: number, state: Search): void {
	const { found } = state;
	if (depth > MAX_DEPTH || done(state)) return;
	state.visitsLeft--;
	if (typeof value === 'string') {
		const text = value.slice(0, MAX_TEXT_LENGTH);
		for (const pattern of PACKAGE_IN_TEXT) found.packageId ??= text.match(pattern)?.[1];
		return;
	}
	if (Array.isArray(value)) {
		for (let index = 0; index < value.length && !done(state); index++) search(value[index], depth + 1, state);
		return;
	}
	if (typeof value !== 'object' || value === null) return;
	for (const key in value) {
		if (done(state)) return;
		if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
		const entry = (value as IDataObject)[key];
		const name = normalizedKey(key.slice(0, 64));
		if (PACKAGE_KEYS.has(name)) {
			state.visitsLeft--;
			found.packageId ??= wholeNumber(Array.isArray(entry) ? entry[0] : entry);
		} else if (name === 'action') {
			state.visitsLeft--;
			if (typeof entry === 'string' && entry.trim() !== '') found.action ??= entry.trim().slice(0, 64).toLowerCase();
		} else search(entry, depth + 1, state);
	}
}

/**
 * The package and action a call names, from its query and its body (as n8n parsed it, or as
 * text), reading at most `MAX_VISITS` values of them.
 */
export function readCall(query: unknown, body: unknown): Call {
	const state: Search = { found: {}, visitsLeft: MAX_VISITS };
	search(query, 0, state);
	search(body, 0, state);
	return state.found;
}

/** The shortest key the credential test accepts: about 96 bits when it is random letters and digits. */
export const MIN_WEBHOOK_KEY_LENGTH = 16;

/**
 * Whether the call may start a look. `expected` undefined: the trigger asks for no key, every call
 * may. Otherwise only a call whose `?key=` is the same non-empty text: a key that came out empty
 * (an expression that gave nothing, an empty credential) refuses every call. Compared in time
 * independent of where the texts differ.
 */
export function keyMatches(expected: string | undefined, query: unknown): boolean {
	if (expected === undefined) return true;
	const given = typeof query === 'object' && query !== null ? (query as IDataObject).key : undefined;
	if (expected === '' || typeof given !== 'string') return false;
	let difference = expected.length ^ given.length;
	for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ (given.charCodeAt(i % Math.max(given.length, 1)) || 0);
	return difference === 0;
}
