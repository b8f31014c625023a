import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	accessTokenOf,
	apiVersionOf,
	authMethodOf,
	bearerTokenOf,
	deadlineSignal,
	LOGIN_TIMEOUT_MS,
	loginContextOf,
	obtainToken,
	normalizeBaseUrl,
	takeLoginFailure,
	TOKEN_EXPIRY_MARGIN_MS,
	tokenIdentityOf,
	type AuthMethod,
	type LoginContext,
	type StoredToken,
} from './auth';
import { resolvePath, type ApiVersion, type Endpoint, type PathParameters } from './endpoints';
import {
	CANCELLED,
	CONFIG_FAILURE,
	describeHttpFailure,
	describeNetworkFailure,
	describeRedirect,
	isJsonObject,
	notSigningHubAnswer,
	parseBody,
	SigningHubError,
	timeoutFailure,
	type FailureDetails,
} from './errors';

export { CANCELLED, SigningHubError } from './errors';

export const CREDENTIAL_TYPE = 'signingHubApi';

export interface TransportOptions {
	/** Tries per request, counting the first; only transient failures are tried again. */
	maxAttempts: number;
	/** Milliseconds one try may take, whole answer included. */
	requestTimeout: number;
}

/**
 * What a successful answer must look like: SigningHub answers with JSON, nothing, or a file,
 * so an HTML page from a proxy or a web app is never taken for success.
 */
export type ExpectedAnswer = 'emptyOrJson' | 'jsonObject' | 'jsonArray' | 'file';

export interface RequestSpec {
	method: IHttpRequestMethods;
	endpoint: Endpoint;
	pathParameters?: PathParameters;
	query?: IDataObject;
	headers?: Record<string, string>;
	/** JSON (an object or an array), or a file's bytes. */
	body?: IDataObject | IDataObject[] | Buffer;
	expect: ExpectedAnswer;
	/**
	 * Whether sending it twice does no harm. One that is not (creating, uploading, adding) is
	 * never tried again after a try whose answer was lost: its outcome is reported as unknown.
	 */
	repeatable: boolean;
	/** Words for error messages, e.g. "complete the workflow of package 123". */
	action: string;
}

/** A successful answer: its body (JSON, null when empty, or a Buffer for a file) and headers. */
export interface Answer {
	body: unknown;
	headers: IDataObject;
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

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10_000;
const RETRY_AFTER_CAP_MS = 30_000;
const SUCCESS_STATUSES = new Set([200, 201, 204]);

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

/** Checks a successful answer against what the request expects; undefined when it does not fit. */
export function acceptedBody(body: unknown, headers: IDataObject, expect: ExpectedAnswer): { value: unknown } | undefined {
	if (expect === 'file') {
		const html = /html/i.test(String(headers['content-type'] ?? ''));
		return Buffer.isBuffer(body) && !html ? { value: body } : undefined;
	}
	const parsed = parseBody(body);
	if (expect === 'jsonObject') return isJsonObject(parsed) ? { value: parsed } : undefined;
	if (expect === 'jsonArray') return Array.isArray(parsed) ? { value: parsed } : undefined;
	if (parsed === undefined || parsed === null || (typeof parsed === 'string' && parsed.trim() === '')) return { value: null };
	return typeof parsed === 'object' ? { value: parsed } : undefined;
}

/** A file request's error answer comes as bytes: read them as the text SigningHub sent. */
function asText(body: unknown): unknown {
	return Buffer.isBuffer(body) ? body.toString('utf8') : body;
}

interface RawResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

type ClientContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * One login per credential in this n8n process: executions that start together share the
 * login under way and the newest token, so a burst of executions logs in once.
 */
interface SharedSession {
	token?: StoredToken;
	/** The login under way; resolves to its failure, if any. */
	login?: Promise<SigningHubError | undefined>;
}

const sessions = new Map<string, SharedSession>();
/** Logins remembered per process (credentials times the users acted for); the oldest go first. */
const MAX_SESSIONS = 500;

function sessionFor(key: string): SharedSession {
	let session = sessions.get(key);
	if (!session) {
		session = {};
		sessions.set(key, session);
		if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
	}
	return session;
}

function tokenOf(credentials: ICredentialDataDecryptedObject): StoredToken {
	return {
		sessionToken: String(credentials.sessionToken ?? ''),
		refreshToken: String(credentials.refreshToken ?? ''),
		sessionExpiresAt: Number(credentials.sessionExpiresAt) || 0,
		tokenIdentity: String(credentials.tokenIdentity ?? ''),
	};
}

/**
 * One per execution: holds the decrypted credential, and owns URLs, tokens, retries and the
 * mapping of SigningHub's answers. Logins go through n8n's preAuthentication, which stores
 * the token in the credential for later executions and other workers; requests never follow
 * redirects, end at a deadline, and stop when the execution is cancelled.
 */
export class SigningHubClient {
	readonly apiVersion: ApiVersion;

