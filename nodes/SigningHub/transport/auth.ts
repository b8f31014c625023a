import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { ADVICE, describeNetworkFailure, parseBody, SigningHubError, signingHubMessageOf } from './errors';
import { TOKEN_PATH } from './endpoints';

export type AuthMethod = 'accessToken' | 'userLogin' | 'enterpriseScope';

/** What preAuthentication stores in the credential (hidden fields). */
interface StoredToken extends IDataObject {
	sessionToken: string;
	refreshToken: string;
	/** Epoch milliseconds after which the token must not be used. */
	sessionExpiresAt: number;
	/** Which login the stored refresh token belongs to, so an edited credential never reuses it. */
	tokenIdentity: string;
}

const LOGIN_TIMEOUT_MS = 30_000;
/** Tokens are renewed this long before SigningHub says they expire. */
export const TOKEN_EXPIRY_MARGIN_MS = 60_000;

function configError(message: string, description: string): SigningHubError {
	return new SigningHubError({ reason: 'config', message, description, responseStatus: null, signingHubMessage: null, transient: false });
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
	const method = credentials.authMethod;
	return method === 'userLogin' || method === 'enterpriseScope' ? method : 'accessToken';
}

/** A credential field that must be filled in; secrets are returned as typed, spaces and all. */
function required(credentials: ICredentialDataDecryptedObject, field: string, label: string, secret = false): string {
	const value = credentials[field];
	if (typeof value !== 'string' || value.trim() === '') {
		throw configError(`The SigningHub credential has no ${label}`, `Open the credential and fill in '${label}'.`);
	}
	return secret ? value : value.trim();
}

export function tokenIdentityOf(credentials: ICredentialDataDecryptedObject): string {
	const parts = [authMethodOf(credentials), credentials.baseUrl, credentials.clientId, credentials.username, credentials.scope];
	return createHash('sha256').update(parts.map((part) => String(part ?? '')).join('\n')).digest('hex').slice(0, 32);
}

function describeLoginFailure(status: number, body: unknown, headers: IDataObject): SigningHubError {
	const parsed = parseBody(body);
	const oauthError =
		parsed && typeof parsed === 'object' && typeof (parsed as IDataObject).error === 'string'
			? String((parsed as IDataObject).error)
			: '';
	const signingHubMessage = signingHubMessageOf(parsed);
	const said = signingHubMessage ? `: ${signingHubMessage}` : ` (HTTP ${status})`;
	const base = { reason: 'login' as const, responseStatus: status, signingHubMessage, transient: false };
	if (status === 403 && headers['x-otp'] !== undefined) {
		return new SigningHubError({
			...base,
			message: 'SigningHub asks this user for a one-time password (two-factor login)',
			description:
				'Two-factor login cannot run unattended. Use an integration user without two-factor login, an enterprise admin acting on behalf of the user, or an access token.',
		});
	}
	if (oauthError === 'account_disabled' || /disabled/i.test(signingHubMessage ?? '')) {
		return new SigningHubError({
			...base,
			message: `SigningHub refused the login: the account is disabled${said}`,
			description: ADVICE.disabled,
		});
	}
	if (oauthError === 'invalid_client' || /client/i.test(signingHubMessage ?? '')) {
		return new SigningHubError({
			...base,
			message: `SigningHub rejected the client ID or client secret${said}`,
			description:
				"Check 'Client ID' (the integration's Application Name) and 'Client Secret' (its API Key) under Enterprise Settings > Integrations in SigningHub.",
		});
	}
	if (oauthError === 'invalid_scope' || /scope/i.test(signingHubMessage ?? '')) {
		return new SigningHubError({
			...base,
			message: `SigningHub refused to let this admin act for the user${said}`,
			description:
				"Check 'Act as User': it must be the email of a registered user of the same enterprise, and the admin's enterprise role needs the application integration privilege.",
		});
	}
	if (oauthError === 'invalid_grant' || ([400, 401, 403].includes(status) && signingHubMessage)) {
		return new SigningHubError({
			...base,
			message: `SigningHub rejected the login${said}`,
			description: "Check the email and password in the SigningHub credential.",
		});
	}
	if (status === 429 || status >= 500) {
		return new SigningHubError({
			...base,
			transient: true,
			message: `SigningHub could not log in now${said}`,
			description: 'SigningHub, or a proxy in front of it, is unavailable or busy. Try again later; if it keeps failing, check the base URL and the SigningHub service.',
		});
	}
	return new SigningHubError({
		...base,
		message: `The base URL did not answer like a SigningHub API (HTTP ${status} from ${TOKEN_PATH})`,
		description:
			'Set Base URL to the SigningHub API address (e.g. https://api.signinghub.com), not the web app address, and check the SigningHub service is up.',
	});
}

