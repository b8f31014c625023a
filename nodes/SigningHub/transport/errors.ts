import type { IDataObject } from 'n8n-workflow';

/**
 * Why a request failed, for code that reacts to it (the user reads message and description).
 * 'login' and 'config' failures happened before the request itself was sent.
 */
export type FailureReason = 'config' | 'login' | 'token' | 'ownership' | 'disabled' | 'notFound' | 'refused' | 'unavailable' | 'network' | 'tls' | 'cancelled';

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
	/** Whether trying the same request again may succeed. */
	transient: boolean;
}

export class SigningHubError extends Error implements FailureDetails {
	override readonly name = 'SigningHubError';

	readonly reason: FailureReason;

	readonly description: string;

	readonly responseStatus: number | null;

	readonly signingHubMessage: string | null;

	readonly transient: boolean;

	constructor(details: FailureDetails) {
		super(details.message);
		this.reason = details.reason;
		this.description = details.description;
		this.responseStatus = details.responseStatus;
		this.signingHubMessage = details.signingHubMessage;
		this.transient = details.transient;
	}
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

/**
 * SigningHub's own words from an error body: `{"Message"}` on resource endpoints,
 * `{"error", "error_description"}` on the token endpoint. Null for bodies that are not
 * JSON (a proxy's HTML page, say): those are not SigningHub's words.
 */
export function signingHubMessageOf(body: unknown): string | null {
	const parsed = parseBody(body);
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
	const fields = parsed as IDataObject;
	for (const key of ['Message', 'message', 'error_description', 'Error', 'error']) {
		const value = fields[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return null;
}

const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);

function isTransientStatus(status: number): boolean {
	return TRANSIENT_STATUSES.has(status);
}

function reasonFor(status: number, signingHubMessage: string | null): keyof typeof ADVICE | 'token' | 'unavailable' {
	const said = signingHubMessage ?? '';
	if (status === 401) return 'token';
	if (/account is disabled/i.test(said)) return 'disabled';
	if (/not authori[sz]ed/i.test(said)) return 'ownership';
	if (status === 404) return 'notFound';
	if (isTransientStatus(status) || status >= 500) return 'unavailable';
	return 'refused';
}

/** What to do, by reason; the login's own failures share these words. */
export const ADVICE: Record<'disabled' | 'ownership' | 'notFound' | 'refused', string> = {
	disabled: 'Ask your SigningHub enterprise admin to enable the account, or use the credentials of an active user.',
	ownership:
		"The credential acts for a user who does not own this package. Use the package owner's login, or an enterprise admin with 'Enterprise Admin on Behalf of a User' and the owner's email in 'Act as User'.",
	notFound: 'Check the package ID: the package may have been deleted, or belong to another user or enterprise.',
	refused: 'Check that the package is in a state that allows this, and that the credential acts for its owner.',
};

/** Maps an error answer of a resource endpoint to a failure a user can act on. */
export function describeHttpFailure(
	status: number,
	body: unknown,
	action: string,
	authMethod: string,
): FailureDetails {
	const signingHubMessage = signingHubMessageOf(body);
	const said = signingHubMessage ? `: ${signingHubMessage}` : ` (HTTP ${status})`;
	const reason = reasonFor(status, signingHubMessage);
	const base = { reason, responseStatus: status, signingHubMessage, transient: isTransientStatus(status) };
	if (reason === 'token') {
		return {
			...base,
			message: `SigningHub did not accept the access token${said}`,
			description:
				authMethod === 'accessToken'
					? 'The token has expired or was revoked. Paste a fresh token into the SigningHub credential, or switch the credential to User Login so the node renews tokens itself.'
					: 'SigningHub refused a freshly issued token. Check that the user may still use the API and that the API version in the credential matches your SigningHub.',
		};
	}
	if (reason === 'unavailable') {
		return {
			...base,
			message: `Could not ${action}${said}`,
			description: signingHubMessage
				? 'SigningHub had a problem on its side. Try again later; if it keeps failing, contact your SigningHub administrator.'
				: `SigningHub, or a proxy in front of it, answered HTTP ${status} without a SigningHub error in the body. Try again later, and check the base URL if it keeps failing.`,
		};
	}
	return { ...base, message: `Could not ${action}${said}`, description: ADVICE[reason] };
}

const NETWORK_HINTS: Record<string, string> = {
	ECONNREFUSED: 'Nothing is listening at that address.',
	ENOTFOUND: 'The host name could not be resolved.',
	ECONNRESET: 'The connection was dropped before an answer came.',
	ETIMEDOUT: 'The request timed out.',
	ECONNABORTED: 'The request timed out.',
	EPIPE: 'The connection was dropped while sending.',
	EAI_AGAIN: 'The host name could not be resolved (DNS is unreachable).',
};

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i;

/** Maps an error that came with no HTTP answer (refused, reset, timed out, TLS). */
export function describeNetworkFailure(error: unknown, baseUrl: string, timeoutMs?: number): FailureDetails {
	const code = networkCodeOf(error);
	const base = { responseStatus: null, signingHubMessage: null };
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
	const timedOut = code === 'ETIMEDOUT' || code === 'ECONNABORTED' || /timeout/i.test(code);
	return {
		...base,
		reason: 'network',
		transient: true,
		message: timedOut
			? `SigningHub did not answer within ${timeoutMs ?? 'the allowed'} ms`
			: `Could not reach SigningHub at ${baseUrl} (${code || 'network error'})`,
		description: timedOut
			? "Try again later, or raise the 'Request Timeout' option if your SigningHub is slow."
			: `${NETWORK_HINTS[code] ?? 'The connection failed.'} Check the base URL in the credential and that n8n can reach it.`,
	};
}

function networkCodeOf(error: unknown): string {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && code !== '') return code;
		current = (current as { cause?: unknown }).cause;
	}
	const message = (error as Error)?.message ?? '';
	return /timeout/i.test(message) ? 'ETIMEDOUT' : '';
}
