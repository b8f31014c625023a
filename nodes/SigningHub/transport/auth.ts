import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { PROBE_PARAMETERS, resolvePath, type ApiVersion } from './endpoints';
import {
	ADVICE,
	CANCELLED,
	CONFIG_FAILURE,
	describeHttpFailure,
	describeNetworkFailure,
	describeRedirect,
	isJsonObject,
	notSigningHubAnswer,
	parseBody,
	SET_API_ADDRESS,
	SigningHubError,
	signingHubMessageOf,
	timeoutFailure,
	type FailureDetails,
} from './errors';
import { keepLoginFailure, waitingLoginOf, type RawResponse } from './n8nBridge';

export type AuthMethod = 'accessToken' | 'userLogin' | 'enterpriseScope' | 'clientCredentials';

const LOGIN_METHODS: readonly AuthMethod[] = ['userLogin', 'enterpriseScope', 'clientCredentials'];

/** What preAuthentication stores in the credential (hidden fields). */
export interface StoredToken extends IDataObject {
	sessionToken: string;
	refreshToken: string;
	/** Epoch milliseconds after which the token must not be used. */
	sessionExpiresAt: number;
	/** Which login the token belongs to (a one-way hash), so an edited credential never reuses it. */
	tokenIdentity: string;
}

export const LOGIN_TIMEOUT_MS = 30_000;
/** Tokens are renewed this long before SigningHub says they expire. */
export const TOKEN_EXPIRY_MARGIN_MS = 60_000;

/** The token fields of a credential (as n8n stores them). */
export function storedTokenOf(credentials: ICredentialDataDecryptedObject): StoredToken {
	return {
		sessionToken: String(credentials.sessionToken ?? ''),
		refreshToken: String(credentials.refreshToken ?? ''),
		sessionExpiresAt: Number(credentials.sessionExpiresAt) || 0,
		tokenIdentity: String(credentials.tokenIdentity ?? ''),
	};
}

/** Whether a token may be sent for the login `identity`: there, got by that very login, and not about to expire. */
export function isUsableToken(token: StoredToken, identity: string): boolean {
	return (
		token.sessionToken !== '' &&
		token.tokenIdentity === identity &&
		(!token.sessionExpiresAt || token.sessionExpiresAt - TOKEN_EXPIRY_MARGIN_MS > Date.now())
	);
}

function configError(message: string, description: string): SigningHubError {
	return new SigningHubError({ ...CONFIG_FAILURE, message, description });
}

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
const SET_BASE_URL = "Set the SigningHub credential's Base URL to the API address only, e.g. https://api.signinghub.com.";