async function requestToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	baseUrl: string,
	form: Record<string, string>,
): Promise<StoredToken> {
	let networkError: unknown;
	const response = (await helper.helpers
		.httpRequest({
			method: 'POST',
			url: `${baseUrl}${TOKEN_PATH}`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams(form).toString(),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: LOGIN_TIMEOUT_MS,
			skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		})
		.catch((error: unknown) => {
			networkError = error;
			return undefined;
		})) as { statusCode: number; body: unknown; headers: IDataObject } | undefined;
	if (!response) throw new SigningHubError({ ...describeNetworkFailure(networkError, baseUrl, LOGIN_TIMEOUT_MS), reason: 'login' });
	const body = parseBody(response.body) as IDataObject | string;
	if (response.statusCode !== 200 || typeof body !== 'object' || typeof body.access_token !== 'string') {
		throw describeLoginFailure(response.statusCode, response.body, response.headers ?? {});
	}
	const lifetimeSeconds = Number(body.expires_in) > 0 ? Number(body.expires_in) : 3600;
	return {
		sessionToken: body.access_token,
		refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : '',
		sessionExpiresAt: Date.now() + lifetimeSeconds * 1000,
		tokenIdentity: tokenIdentityOf(credentials),
	};
}

/**
 * n8n's request helpers drop the cause of an error thrown in preAuthentication (its error
 * classes overwrite `cause`), so the login failure is kept here, keyed on the very
 * credential object that n8n passed to preAuthentication and the transport shares.
 */
const loginFailures = new WeakMap<object, SigningHubError>();

export function takeLoginFailure(credentials: object): SigningHubError | undefined {
	const failure = loginFailures.get(credentials);
	loginFailures.delete(credentials);
	return failure;
}

/**
 * The credential's preAuthentication: the login modes get a token (see obtainToken); Access
 * Token mode has nothing to fetch and only checks the base URL. A failure is also kept for
 * the transport, see takeLoginFailure.
 */
export async function preAuthenticate(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
	const fetching = authMethodOf(credentials) === 'accessToken' ? checkBaseUrl(credentials) : obtainToken(helper, credentials);
	return await fetching.catch(async (error: SigningHubError) => {
		loginFailures.set(credentials, error);
		return await Promise.reject(error);
	});
}

async function checkBaseUrl(credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
	normalizeBaseUrl(credentials.baseUrl);
	return {};
}

/**
 * Gets a token for the login modes: with the stored refresh token when it belongs to this
 * same login, else with the password grant (plus `scope` when an admin acts for a user).
 */
async function obtainToken(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<StoredToken> {
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	const client = {
		client_id: required(credentials, 'clientId', 'Client ID'),
		client_secret: required(credentials, 'clientSecret', 'Client Secret', true),
	};
	const refreshToken = typeof credentials.refreshToken === 'string' ? credentials.refreshToken : '';
	if (refreshToken && credentials.tokenIdentity === tokenIdentityOf(credentials)) {
		const refreshed = await requestToken(helper, credentials, baseUrl, {
			grant_type: 'refresh_token',
			...client,
			refresh_token: refreshToken,
		}).catch((error: SigningHubError) => error);
		if (!(refreshed instanceof Error)) return refreshed;
		// A refused refresh token (expired, revoked) falls back to a fresh login; no answer at all does not.
		if (refreshed.responseStatus === null) throw refreshed;
	}
	const form: Record<string, string> = {
		grant_type: 'password',
		...client,
		username: required(credentials, 'username', 'Email'),
		password: required(credentials, 'password', 'Password', true),
	};
	if (authMethodOf(credentials) === 'enterpriseScope') {
		form.scope = required(credentials, 'scope', 'Act as User');
	}
	return await requestToken(helper, credentials, baseUrl, form);
}
