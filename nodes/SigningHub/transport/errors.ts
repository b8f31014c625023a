import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Why a request failed, for code that reacts to it (the user reads message and description).
 * 'invalidInput', 'config' and 'login' failures happened before the request itself was sent.
 */
export type FailureReason =
	| 'invalidInput'
	| 'config'
	| 'login'
	| 'token'
	| 'ownership'
	| 'disabled'
	| 'notFound'
	| 'routeUnknown'
	| 'refused'
	| 'unavailable'
	| 'network'
	| 'tls'
	| 'redirect'
	| 'notSigningHub'
	| 'tooLarge'
	| 'blocked'
	| 'cancelled';

/** What went wrong, in words for the user, without any secret in it. */
export interface FailureDetails {
	reason: FailureReason;
	message: string;
	description: string;
	/**
	 * HTTP status SigningHub answered with, or null when no answer came. Not named like the
	 * fields n8n's NodeApiError reads, which would swap our message for a generic one.
	 */
	responseStatus: number | null;
	/** SigningHub's own text from the error body, or null. */
	signingHubMessage: string | null;
	/** The error key of a body that has one (`{"Error": "otp_required", "Message": ...}`), or null. */
	signingHubErrorKey?: string | null;
	/** Whether trying the same request again may succeed. */
	transient: boolean;
	/** The answer's Retry-After header, when it had one. */
	retryAfter?: unknown;
	/** No answer came after the request was sent: SigningHub may have carried it out. */
	outcomeUnknown?: boolean;
	/** The call that failed, e.g. GET and `/v4/packages/123/workflow` (no host, no query): set once a request was made. */
	method?: string;
	path?: string;
}

/** The one error family of the package: a bad value, a failed login, a refused request. */
export class SigningHubError extends Error implements FailureDetails {
	override readonly name = 'SigningHubError';

	readonly reason: FailureReason;

	readonly description: string;

	readonly responseStatus: number | null;

	readonly signingHubMessage: string | null;

	readonly signingHubErrorKey: string | null;

	readonly transient: boolean;

	readonly retryAfter: unknown;

	readonly outcomeUnknown: boolean;

	readonly method: string | undefined;

	readonly path: string | undefined;

	constructor(details: FailureDetails) {
		super(details.message);
		this.reason = details.reason;
		this.description = details.description;
		this.responseStatus = details.responseStatus;
		this.signingHubMessage = details.signingHubMessage;
		this.signingHubErrorKey = details.signingHubErrorKey ?? null;
		this.transient = details.transient;
		this.retryAfter = details.retryAfter;
		this.outcomeUnknown = details.outcomeUnknown === true;
		this.method = details.method;
		this.path = details.path;
	}
}

/** A request that failed for good, with how many tries it took. */
export class RequestFailure extends SigningHubError {
	constructor(
		details: FailureDetails,
		readonly attempts: number,
		/** Whether a try got no answer (or a gateway's timeout), so SigningHub may have carried it out. */
		readonly mayHaveTakenEffect = false,
	) {
		super(details);
	}
}

/** A value the user gave that must not reach SigningHub: the item fails before any request. */
export function invalidInput(message: string, description: string): SigningHubError {
	return new SigningHubError({ reason: 'invalidInput', responseStatus: null, signingHubMessage: null, transient: false, message, description });
}

const UNEXPECTED = 'An unexpected error happened in the SigningHub node. If it persists, report it with the steps that lead to it.';

/** Any error as one of the family; an error from outside it keeps its message. */
function asSigningHubError(error: unknown): SigningHubError {
	if (error instanceof SigningHubError) return error;
	return new SigningHubError({
		reason: 'config',
		responseStatus: null,
		signingHubMessage: null,
		transient: false,
		message: (error as Error)?.message ?? 'Unknown error',
		description: (error as { description?: string })?.description || UNEXPECTED,
	});
}

