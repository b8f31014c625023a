import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { authMethodOf, normalizeBaseUrl, takeLoginFailure, TOKEN_EXPIRY_MARGIN_MS, tokenIdentityOf, type AuthMethod } from './auth';
import { ENDPOINTS, type ApiVersion, type EndpointTable } from './endpoints';
import {
	describeHttpFailure,
	describeNetworkFailure,
	parseBody,
	SigningHubError,
	type FailureDetails,
} from './errors';

export { SigningHubError } from './errors';

export const CREDENTIAL_TYPE = 'signingHubApi';

export interface TransportOptions {
	/** Tries per request, counting the first; only transient failures are tried again. */
	maxAttempts: number;
	/** Milliseconds one try may take. */
	requestTimeout: number;
}

export interface RequestSpec {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	/** Words for error messages, e.g. "complete the workflow of package 123". */
	action: string;
}

/** A request that failed for good, with how many tries it took. */
export class RequestFailure extends SigningHubError {
	readonly attempts: number;

	constructor(details: FailureDetails, attempts: number) {
		super(details);
		this.attempts = attempts;
	}
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10_000;
const RETRY_AFTER_CAP_MS = 30_000;

/** Exponential backoff with jitter, or SigningHub's Retry-After (seconds or HTTP date) up to a cap. */
export function retryDelayMs(attempt: number, retryAfter: unknown, now = Date.now(), random = Math.random()): number {
	if (typeof retryAfter === 'string' && retryAfter.trim() !== '') {
		const seconds = Number(retryAfter);
		const asked = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
		if (Number.isFinite(asked)) return Math.min(Math.max(asked, 0), RETRY_AFTER_CAP_MS);
	}
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

interface RawResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

/**
 * One per execution: holds the decrypted credential, so every item shares one token, and
 * owns URLs, tokens, retries and the mapping of SigningHub's answers. Login and renewal go
 * through n8n's preAuthentication, which stores the token in the credential; while one
 * request logs in, the others wait for it, so a run logs in at most once per token.
 */
export class SigningHubClient {
	readonly apiVersion: ApiVersion;

	private readonly baseUrl: string;

	private readonly authMethod: AuthMethod;

	/** The login under way, resolving to its failure, if any. */
	private pendingLogin: Promise<SigningHubError | undefined> | undefined;

	private loginFailure: SigningHubError | undefined;

	private readonly credentialsDecrypted: ICredentialsDecrypted;

	private constructor(
		private readonly context: IExecuteFunctions,
		private readonly credentials: ICredentialDataDecryptedObject,
		private readonly options: TransportOptions,
	) {
		this.baseUrl = normalizeBaseUrl(credentials.baseUrl);
		this.apiVersion = credentials.apiVersion === 'v4' ? 'v4' : 'v3';
		this.authMethod = authMethodOf(credentials);
		if (this.usesLogin && !this.storedTokenUsable()) credentials.sessionToken = '';
		const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
		// Handed to n8n with every request: n8n's preAuthentication writes the token into `data`.
		this.credentialsDecrypted = { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data: credentials };
	}

	static async create(context: IExecuteFunctions, options: TransportOptions): Promise<SigningHubClient> {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		return new SigningHubClient(context, credentials, options);
	}

	get endpoints(): EndpointTable {
		return ENDPOINTS[this.apiVersion];
	}

	private get usesLogin(): boolean {
		return this.authMethod !== 'accessToken';
	}

	private storedTokenUsable(): boolean {
		const expiresAt = Number(this.credentials.sessionExpiresAt);
		return (
			this.credentials.tokenIdentity === tokenIdentityOf(this.credentials) &&
			(!expiresAt || expiresAt - TOKEN_EXPIRY_MARGIN_MS > Date.now())
		);
	}

	/** Sends a request, renewing the token once after a 401 and retrying transient failures. */
	async request(spec: RequestSpec): Promise<unknown> {
		let attempts = 0;
		let renewed = false;
		for (;;) {
			attempts++;
			let failure: FailureDetails;
			let retryAfter: unknown;
			try {
				const { response, usedToken } = await this.send(spec);
				if (response.statusCode >= 200 && response.statusCode < 300) return parseBody(response.body);
				if (response.statusCode === 401 && this.usesLogin && !renewed) {
					renewed = true;
					this.discardToken(usedToken);
					continue;
				}
				failure = describeHttpFailure(response.statusCode, response.body, spec.action, this.authMethod);
				retryAfter = response.headers?.['retry-after'];
			} catch (error) {
				failure = error as SigningHubError;
			}
			if (this.cancelled()) {
				throw new RequestFailure(
					{ ...failure, reason: 'cancelled', transient: false, message: 'The execution was cancelled', description: 'The request was stopped because the execution was cancelled.' },
					attempts,
				);
			}
			if (!failure.transient || attempts >= this.options.maxAttempts) throw new RequestFailure(failure, attempts);
			await sleep(retryDelayMs(attempts, retryAfter));
		}
	}

	private cancelled(): boolean {
		return this.context.getExecutionCancelSignal?.()?.aborted === true;
	}

	private discardToken(usedToken: string) {
		if (this.credentials.sessionToken === usedToken) this.credentials.sessionToken = '';
	}

	/**
	 * Sends once. Without a token, the first request logs in (n8n calls preAuthentication)
	 * while the others wait and share its outcome: one login however many run at once.
	 */
	private async send(spec: RequestSpec): Promise<{ response: RawResponse; usedToken: string }> {
		for (;;) {
			if (this.loginFailure) throw this.loginFailure;
			if (!this.usesLogin || this.credentials.sessionToken !== '') {
				const usedToken = String(this.credentials.sessionToken ?? '');
				return { response: await this.sendWithCredential(spec), usedToken };
			}
			if (this.pendingLogin) {
				const failure = await this.pendingLogin;
				if (failure) throw failure;
				continue;
			}
			const sent = this.sendWithCredential(spec);
			this.pendingLogin = sent.then(
				() => undefined,
				(error: SigningHubError) => {
					if (this.credentials.sessionToken !== '') return undefined;
					if (!error.transient) this.loginFailure = error;
					return error;
				},
			);
			try {
				const response = await sent;
				return { response, usedToken: String(this.credentials.sessionToken) };
			} finally {
				this.pendingLogin = undefined;
			}
		}
	}

	/** Sends through n8n (which logs in when the token is empty); rejects with a SigningHubError only. */
	private async sendWithCredential(spec: RequestSpec): Promise<RawResponse> {
		const options: IHttpRequestOptions = {
			method: spec.method,
			url: `${this.baseUrl}${spec.path}`,
			// An empty POST says so: without a length, Node sends it chunked, in two packets.
			headers: spec.body === undefined && spec.method !== 'GET' ? { Accept: 'application/json', 'Content-Length': '0' } : { Accept: 'application/json' },
			body: spec.body,
			json: spec.body !== undefined,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.options.requestTimeout,
			skipSslCertificateValidation: this.credentials.ignoreSslIssues === true,
		};
		const sending = this.context.helpers.httpRequestWithAuthentication.call(this.context, CREDENTIAL_TYPE, options, {
			credentialsDecrypted: this.credentialsDecrypted,
		}) as Promise<RawResponse>;
		return await sending.catch(async (error: unknown) => await Promise.reject(this.asSigningHubError(error)));
	}

	/** n8n's error classes drop the cause of an error from preAuthentication: see takeLoginFailure. */
	private asSigningHubError(error: unknown): SigningHubError {
		return (
			takeLoginFailure(this.credentials) ??
			new SigningHubError(describeNetworkFailure(error, this.baseUrl, this.options.requestTimeout))
		);
	}
}