	private readonly baseUrl: string;

	private readonly authMethod: AuthMethod;

	private readonly identity: string;

	private readonly session: SharedSession;

	private readonly cancelSignal: AbortSignal | undefined;

	private readonly loginContext: LoginContext;

	/** A failure that ends every item still to run: a failed login, a token refused after renewal. */
	private runFailure: SigningHubError | undefined;

	/** Whether this run already renewed its token after SigningHub refused it. */
	private renewedAfterRefusal = false;

	private readonly credentialsDecrypted: ICredentialsDecrypted;

	private readonly requester: ClientContext;

	/** Clients of this run that act for other users of the enterprise, by email. */
	private readonly actingClients = new Map<string, SigningHubClient>();

	private constructor(
		private readonly context: ClientContext,
		private readonly credentials: ICredentialDataDecryptedObject,
		private readonly options: TransportOptions,
		/**
		 * Whether logins go through n8n, which stores the token in the credential. A client acting
		 * for another user keeps its token in this process only: the credential holds its own user's.
		 */
		private readonly persistTokens = true,
	) {
		this.baseUrl = normalizeBaseUrl(credentials.baseUrl);
		this.apiVersion = apiVersionOf(credentials);
		this.authMethod = authMethodOf(credentials);
		this.identity = tokenIdentityOf(credentials);
		this.cancelSignal = 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
		this.loginContext = loginContextOf(credentials);
		this.loginContext.cancelSignal = this.cancelSignal;
		const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
		this.session = sessionFor(`${reference?.id ?? ''}\n${this.identity}`);
		if (this.usesLogin && !this.usable(tokenOf(credentials))) credentials.sessionToken = '';
		// n8n calls preAuthentication while this field is empty; an access token needs no login.
		if (!this.usesLogin) credentials.sessionToken = accessTokenOf(credentials);
		// Handed to n8n with every request: n8n's preAuthentication writes the token into `data`.
		this.credentialsDecrypted = { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data: credentials };
		// n8n 2.40 replaces a request's abort signal with the execution's cancel signal when the
		// calling context has one; this context has none, so the request keeps its own signal,
		// which carries both the cancel signal and the deadline.
		this.requester = { helpers: context.helpers, logger: context.logger, getNode: () => context.getNode() } as unknown as ClientContext;
	}

	static async create(context: ClientContext, options: TransportOptions): Promise<SigningHubClient> {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		return new SigningHubClient(context, credentials, options);
	}

	/**
	 * A client acting for another user of the enterprise (SigningHub's scope): an Enterprise Admin
	 * credential only. One per user and run, so each user's token is fetched once.
	 */
	forUser(email: string): SigningHubClient {
		if (this.authMethod !== 'enterpriseScope') {
			throw new SigningHubError({
				...CONFIG_FAILURE,
				message: "Act as User needs an Enterprise Admin credential",
				description:
					"Switch the SigningHub credential's Authentication to 'Enterprise Admin on Behalf of a User', or remove the Act as User option.",
			});
		}
		const key = email.toLowerCase();
		if (key === String(this.credentials.scope ?? '').trim().toLowerCase()) return this;
		let client = this.actingClients.get(key);
		if (!client) {
			const credentials = { ...this.credentials, scope: email, sessionToken: '', refreshToken: '', sessionExpiresAt: 0, tokenIdentity: '' };
			client = new SigningHubClient(this.context, credentials, this.options, false);
			this.actingClients.set(key, client);
		}
		return client;
	}