/** Checks the base URL before anything is sent, and drops trailing slashes. */
export function normalizeBaseUrl(raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw configError(`The base URL "${text}" is not a valid URL`, SET_BASE_URL);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw configError(`The base URL must start with https:// (it starts with ${url.protocol}//)`, SET_BASE_URL);
	}
	if (url.protocol === 'http:' && !LOOPBACK_HOST.test(url.hostname)) {
		throw configError(
			`The base URL uses plain http:// to ${url.hostname}, which would send passwords and tokens unencrypted`,
			"Use https://. Plain http:// is only accepted for a SigningHub on this machine (localhost or 127.0.0.1). For an internal certificate authority, turn on 'Ignore SSL Issues' instead.",
		);
	}
	if (url.search || url.hash || url.username || url.password) {
		throw configError('The base URL must not contain a query, a fragment or a user name', SET_BASE_URL);
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export function authMethodOf(credentials: ICredentialDataDecryptedObject): AuthMethod {
	const method = LOGIN_METHODS.find((login) => login === credentials.authMethod);
	return method ?? 'accessToken';
}

export function apiVersionOf(credentials: ICredentialDataDecryptedObject): ApiVersion {
	return credentials.apiVersion === 'v3' ? 'v3' : 'v4';
}

/** A credential field that must be filled in; secrets are returned as typed, spaces and all. */
function required(credentials: ICredentialDataDecryptedObject, field: string, label: string, secret = false): string {
	const value = credentials[field];
	if (typeof value !== 'string' || value.trim() === '') {
		throw configError(`The SigningHub credential has no ${label}`, `Open the credential and fill in '${label}'.`);
	}
	return secret ? value : value.trim();
}

export function accessTokenOf(credentials: ICredentialDataDecryptedObject): string {
	return required(credentials, 'accessToken', 'Access Token', true);
}

/**
 * A one-way hash of everything a token depends on, secrets included: a stored token or refresh
 * token is used only by the very login that got it, so an edited password is always checked.
 */
export function tokenIdentityOf(credentials: ICredentialDataDecryptedObject): string {
	const fields = ['authMethod', 'baseUrl', 'apiVersion', 'clientId', 'clientSecret', 'username', 'password', 'scope', 'accessToken'];
	const hash = createHash('sha256').update('n8n-nodes-signinghub token identity v2');
	for (const field of fields) hash.update(`\n${field}=${String(credentials[field] ?? '')}`);
	return hash.digest('hex').slice(0, 32);
}

/**
 * The bearer token to send: the access token, or the stored token of this very login (see
 * tokenIdentityOf); empty when there is none, and then n8n logs in (preAuthentication).
 */
export function bearerTokenOf(credentials: ICredentialDataDecryptedObject, identity = tokenIdentityOf(credentials)): string {
	const token = authMethodOf(credentials) === 'accessToken' ? credentials.accessToken : credentials.tokenIdentity === identity ? credentials.sessionToken : '';
	return typeof token === 'string' ? token : '';
}

/**
 * The one form of an email that Act as User both checks and sends: compatibility forms folded
 * (NFKC: a Kelvin sign becomes a K, a full-width @ an @), then lower case. Checking one form
 * and sending another would let a look-alike pass the credential's list as someone else.
 */
export function normalizeEmail(raw: unknown): string {
	return String(raw ?? '')
		.normalize('NFKC')
		.toLowerCase()
		.trim();
}

/** An email as SigningHub's scope takes it: one @, something on each side, no spaces or invisible characters. */
const SCOPE_EMAIL = /^[^@\s\p{C}]+@[^@\s\p{C}]+$/u;

/**
 * Checks that the credential lets a node act for `email` (its Act as User option), as the
 * credential's owner set it: never (the default, also for credentials saved before the
 * setting existed), any user of the enterprise, or only the listed emails and @domains.
 * Returns the email to send as SigningHub's scope: the very text that was checked.
 */
export function checkActAsUserAllowed(credentials: ICredentialDataDecryptedObject, email: string): string {
	const wanted = normalizeEmail(email);
	if (!SCOPE_EMAIL.test(wanted)) {
		throw configError(
			`Act as User must be one email address with exactly one @, not "${email.trim().slice(0, 100)}"`,
			"Set Act as User to the user's email, e.g. name@example.com.",
		);
	}
	const policy = credentials.actAsUserPolicy;
	if (policy === 'anyUser') return wanted;
	if (policy === 'listed') {
		const entries = String(credentials.actAsUserAllowed ?? '')
			.split(/[\s,;]+/)
			.map(normalizeEmail)
			.filter(Boolean);
		const domain = wanted.slice(wanted.indexOf('@'));
		if (entries.some((entry) => entry === wanted || entry === domain)) return wanted;
	}
	throw configError(
		policy === 'listed' ? `The SigningHub credential does not list ${wanted} among the users nodes may act for` : 'The SigningHub credential does not allow nodes to act for other users',
		policy === 'listed'
			? "Ask the credential's owner to add this user, or their @domain, to 'Users and Domains Allowed', or remove the Act as User option."
			: "The credential's owner decides this: in the SigningHub credential, 'Allow Act as User From Nodes' must be 'Any User of the Enterprise' or list this user. Or remove the Act as User option: the node then acts for the credential's own Act as User.",
	);
}

/** A signal that fires at the deadline, or earlier when the execution is cancelled. */
export function deadlineSignal(timeoutMs: number, cancelSignal: AbortSignal | undefined): AbortSignal {
	const deadline = AbortSignal.timeout(timeoutMs);
	return cancelSignal ? AbortSignal.any([deadline, cancelSignal]) : deadline;
}

/** Sends one request for preAuthentication; never follows a redirect; rejects with a SigningHubError. */
async function sendOnce(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	baseUrl: string,
): Promise<RawResponse> {
	const cancelSignal = waitingLoginOf(credentials)?.cancelSignal;
	const sending = helper.helpers.httpRequest({
		...options,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: LOGIN_TIMEOUT_MS,
		abortSignal: deadlineSignal(LOGIN_TIMEOUT_MS, cancelSignal),
		skipSslCertificateValidation: credentials.ignoreSslIssues === true,
	}) as Promise<RawResponse>;
	return await sending.catch(async (error: unknown) => {
		const failure: FailureDetails = cancelSignal?.aborted
			? CANCELLED
			: { ...(isAbort(error) ? timeoutFailure(LOGIN_TIMEOUT_MS) : describeNetworkFailure(error, baseUrl, LOGIN_TIMEOUT_MS)), reason: 'login' };
		return await Promise.reject(new SigningHubError(failure));
	});
}

/** An aborted request: the deadline fired (n8n's request layer reports it as cancelled). */
function isAbort(error: unknown): boolean {
	const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
	return code === 'ERR_CANCELED' || name === 'AbortError' || name === 'CanceledError';
}

const LOGIN_ACTION = 'log in';

/** Status first: a passing failure (429, 5xx) is retried; SigningHub's words choose the advice only for 4xx. */
export function describeLoginFailure(status: number, body: unknown, headers: IDataObject, baseUrl: string): SigningHubError {
	const signingHubMessage = signingHubMessageOf(body);
	const said = signingHubMessage ? `: ${signingHubMessage}` : ` (HTTP ${status})`;
	const base = { reason: 'login' as const, responseStatus: status, signingHubMessage, transient: false };
	const failure = (details: Pick<FailureDetails, 'message' | 'description'> & Partial<FailureDetails>) => new SigningHubError({ ...base, ...details });
	if (status >= 300 && status < 400) return failure(describeRedirect(status, headers.location, baseUrl, LOGIN_ACTION));
	if (status === 429 || status >= 500) {
		return failure({
			transient: true,
			retryAfter: headers['retry-after'],
			message: `SigningHub could not log in now${said}`,
			description: 'SigningHub, or a proxy in front of it, is unavailable or busy. Try again later; if it keeps failing, check the base URL and the SigningHub service.',
		});
	}
	if (status === 403 && headers['x-otp'] !== undefined) {
		// The x-otp header is a token for SigningHub's one-time-password calls: it is never kept, and nor are words that quote it.
		const otp = String(headers['x-otp']);
		return failure({
			signingHubMessage: otp !== '' && signingHubMessage?.includes(otp) ? null : signingHubMessage,
			message:
				"SigningHub refused the login: two-factor login is on for this user. Use 'Client Credentials (No Password)', a user without two-factor login or an access token instead",
			description:
				"A login that asks for a one-time password cannot run unattended. In the SigningHub credential, use instead: 'Client Credentials (No Password)' with the integration's client ID and secret, a SigningHub user without two-factor login (e.g. one kept for the integration), an enterprise admin acting on behalf of the user, or an access token.",
		});
	}
	const parsed = parseBody(body);
	const oauthError = isJsonObject(parsed) && typeof parsed.error === 'string' ? parsed.error : '';
	if (status < 400 || (!signingHubMessage && !oauthError)) {
		return failure({
			message: `The base URL did not answer like a SigningHub API (HTTP ${status} from its login address)`,
			description: SET_API_ADDRESS,
		});
	}
	if (oauthError === 'account_disabled' || /account is disabled/i.test(signingHubMessage ?? '')) {
		return failure({ message: `SigningHub refused the login: the account is disabled${said}`, description: ADVICE.disabled });
	}
	if (oauthError === 'invalid_client') {
		return failure({
			message: `SigningHub rejected the client ID or client secret${said}`,
			description:
				"Check 'Client ID' (the integration's Application Name) and 'Client Secret' (its API Key) under Enterprise Settings > Integrations in SigningHub.",
		});
	}
	if (oauthError === 'unauthorized_client' || oauthError === 'unsupported_grant_type') {
		return failure({
			message: `SigningHub does not let this integration log in this way${said}`,
			description:
				"With 'Client Credentials (No Password)', the integration must be allowed to log in with its client ID and secret alone: ask your SigningHub enterprise admin, or use 'User Login' instead.",
		});
	}
	if (oauthError === 'invalid_scope') {
		return failure({
			message: `SigningHub refused to let this admin act for the user${said}`,
			description:
				"Check 'Act as User': it must be the email of a registered user of the same enterprise, and the admin's enterprise role needs the application integration privilege.",
		});
	}
	return failure({
		message: `SigningHub rejected the login${said}`,
		description: 'Check the email and password in the SigningHub credential.',
	});
}

async function requestToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	baseUrl: string,
	form: Record<string, string>,
): Promise<StoredToken> {
	const response = await sendOnce(
		helper,
		credentials,
		{
			method: 'POST',
			url: `${baseUrl}${resolvePath('authenticate', apiVersionOf(credentials))}`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams(form).toString(),
		},
		baseUrl,
	);
	const parsed = parseBody(response.body);
	const body = isJsonObject(parsed) ? parsed : {};
	const token = typeof body.access_token === 'string' ? body.access_token.trim() : '';
	if (response.statusCode !== 200 || token === '') {
		throw describeLoginFailure(response.statusCode, response.body, response.headers ?? {}, baseUrl);
	}
	const lifetimeSeconds = Number(body.expires_in) > 0 ? Number(body.expires_in) : 3600;
	return {
		sessionToken: token,
		refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : '',
		sessionExpiresAt: Date.now() + lifetimeSeconds * 1000,
		tokenIdentity: tokenIdentityOf(credentials),
	};
}