/**
 * An error as n8n shows it, for the node and the trigger alike: NodeApiError when SigningHub
 * answered, NodeOperationError otherwise; with the item's index when there is one, and `note`
 * (what the run had already done, say) after the description.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number, note?: string): NodeApiError | NodeOperationError {
	const failure = asSigningHubError(error);
	const message = itemIndex === undefined ? failure.message : `${failure.message} [item ${itemIndex}]`;
	const description = note ? `${failure.description} ${note}` : failure.description;
	const thrown =
		failure.responseStatus === null
			? new NodeOperationError(node, message, { itemIndex, description })
			: new NodeApiError(node, { message, description } as JsonObject, { message, description, httpCode: String(failure.responseStatus), itemIndex });
	// n8n swaps a message that mentions a code such as ECONNREFUSED for a generic one: keep ours.
	thrown.message = message;
	return thrown;
}

/**
 * What an item that failed carries in its `error` field when the node continues on failure,
 * with the item's identifying inputs as the user gave them.
 */
export function errorPayload(error: unknown, inputs: IDataObject = {}): IDataObject {
	const failure = asSigningHubError(error);
	return {
		message: failure.message,
		description: failure.description,
		httpCode: failure.responseStatus,
		signingHubMessage: failure.signingHubMessage,
		method: failure.method ?? null,
		path: failure.path ?? null,
		...inputs,
		attempts: failure instanceof RequestFailure ? failure.attempts : 0,
	};
}

export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const text = body.trim();
	if (!text.startsWith('{') && !text.startsWith('[')) return body;
	try {
		return JSON.parse(text);
	} catch {
		return body;
	}
}

export function isJsonObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/**
 * SigningHub's own words from an error body: `{"Message"}` on resource endpoints,
 * `{"error", "error_description"}` on the token endpoint. Null for bodies that are not
 * JSON (a proxy's HTML page, say): those are not SigningHub's words.
 */