	private get usesLogin(): boolean {
		return this.authMethod !== 'accessToken';
	}

	private usable(token: StoredToken): boolean {
		return (
			token.sessionToken !== '' &&
			token.tokenIdentity === this.identity &&
			(!token.sessionExpiresAt || token.sessionExpiresAt - TOKEN_EXPIRY_MARGIN_MS > Date.now())
		);
	}

	private cancelled(): boolean {
		return this.cancelSignal?.aborted === true;
	}

	/** Sends a request, renewing the token once per run after a 401 and retrying transient failures. */
	async request(spec: RequestSpec): Promise<Answer> {
		let attempts = 0;
		let outcomeUnknown = false;
		for (;;) {
			attempts++;
			if (this.cancelled()) throw new RequestFailure(CANCELLED, attempts - 1, outcomeUnknown);
			let failure: FailureDetails;
			try {
				const { response, usedToken } = await this.authorizedSend(spec);
				const headers = response.headers ?? {};
				if (response.statusCode === 401) {
					if (this.usesLogin && this.retryAfterRefusal(usedToken)) continue;
					this.runFailure ??= new SigningHubError(describeHttpFailure(401, asText(response.body), spec.action, this.authMethod));
					throw this.runFailure;
				}
				const accepted = SUCCESS_STATUSES.has(response.statusCode) ? acceptedBody(response.body, headers, spec.expect) : undefined;
				if (accepted) return { body: accepted.value, headers };
				failure = this.describeAnswer(response, spec.action);
			} catch (error) {
				failure = error as SigningHubError;
			}
			if (failure === this.runFailure) throw new RequestFailure(failure, attempts, outcomeUnknown);
			outcomeUnknown ||= mayHaveBeenCarriedOut(failure);
			if (failure.reason === 'cancelled' || this.cancelled()) throw new RequestFailure(CANCELLED, attempts, outcomeUnknown);
			if (!spec.repeatable && outcomeUnknown) throw new RequestFailure(outcomeUnknownFailure(failure), attempts, outcomeUnknown);
			if (!failure.transient || attempts >= this.options.maxAttempts) throw new RequestFailure(failure, attempts, outcomeUnknown);
			if (!(await this.pause(retryDelayMs(attempts, failure.retryAfter)))) throw new RequestFailure(CANCELLED, attempts, outcomeUnknown);
		}
	}

	private describeAnswer(response: RawResponse, action: string): FailureDetails {
		const { statusCode } = response;
		if (statusCode >= 300 && statusCode < 400) return describeRedirect(statusCode, response.headers?.location, this.baseUrl, action);
		if (statusCode < 300) return notSigningHubAnswer(statusCode, action);
		return { ...describeHttpFailure(statusCode, asText(response.body), action, this.authMethod), retryAfter: response.headers?.['retry-after'] };
	}

	/** Waits, unless the execution is cancelled first; says whether the wait ran to its end. */
	private async pause(ms: number): Promise<boolean> {
		const signal = this.cancelSignal;
		if (!signal) {
			await sleep(ms);
			return true;
		}
		let onAbort = () => {};
		// Older n8n-workflow versions ignore the signal in sleep(): listen for it as well.
		const aborted = new Promise<void>((resolve) => {
			onAbort = resolve;
			signal.addEventListener('abort', onAbort, { once: true });
		});
		try {
			await Promise.race([sleep(ms, signal), aborted]);
		} catch {
			// sleep() rejects when the signal fires
		} finally {
			signal.removeEventListener('abort', onAbort);
		}
		return !signal.aborted;
	}