/**
 * Access Token mode has nothing to fetch. n8n calls preAuthentication for it only on a
 * credential test (the transport never leaves the expirable field empty in this mode), so the
 * test checks the token and base URL with the cheapest authenticated call: a wrong token or an
 * address that does not answer like SigningHub's API fails it.
 */
async function verifyAccessToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	const accessToken = accessTokenOf(credentials);
	const response = await sendOnce(
		helper,
		credentials,
		{
			method: 'GET',
			url: `${baseUrl}${resolvePath('packages', apiVersionOf(credentials), PROBE_PARAMETERS)}`,
			headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}` },
		},
		baseUrl,
	);
	const body = parseBody(response.body);
	if (response.statusCode === 200 && (Array.isArray(body) || isJsonObject(body))) return {};
	const action = 'check the access token';
	const details =
		response.statusCode >= 300 && response.statusCode < 400
			? describeRedirect(response.statusCode, response.headers?.location, baseUrl, action)
			: response.statusCode === 200
				? notSigningHubAnswer(200, action)
				: describeHttpFailure(response.statusCode, response.body, action, 'accessToken');
	throw new SigningHubError(details);
}

/**
 * The credential's preAuthentication: the login modes get a token (see obtainToken); Access
 * Token mode checks the token (see verifyAccessToken). A failure is also kept for the
 * transport (see n8nBridge.ts).
 */
export async function preAuthenticate(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
	const fetching = authMethodOf(credentials) === 'accessToken' ? verifyAccessToken(helper, credentials) : obtainToken(helper, credentials);
	return await fetching.then(
		(token) => {
			waitingLoginOf(credentials)?.onLoggedIn?.();
			return token;
		},
		async (error: SigningHubError) => {
			keepLoginFailure(credentials, error);
			return await Promise.reject(error);
		},
	);
}

/** How long a refused refresh waits, in all, for the token another process may be storing (milliseconds per look). */
const STORED_TOKEN_LOOKS_MS = [0, 100, 200, 400, 800, 1500];

/**
 * After SigningHub refused `refusedRefreshToken`: the token another process of this n8n (a
 * queue-mode worker) got with it a moment ago and stored in the credential, if any. The
 * stored credential is read again through n8n (see n8nBridge.ts) for a short while: the other
 * process stores its token only once SigningHub's answer is back.
 */
async function tokenStoredMeanwhile(credentials: ICredentialDataDecryptedObject, refusedRefreshToken: string): Promise<StoredToken | undefined> {
	const readStored = waitingLoginOf(credentials)?.readStoredCredential;
	if (!readStored) return undefined;
	const identity = tokenIdentityOf(credentials);
	for (const wait of STORED_TOKEN_LOOKS_MS) {
		if (wait > 0) await sleep(wait);
		const stored = await readStored().catch(() => undefined);
		const token = stored && storedTokenOf(stored);
		if (token && token.refreshToken !== refusedRefreshToken && isUsableToken(token, identity)) return token;
	}
	return undefined;
}

/** The login form of the credential's mode: the client credentials alone, or a user's password (plus `scope` when an admin acts for a user). */
function loginForm(credentials: ICredentialDataDecryptedObject, client: Record<string, string>): Record<string, string> {
	const method = authMethodOf(credentials);
	if (method === 'clientCredentials') return { grant_type: 'client_credentials', ...client };
	const form: Record<string, string> = {
		grant_type: 'password',
		...client,
		username: required(credentials, 'username', 'Email'),
		password: required(credentials, 'password', 'Password', true),
	};
	if (method === 'enterpriseScope') form.scope = required(credentials, 'scope', 'Act as User');
	return form;
}

/**
 * Gets a token for the login modes: with the stored refresh token when it belongs to this same
 * login; when SigningHub refuses it, the token another process just got with it, if any; else
 * a fresh login (a client-credentials answer often has no refresh token: that logs in again).
 */
export async function obtainToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<StoredToken> {
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	const client = {
		client_id: required(credentials, 'clientId', 'Client ID'),
		client_secret: required(credentials, 'clientSecret', 'Client Secret', true),
	};
	const form = loginForm(credentials, client);
	const refreshToken = typeof credentials.refreshToken === 'string' ? credentials.refreshToken : '';
	if (refreshToken && credentials.tokenIdentity === tokenIdentityOf(credentials)) {
		const refreshed = await requestToken(helper, credentials, baseUrl, {
			grant_type: 'refresh_token',
			...client,
			refresh_token: refreshToken,
		}).catch((error: SigningHubError) => error);
		if (!(refreshed instanceof Error)) return refreshed;
		// A refused refresh token (expired, revoked, spent) falls back to a fresh login; other failures do not.
		if (refreshed.transient || refreshed.responseStatus === null || refreshed.reason !== 'login') throw refreshed;
		const storedMeanwhile = await tokenStoredMeanwhile(credentials, refreshToken);
		if (storedMeanwhile) return storedMeanwhile;
	}
	return await requestToken(helper, credentials, baseUrl, form);
}