export function signingHubMessageOf(body: unknown): string | null {
	const parsed = parseBody(body);
	if (!isJsonObject(parsed)) return null;
	for (const key of ['Message', 'message', 'error_description', 'Error', 'error']) {
		const value = parsed[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return null;
}

const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);

function isTransientStatus(status: number): boolean {
	return TRANSIENT_STATUSES.has(status);
}

/** The API address advice, shared by every failure that says the base URL is not SigningHub's API. */
export const SET_API_ADDRESS =
	"Set the credential's Base URL to the SigningHub API address (e.g. https://api.signinghub.com), not the web app's or a sign-in page's, and check that SigningHub is up.";

/** What to do, by reason; the login's own failures share these words. */
export const ADVICE = {
	disabled: 'Ask your SigningHub enterprise admin to enable the account, or use the credentials of an active user.',
	ownership:
		"The credential acts for a user who does not own this package. Use the package owner's login, or an enterprise admin with 'Enterprise Admin on Behalf of a User' and the owner's email in 'Act as User'.",
	notFound: 'Check the ID: the item may have been deleted, or belong to another user or enterprise.',
	noSigners: 'Add at least one recipient who signs (Recipient > Add, or Template > Apply) before sharing the package.',
	badRequest: 'SigningHub refused the request as it stands. Its words above say why; check the package is in a state that allows this.',
	forbidden:
		"SigningHub does not let the credential's user do this. Its words above say why; check the user's role and permissions in SigningHub, and that the package is in a state that allows this.",
	refused: 'SigningHub refused the request. Its words above say why.',
	state:
		"The package's status does not allow this (SigningHub's words above); check it with Workflow > Get. Only a package in progress or pending can be recalled, and a draft cannot be downloaded.",
	notDraft:
		'SigningHub allows this only while the package is a draft, before it is shared. Recall the package (Package > Recall), change it, then share it again.',
	lockedWorkflow:
		"The package's workflow is locked in SigningHub (for example by the template it came from), so its recipients and settings cannot be changed. Unlock it in SigningHub, or use a package whose workflow is not locked.",
	noRecipient: "No recipient has that order in the package's workflow. Recipient > Get Many lists the recipients with their order.",
	notAllowed:
		"SigningHub does not allow this for this package or user. For Change Owner: the package must be in progress or completed, and the new owner an active user of the same enterprise.",
	adminRole: "The enterprise admin's role lacks the 'application integration' privilege. Ask the enterprise's owner to grant it to the role in SigningHub.",
	routeUnknown:
		"SigningHub answered that it has no such call at all (the call, not the item, is unknown to it): this SigningHub's version may not offer it, or the credential's API Version (v3 or v4) is not the one it speaks. Check the API Version; the self-test workflow (examples/self-test.json) lists which calls your SigningHub answers.",
	signedDocument: 'Someone has already signed this document, and SigningHub adds no field to a signed document. Place every field before the first signature, in a new package if need be.',
};

/**
 * ASP.NET Web API's standard words for a request no route matches (SigningHub's API is an ASP.NET
 * one; that it answers so is assumed, not documented): the call is unknown, not the item.
 */
const NO_SUCH_ROUTE = /no http resource was found that matches the request uri/i;

/** SigningHub's documented words for a package in the wrong status (v3 guide pages 1040, 1091); a draft-only call has its own advice. */
const WRONG_STATE = /in draft mode|in progress or pending state|not in progress/i;

/**
 * Advice chosen from SigningHub's words only where the words and the status agree (the
 * documented bodies); otherwise the advice for the status alone.
 */
function classify(status: number, said: string): { reason: FailureReason; description: string } {
	if (status === 400 && /not authori[sz]ed to view this document/i.test(said)) return { reason: 'ownership', description: ADVICE.ownership };
	if (status === 403 && /does not belong to user/i.test(said)) return { reason: 'ownership', description: ADVICE.ownership };
	if (status === 403 && /account is disabled/i.test(said)) return { reason: 'disabled', description: ADVICE.disabled };
	if (status === 403 && /no longer in draft state/i.test(said)) return { reason: 'refused', description: ADVICE.notDraft };
	if (status === 403 && /locked workflow/i.test(said)) return { reason: 'refused', description: ADVICE.lockedWorkflow };
	if (status === 403 && /not allowed to perform the requested operation/i.test(said)) return { reason: 'refused', description: ADVICE.notAllowed };
	if (status === 403 && /role does not allow managing integration/i.test(said)) return { reason: 'refused', description: ADVICE.adminRole };
	if (status === 404 && /no user found at given order/i.test(said)) return { reason: 'notFound', description: ADVICE.noRecipient };
	if (status === 403 && /once the document has been signed/i.test(said)) return { reason: 'refused', description: ADVICE.signedDocument };
	if (status === 404 && /add 1 or more signers/i.test(said)) return { reason: 'refused', description: ADVICE.noSigners };
	if (status === 404 && NO_SUCH_ROUTE.test(said)) return { reason: 'routeUnknown', description: ADVICE.routeUnknown };
	if (status === 404) return { reason: 'notFound', description: ADVICE.notFound };
	if ((status === 400 || status === 403) && WRONG_STATE.test(said)) return { reason: 'refused', description: ADVICE.state };
	if (status === 400) return { reason: 'refused', description: ADVICE.badRequest };
	if (status === 403) return { reason: 'refused', description: ADVICE.forbidden };
	return { reason: 'refused', description: ADVICE.refused };
}

/**
 * A failure with the call it came from (what the error payload shows as method and path); a call
 * SigningHub does not know is named in the description too, for the user who sees no payload.
 */
export function forCall(failure: FailureDetails, method: string, path: string): FailureDetails {
	const description = failure.reason === 'routeUnknown' ? `${method} ${path}: ${failure.description}` : failure.description;
	// An Error's message is not enumerable: a spread leaves it out.
	return { ...failure, message: failure.message, method, path, description };
}

/**
 * The `Error` key of a body that carries one beside its Message: SigningHub's documented shape
 * for a protected document (`otp_required`, `password_required`, `invalid_credentials`).
 */
function errorKeyOf(body: unknown): string | null {
	const parsed = parseBody(body);
	const key = isJsonObject(parsed) ? parsed.Error : undefined;
	return typeof key === 'string' && key.trim() !== '' ? key.trim() : null;
}

/** Maps an error answer of a resource endpoint to a failure a user can act on. */
export function describeHttpFailure(status: number, body: unknown, action: string, authMethod: string): FailureDetails {
	const signingHubMessage = signingHubMessageOf(body);
	const said = signingHubMessage ? `: ${signingHubMessage}` : ` (HTTP ${status})`;
	const base = { responseStatus: status, signingHubMessage, signingHubErrorKey: errorKeyOf(body), transient: isTransientStatus(status) };
	if (status === 401) {
		return {
			...base,
			reason: 'token',
			message: `SigningHub did not accept the access token${said}`,
			description:
				authMethod === 'accessToken'
					? 'The token has expired or was revoked. Paste a fresh token into the SigningHub credential, or switch the credential to User Login so the node renews tokens itself.'
					: 'SigningHub refused a freshly issued token too. Check that the user may still use the API, and that the API Version in the credential matches your SigningHub.',
		};
	}
	if (isTransientStatus(status) || status >= 500) {
		return {
			...base,
			reason: 'unavailable',
			message: `Could not ${action}${said}`,
			description: signingHubMessage
				? 'SigningHub had a problem on its side. Try again later; if it keeps failing, contact your SigningHub administrator.'
				: `SigningHub, or a proxy in front of it, answered HTTP ${status} without a SigningHub error in the body. Try again later, and check the base URL if it keeps failing.`,
		};
	}
	if (signingHubMessage === null) return { ...notSigningHubAnswer(status, action), transient: false };
	return { ...base, ...classify(status, signingHubMessage), message: `Could not ${action}${said}` };
}

/** A 2xx or 4xx answer whose body SigningHub would never send (an HTML page, plain text). */
export function notSigningHubAnswer(status: number, action: string): FailureDetails {
	return {
		reason: 'notSigningHub',
		responseStatus: status,
		signingHubMessage: null,
		transient: false,
		message: `Could not ${action}: the base URL did not answer like a SigningHub API (HTTP ${status} without a SigningHub body)`,
		description: SET_API_ADDRESS,
	};
}

function hostOf(location: unknown, baseUrl: string): string {
	try {
		return new URL(String(location), baseUrl).host;
	} catch {
		return 'an unknown address';
	}
}

/** A 3xx answer: never followed, so no token or password reaches the other host. */
export function describeRedirect(status: number, location: unknown, baseUrl: string, action: string): FailureDetails {
	const host = location === undefined ? 'another address' : hostOf(location, baseUrl);
	return {
		reason: 'redirect',
		responseStatus: status,
		signingHubMessage: null,
		transient: false,
		message: `Could not ${action}: the base URL answered with a redirect (HTTP ${status}) to ${host}`,
		description: `The node does not follow redirects, so nothing was sent to ${host}. ${SET_API_ADDRESS}`,
	};
}

const NETWORK_HINTS: Record<string, string> = {
	ECONNREFUSED: 'Nothing is listening at that address.',
	ENOTFOUND: 'The host name could not be resolved.',
	ECONNRESET: 'The connection was dropped before an answer came.',
	EPIPE: 'The connection was dropped while sending.',
	EAI_AGAIN: 'The host name could not be resolved (DNS is unreachable).',
};

/** Failures before a connection was made: the request was certainly not carried out. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i;
/** TLS spoken to a port that answers in plain HTTP (or another protocol): not a certificate problem. */
const WRONG_PROTOCOL_CODES = /WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|HTTP_REQUEST|UNKNOWN_PROTOCOL|RECORD_LAYER_FAILURE|EPROTO/i;

interface SsrfRefusal {
	words: string;
	ip?: string;
	hostname?: string;
}

/** n8n's own refusal of a destination (its SSRF protection, n8n 2.40 and later), found in an error's causes. */
function ssrfRefusalOf(error: unknown): SsrfRefusal | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current; depth++) {
		const { name, message, ip, hostname } = current as { name?: unknown; message?: unknown; ip?: unknown; hostname?: unknown };
		if (name === 'SsrfBlockedIpError' || name === 'SsrfBlockedHostnameError') {
			const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
			return { words: String(message ?? ''), ip: text(ip), hostname: text(hostname) };
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** n8n blocked the request before it left: it never reached SigningHub. */
function blockedBySsrfProtection({ words, ip, hostname }: SsrfRefusal, baseUrl: string): FailureDetails {
	let host = hostname;
	try {
		host ??= new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
	} catch {
		host ??= baseUrl;
	}
	const address = ip ?? host;
	const range = `N8N_SSRF_ALLOWED_IP_RANGES=${address}${address.includes(':') ? '/128' : '/32'}`;
	// n8n matches host names against N8N_SSRF_ALLOWED_HOSTNAMES, and addresses in a URL only against the ranges.
	const byAddress = /^[\d.]+$/.test(host) || host.includes(':');
	const allow = byAddress
		? `its address, ${range} (N8N_SSRF_ALLOWED_HOSTNAMES allows host names, not addresses)`
		: `its host name, N8N_SSRF_ALLOWED_HOSTNAMES=${host}${ip ? `, or its address, ${range}` : ', or its addresses in N8N_SSRF_ALLOWED_IP_RANGES'}`;
	return {
		reason: 'blocked',
		responseStatus: null,
		signingHubMessage: null,
		transient: false,
		message: `n8n's SSRF protection blocked the request to ${host}: ${words}`,
		description:
			"This n8n runs with N8N_SSRF_PROTECTION_ENABLED=true, which blocks private and loopback addresses, such as an on-premises SigningHub's. " +
			`If ${baseUrl} is your SigningHub, ask your n8n administrator to allow ${allow} in n8n's environment, and to restart n8n. Nothing was sent to SigningHub.`,
	};
}

/** Maps an error that came with no HTTP answer (refused, reset, timed out, TLS, blocked by n8n). */
export function describeNetworkFailure(error: unknown, baseUrl: string, timeoutMs?: number): FailureDetails {
	const refusal = ssrfRefusalOf(error);
	if (refusal) return blockedBySsrfProtection(refusal, baseUrl);
	const code = networkCodeOf(error);
	const base = { responseStatus: null, signingHubMessage: null };
	if (WRONG_PROTOCOL_CODES.test(code)) {
		return {
			...base,
			reason: 'network',
			transient: false,
			message: `Could not talk TLS with ${baseUrl} (${code}): the server at that port does not answer in https`,
			description:
				"Check the scheme and port of the credential's Base URL: an https:// address must point at SigningHub's https port (usually 443), not at a plain-http one.",
		};
	}
	if (TLS_CODES.test(code)) {
		return {
			...base,
			reason: 'tls',
			transient: false,
			message: `The certificate of ${baseUrl} is not trusted (${code})`,
			description:
				"For an on-premises SigningHub with an internal certificate authority, turn on 'Ignore SSL Issues' in the credential, or add the authority to n8n's trusted certificates.",
		};
	}
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED' || /timeout/i.test(code)) return timeoutFailure(timeoutMs);
	return {
		...base,
		reason: 'network',
		transient: true,
		outcomeUnknown: !NEVER_SENT_CODES.has(code),
		message: `Could not reach SigningHub at ${baseUrl} (${code || 'network error'})`,
		description: `${NETWORK_HINTS[code] ?? 'The connection failed.'} Check the base URL in the credential and that n8n can reach it.`,
	};
}

/** No whole answer within the deadline of one try. */
export function timeoutFailure(timeoutMs?: number): FailureDetails {
	return {
		reason: 'network',
		responseStatus: null,
		signingHubMessage: null,
		transient: true,
		outcomeUnknown: true,
		message: `SigningHub did not answer within ${timeoutMs ?? 'the allowed'} ms`,
		description: "Try again later, or raise the 'Request Timeout' option if your SigningHub is slow.",
	};
}

/** The base of a failure in the node's or credential's settings, found before anything is sent. */
export const CONFIG_FAILURE = { reason: 'config', responseStatus: null, signingHubMessage: null, transient: false } as const;

export const CANCELLED: FailureDetails = {
	reason: 'cancelled',
	responseStatus: null,
	signingHubMessage: null,
	transient: false,
	message: 'The execution was cancelled before this item was done',
	description: 'Run the workflow again for the items that were not processed.',
};

function networkCodeOf(error: unknown): string {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && code !== '') return code;
		current = (current as { cause?: unknown }).cause;
	}
	const message = (error as Error)?.message ?? '';
	const sslReason = /ssl[^:]*routines[^:]*:([A-Z_]+)|wrong version number/i.exec(message);
	if (sslReason) return sslReason[1] ?? 'ERR_SSL_WRONG_VERSION_NUMBER';
	return /timeout/i.test(message) ? 'ETIMEDOUT' : '';
}