	/**
	 * After a 401: retry with a token that is newer than the refused one (this run's or another
	 * execution's), or renew once per run. Returns false when the run's renewed token was refused
	 * too: then every remaining item fails at once.
	 */
	private retryAfterRefusal(usedToken: string): boolean {
		if (this.credentials.sessionToken !== usedToken) return true;
		const shared = this.session.token;
		if (shared && shared.sessionToken !== usedToken && this.usable(shared)) {
			Object.assign(this.credentials, shared);
			return true;
		}
		if (this.renewedAfterRefusal) return false;
		this.renewedAfterRefusal = true;
		this.credentials.sessionToken = '';
		if (this.session.token?.sessionToken === usedToken) this.session.token = undefined;
		return true;
	}

	/** Takes a newer token that another execution of this process got for the same login. */
	private adoptSharedToken() {
		const shared = this.session.token;
		if (!shared || shared.sessionToken === this.credentials.sessionToken || !this.usable(shared)) return;
		if (this.credentials.sessionToken === '' || shared.sessionExpiresAt > Number(this.credentials.sessionExpiresAt)) {
			Object.assign(this.credentials, shared);
		}
	}

	/**
	 * Sends once with a token. Without one, the first request logs in (n8n calls
	 * preAuthentication) while the others, of this execution and of others in this process,
	 * wait and share its outcome.
	 */
	private async authorizedSend(spec: RequestSpec): Promise<{ response: RawResponse; usedToken: string }> {
		for (;;) {
			if (this.runFailure) throw this.runFailure;
			if (!this.usesLogin) return { response: await this.transmit(spec), usedToken: '' };
			this.adoptSharedToken();
			const usedToken = String(this.credentials.sessionToken ?? '');
			if (usedToken !== '') return { response: await this.transmit(spec), usedToken };
			if (this.session.login) {
				const failure = await this.session.login;
				if (failure && this.credentials.sessionToken === '') this.runFailure ??= failure;
				continue;
			}
			return await this.leadLogin(spec);
		}
	}

	/**
	 * Logs in by sending the request through n8n with an empty token. A login that fails for a
	 * passing reason is tried again here, up to Max Attempts, with the same waits as requests;
	 * a login that fails for good fails the run.
	 */
	private async leadLogin(spec: RequestSpec): Promise<{ response: RawResponse; usedToken: string }> {
		let settle: (failure: SigningHubError | undefined) => void = () => {};
		this.session.login = new Promise((resolve) => (settle = resolve));
		try {
			for (let attempt = 1; ; attempt++) {
				const sending = this.persistTokens ? this.transmit(spec, true) : this.loginInProcess().then(async () => await this.transmit(spec));
				const outcome = await sending.then(
					(response) => ({ response, failure: undefined }),
					(failure: SigningHubError) => ({ response: undefined, failure }),
				);
				if (outcome.response) return { response: outcome.response, usedToken: String(this.credentials.sessionToken) };
				const { failure } = outcome;
				// Logged in, but the request itself failed: the request's own retries deal with that.
				if (this.credentials.sessionToken !== '') throw failure;
				if (!failure.transient || attempt >= this.options.maxAttempts || !(await this.pause(retryDelayMs(attempt, failure.retryAfter)))) {
					this.runFailure = this.cancelled() ? new SigningHubError(CANCELLED) : failure;
					throw this.runFailure;
				}
			}
		} finally {
			if (this.credentials.sessionToken !== '') this.session.token = tokenOf(this.credentials);
			this.session.login = undefined;
			settle(this.runFailure);
		}
	}

	/** Logs in without n8n, for a client acting for another user: the token stays in memory. */
	private async loginInProcess() {
		Object.assign(this.credentials, await obtainToken({ helpers: this.context.helpers } as IHttpRequestHelper, this.credentials));
	}

	/**
	 * The abort signal of one try: the execution's cancel signal and the deadline. A try that
	 * logs in first gets its deadline once the token is there (and the login's own as a cap).
	 */
	private tryDeadline(loggingIn: boolean): AbortSignal {
		const { requestTimeout } = this.options;
		if (!loggingIn) return deadlineSignal(requestTimeout, this.cancelSignal);
		const afterLogin = new AbortController();
		this.loginContext.onLoggedIn = () => {
			const deadline = AbortSignal.timeout(requestTimeout);
			deadline.addEventListener('abort', () => afterLogin.abort(deadline.reason), { once: true });
		};
		return AbortSignal.any([afterLogin.signal, deadlineSignal(requestTimeout + LOGIN_TIMEOUT_MS, this.cancelSignal)]);
	}

	/**
	 * One try through n8n; rejects with a SigningHubError only. A try with a token goes through
	 * n8n's httpRequest with the header the credential's authenticate() would add: that skips,
	 * per request, n8n's credential lookups, its preAuthentication check (a no-op with a token)
	 * and the identity hash of authenticate(). Logins go through httpRequestWithAuthentication,
	 * which calls preAuthentication and stores the token in the credential.
	 */
	private async transmit(spec: RequestSpec, loggingIn = false): Promise<RawResponse> {
		const deadline = this.tryDeadline(loggingIn);
		const extraTimeMs = loggingIn ? LOGIN_TIMEOUT_MS : 0;
		const file = Buffer.isBuffer(spec.body);
		const headers: Record<string, string> = { Accept: spec.expect === 'file' ? 'application/octet-stream' : 'application/json' };
		// An empty POST says so: without a length, Node sends it chunked, in two packets.
		if (spec.body === undefined && spec.method !== 'GET') headers['Content-Length'] = '0';
		if (file) headers['Content-Type'] = 'application/octet-stream';
		const token = loggingIn ? '' : bearerTokenOf(this.credentials, this.identity);
		if (token !== '') headers.Authorization = `Bearer ${token}`;
		const options: IHttpRequestOptions = {
			method: spec.method,
			url: `${this.baseUrl}${resolvePath(spec.endpoint, this.apiVersion, spec.pathParameters)}`,
			qs: spec.query,
			headers: { ...spec.headers, ...headers },
			body: spec.body,
			json: spec.body !== undefined && !file,
			...(spec.expect === 'file' ? { encoding: 'arraybuffer' as const } : {}),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: this.options.requestTimeout + extraTimeMs,
			abortSignal: deadline,
			skipSslCertificateValidation: this.credentials.ignoreSslIssues === true,
		};
		const { helpers } = this.requester;
		try {
			return (await (token === ''
				? helpers.httpRequestWithAuthentication.call(this.requester, CREDENTIAL_TYPE, options, { credentialsDecrypted: this.credentialsDecrypted })
				: helpers.httpRequest.call(this.requester, options))) as RawResponse;
		} catch (error) {
			throw this.asSigningHubError(error, deadline);
		}
	}

	private asSigningHubError(error: unknown, deadline: AbortSignal): SigningHubError {
		const loginFailure = takeLoginFailure(this.credentials);
		if (loginFailure) return loginFailure;
		if (this.cancelled()) return new SigningHubError(CANCELLED);
		if (deadline.aborted) return new SigningHubError(timeoutFailure(this.options.requestTimeout));
		return new SigningHubError(describeNetworkFailure(error, this.baseUrl, this.options.requestTimeout));
	}
}

/** A request that must not be sent twice got no answer: say so rather than try again. */
function outcomeUnknownFailure(failure: FailureDetails): FailureDetails {
	return {
		...failure,
		transient: false,
		message: `${failure.message}. SigningHub may have carried it out`,
		description:
			'The answer was lost, so the node did not send it again (that could do it twice). Check the package in SigningHub before running this item again.',
	};
}

/** No answer came, or a gateway gave up on SigningHub: it may have carried the request out. */
function mayHaveBeenCarriedOut(failure: FailureDetails): boolean {
	return failure.outcomeUnknown === true || failure.responseStatus === 502 || failure.responseStatus === 504;
}
