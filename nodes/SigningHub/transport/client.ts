import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { accessTokenOf, apiVersionOf, bearerTokenOf, checkActAsUserAllowed, deadlineSignal, LOGIN_TIMEOUT_MS, normalizeBaseUrl, normalizeEmail } from './auth';
import { resolvePath, type ApiVersion, type Endpoint, type PathParameters } from './endpoints';
import {
	CANCELLED,
	CONFIG_FAILURE,
	describeHttpFailure,
	forCall,
	describeNetworkFailure,
	describeRedirect,
	isJsonObject,
	notSigningHubAnswer,
	parseBody,
	RequestFailure,
	SigningHubError,
	timeoutFailure,
	type FailureDetails,
} from './errors';
import {
	credentialsHandle,
	CREDENTIAL_TYPE,
	loginContextOf,
	requesterOf,
	takeLoginFailure,
	type ClientContext,
	type LoginContext,
	type RawResponse,
} from './n8nBridge';
import { TokenSession, type LoginRetry } from './session';
import {
	brokenDownload,
	fileTooLarge,
	firstBytesOf,
	idleDeadline,
	isByteStream,
	isStoredFile,
	MAX_ERROR_BODY_BYTES,
	receiveFile,
	stalledDownload,
	storeFailure,
	type ByteStream,
	type IdleDeadline,
	type IncomingFile,
	type StoredFile,
} from './fileStreams';

export interface TransportOptions {
	/** Tries per request, counting the first; only transient failures are tried again. */
	maxAttempts: number;
	/**
	 * Milliseconds one try may take, whole answer included; for a file sent or received, the
	 * longest silence (no byte moving), so a big file on a slow link arrives.
	 */
	requestTimeout: number;
}

/**
 * What a successful answer must look like: SigningHub answers with JSON, nothing, or a file,
 * so an HTML page from a proxy or a web app is never taken for success.
 */
export type ExpectedAnswer = 'emptyOrJson' | 'jsonObject' | 'jsonArray' | 'jsonString' | 'file';

export interface RequestSpec {
	method: IHttpRequestMethods;
	endpoint: Endpoint;
	pathParameters?: PathParameters;
	query?: IDataObject;
	headers?: Record<string, string>;
	/** JSON (an object or an array), or a file: its bytes, or a file in n8n's binary store, streamed. */
	body?: IDataObject | IDataObject[] | Buffer | StoredFile;
	expect: ExpectedAnswer;
	/**
	 * Whether sending it twice does no harm. One that is not (creating, uploading, adding) is
	 * never tried again after a try whose answer was lost: its outcome is reported as unknown.
	 */
	repeatable: boolean;
	/** Words for error messages, e.g. "complete the workflow of package 123". */
	action: string;
	/** For a file answer: the most bytes to receive; past it the file is dropped and the request fails. */
	maxBytes?: number;
}

/** A successful answer: its body (JSON, null when empty, or an IncomingFile for a file) and headers. */
export interface Answer {
	body: unknown;
	headers: IDataObject;
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
		return isIncomingFile(body) && !html ? { value: body } : undefined;
	}
	const parsed = parseBody(body);
	// A bare JSON string (a link, say): quoted as sent, or already unquoted by n8n's JSON parsing.
	if (expect === 'jsonString') return jsonStringOf(parsed, headers);
	if (expect === 'jsonObject') return isJsonObject(parsed) ? { value: parsed } : undefined;
	if (expect === 'jsonArray') return Array.isArray(parsed) ? { value: parsed } : undefined;
	if (parsed === undefined || parsed === null || (typeof parsed === 'string' && parsed.trim() === '')) return { value: null };
	return typeof parsed === 'object' ? { value: parsed } : undefined;
}

/** The text of a JSON string answer, when the answer is one (never an HTML page). */
function jsonStringOf(body: unknown, headers: IDataObject): { value: string } | undefined {
	if (typeof body !== 'string' || !/json/i.test(String(headers['content-type'] ?? ''))) return undefined;
	const text = body.trim();
	if (!text.startsWith('"')) return text === '' ? undefined : { value: text };
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'string' && value !== '' ? { value } : undefined;
	} catch {
		return undefined;
	}
}

/** What goes on the wire: JSON, a file's bytes, or a file streamed from n8n's binary store. */
type SentBody = IDataObject | IDataObject[] | Buffer | ByteStream | undefined;

function isIncomingFile(body: unknown): body is IncomingFile {
	return isByteStream((body as IncomingFile | null)?.stream);
}

/** A file request's error answer comes as bytes: read them as the text SigningHub sent. */
function asText(body: unknown): unknown {
	return Buffer.isBuffer(body) ? body.toString('utf8') : body;
}

/** Transport settings when no node option sets them (the editor's lists, the trigger). */
export const DEFAULT_TRANSPORT_OPTIONS: TransportOptions = { maxAttempts: 3, requestTimeout: 30_000 };

/**
 * One per execution: owns URLs, tokens (through its TokenSession), retries and the mapping of
 * SigningHub's answers. Requests never follow redirects, end at a deadline, and stop when the
 * execution is cancelled.
 */
export class SigningHubClient {
	readonly apiVersion: ApiVersion;

	private readonly baseUrl: string;

	private readonly session: TokenSession;

	private readonly cancelSignal: AbortSignal | undefined;

	private readonly loginContext: LoginContext;

	private readonly requester: ClientContext;

	/** Clients of this run that act for other users of the enterprise, by email. */
	private readonly actingClients = new Map<string, SigningHubClient>();

	private readonly loginRetry: LoginRetry;

	private constructor(
		private readonly context: ClientContext,
		credentials: ICredentialDataDecryptedObject,
		private readonly options: TransportOptions,
		persistTokens = true,
	) {
		this.baseUrl = normalizeBaseUrl(credentials.baseUrl);
		this.apiVersion = apiVersionOf(credentials);
		this.cancelSignal = 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
		const credentialId = context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
		this.session = new TokenSession(credentials, credentialId, persistTokens, context.helpers);
		// n8n calls preAuthentication while this field is empty; an access token needs no login.
		if (!this.session.usesLogin) credentials.sessionToken = accessTokenOf(credentials);
		this.loginContext = loginContextOf(credentials);
		this.loginContext.cancelSignal = this.cancelSignal;
		if (persistTokens) this.loginContext.readStoredCredential = async () => await context.getCredentials(CREDENTIAL_TYPE);
		this.requester = requesterOf(context);
		this.loginRetry = {
			maxAttempts: options.maxAttempts,
			pause: async (attempt, retryAfter) => await this.pause(retryDelayMs(attempt, retryAfter)),
			cancelled: () => this.cancelled(),
		};
	}

	static async create(context: ClientContext, options: TransportOptions = DEFAULT_TRANSPORT_OPTIONS): Promise<SigningHubClient> {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		return new SigningHubClient(context, credentials, options);
	}

	private get credentials(): ICredentialDataDecryptedObject {
		return this.session.credentials;
	}

	/**
	 * A client acting for another user of the enterprise (SigningHub's scope): an Enterprise Admin
	 * credential only, and only for a user the credential allows. One per user and run, so each
	 * user's token is fetched once. The scope sent is the email as checked (normalizeEmail).
	 */
	forUser(email: string): SigningHubClient {
		const { authMethod } = this.session;
		if (authMethod !== 'enterpriseScope') {
			const clientCredentials = authMethod === 'clientCredentials';
			throw new SigningHubError({
				...CONFIG_FAILURE,
				message: clientCredentials ? "Act as User is not available with 'Client Credentials (No Password)'" : 'Act as User needs an Enterprise Admin credential',
				description: `${clientCredentials ? "SigningHub documents acting for another user only for an enterprise admin's login (its scope). " : ''}Switch the SigningHub credential's Authentication to 'Enterprise Admin on Behalf of a User', or remove the Act as User option.`,
			});
		}
		if (normalizeEmail(email) === normalizeEmail(this.credentials.scope)) return this;
		const user = checkActAsUserAllowed(this.credentials, email);
		let client = this.actingClients.get(user);
		if (!client) {
			const credentials = { ...this.credentials, scope: user, sessionToken: '', refreshToken: '', sessionExpiresAt: 0, tokenIdentity: '' };
			client = new SigningHubClient(this.context, credentials, this.options, false);
			this.actingClients.set(user, client);
		}
		return client;
	}

	/** Whether the token acts for a user through an enterprise admin's scope, not the user's own login. */
	get actsThroughScope(): boolean {
		return this.session.authMethod === 'enterpriseScope';
	}

	private cancelled(): boolean {
		return this.cancelSignal?.aborted === true;
	}

	/** Sends a request, renewing the token once per run after a 401 and retrying transient failures. */
	async request(spec: RequestSpec): Promise<Answer> {
		return await this.exchange(spec, async (answer) => answer);
	}

	/**
	 * Sends a file request and hands SigningHub's file, as it arrives, to `keep` (n8n's binary
	 * store): the file is never held whole. A try whose file breaks off, runs past the deadline or
	 * past `maxBytes` fails, and `keep` with it; a read is tried again as any other.
	 */
	async receiveFile<T>(spec: Omit<RequestSpec, 'expect'>, keep: (file: IncomingFile) => Promise<T>): Promise<T> {
		return await this.exchange({ ...spec, expect: 'file' }, async (answer) => await keep(answer.body as IncomingFile));
	}

	private async exchange<T>(spec: RequestSpec, take: (answer: Answer) => Promise<T>): Promise<T> {
		let attempts = 0;
		let outcomeUnknown = false;
		const path = resolvePath(spec.endpoint, this.apiVersion, spec.pathParameters);
		/** The failure for good, with the call it came from: the login's own when the login failed. */
		const failed = (failure: FailureDetails, tries = attempts) =>
			failure.reason === 'login'
				? new RequestFailure(forCall(failure, 'POST', resolvePath('authenticate', this.apiVersion)), tries, outcomeUnknown)
				: new RequestFailure(forCall(failure, spec.method, path), tries, outcomeUnknown);
		for (;;) {
			attempts++;
			if (this.cancelled()) throw failed(CANCELLED, attempts - 1);
			let failure: FailureDetails;
			// A file from n8n's binary store is opened for each try: a stream is sent only once.
			let upload: ByteStream | undefined;
			try {
				upload = isStoredFile(spec.body) ? await spec.body.open() : undefined;
				const body = upload ?? (spec.body as SentBody);
				const { response, usedToken } = await this.session.send(async (loggingIn) => await this.transmit(spec, body, loggingIn), this.loginRetry);
				const headers = response.headers ?? {};
				if (response.statusCode === 401) {
					if (this.session.usesLogin && this.session.retryAfterRefusal(usedToken)) continue;
					this.session.runFailure ??= new SigningHubError(describeHttpFailure(401, asText(response.body), spec.action, this.session.authMethod));
					throw this.session.runFailure;
				}
				const accepted = SUCCESS_STATUSES.has(response.statusCode) ? acceptedBody(response.body, headers, spec.expect) : undefined;
				if (accepted) return await taken(take, { body: accepted.value, headers }, spec.action);
				if (isIncomingFile(response.body)) response.body.stop();
				failure = this.describeAnswer(response, spec.action);
			} catch (error) {
				failure = error as SigningHubError;
			} finally {
				upload?.destroy();
			}
			if (failure === this.session.runFailure) throw failed(failure);
			outcomeUnknown ||= mayHaveBeenCarriedOut(failure);
			if (failure.reason === 'cancelled' || this.cancelled()) throw failed(CANCELLED);
			if (!spec.repeatable && outcomeUnknown) throw failed(outcomeUnknownFailure(failure));
			if (!failure.transient || attempts >= this.options.maxAttempts) throw failed(failure);
			if (!(await this.pause(retryDelayMs(attempts, failure.retryAfter)))) throw failed(CANCELLED);
		}
	}

	private describeAnswer(response: RawResponse, action: string): FailureDetails {
		const { statusCode } = response;
		if (statusCode >= 300 && statusCode < 400) return describeRedirect(statusCode, response.headers?.location, this.baseUrl, action);
		if (statusCode < 300) return notSigningHubAnswer(statusCode, action);
		return { ...describeHttpFailure(statusCode, asText(response.body), action, this.session.authMethod), retryAfter: response.headers?.['retry-after'] };
	}

	/** Waits, unless the execution is cancelled first; says whether the wait ran to its end. */
	async pause(ms: number): Promise<boolean> {
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
	 * The deadline of one try, with the execution's cancel signal: the whole answer must arrive
	 * within Request Timeout, a file may take as long as it keeps moving. A try that logs in first
	 * gets its time once the token is there (the login's own timeout as a grace before).
	 */
	private tryDeadline(loggingIn: boolean, transfersFile: boolean): IdleDeadline {
		const { requestTimeout } = this.options;
		if (transfersFile) {
			const deadline = idleDeadline(requestTimeout, this.cancelSignal);
			if (loggingIn) {
				deadline.touch(LOGIN_TIMEOUT_MS);
				this.loginContext.onLoggedIn = () => deadline.touch();
			}
			return deadline;
		}
		const noProgress = () => {};
		if (!loggingIn) return { signal: deadlineSignal(requestTimeout, this.cancelSignal), touch: noProgress };
		const afterLogin = new AbortController();
		this.loginContext.onLoggedIn = () => {
			const deadline = AbortSignal.timeout(requestTimeout);
			deadline.addEventListener('abort', () => afterLogin.abort(deadline.reason), { once: true });
		};
		return { signal: AbortSignal.any([afterLogin.signal, deadlineSignal(requestTimeout + LOGIN_TIMEOUT_MS, this.cancelSignal)]), touch: noProgress };
	}

	/**
	 * One try through n8n; rejects with a SigningHubError only. A try with a token goes through
	 * n8n's httpRequest with the header the credential's authenticate() would add: that skips,
	 * per request, n8n's credential lookups, its preAuthentication check (a no-op with a token)
	 * and the identity hash of authenticate(). Logins go through httpRequestWithAuthentication,
	 * which calls preAuthentication and stores the token in the credential.
	 */
	private async transmit(spec: RequestSpec, sent: SentBody, loggingIn: boolean): Promise<RawResponse> {
		const file = Buffer.isBuffer(sent) || isByteStream(sent);
		const deadline = this.tryDeadline(loggingIn, file || spec.expect === 'file');
		const body = isByteStream(sent) ? uploadProgress(sent, deadline) : sent;
		const extraTimeMs = loggingIn ? LOGIN_TIMEOUT_MS : 0;
		const headers: Record<string, string> = { Accept: spec.expect === 'file' ? 'application/octet-stream' : 'application/json' };
		// An empty POST says so: without a length, Node sends it chunked, in two packets.
		if (body === undefined && spec.method !== 'GET') headers['Content-Length'] = '0';
		if (file) headers['Content-Type'] = 'application/octet-stream';
		if (isStoredFile(spec.body)) headers['Content-Length'] = String(spec.body.size);
		const token = loggingIn ? '' : bearerTokenOf(this.credentials, this.session.identity);
		if (token !== '') headers.Authorization = `Bearer ${token}`;
		const options: IHttpRequestOptions = {
			method: spec.method,
			url: `${this.baseUrl}${resolvePath(spec.endpoint, this.apiVersion, spec.pathParameters)}`,
			qs: spec.query,
			headers: { ...spec.headers, ...headers },
			body,
			json: body !== undefined && !file,
			...(spec.expect === 'file' ? { encoding: 'stream' as const } : {}),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			// n8n's timeout is the socket's silence: a streamed upload's last bytes wait in the buffers
			// between with the socket silent, so its deadline is the idle one alone (with its grace).
			timeout: isByteStream(sent) ? undefined : this.options.requestTimeout + extraTimeMs,
			abortSignal: deadline.signal,
			skipSslCertificateValidation: this.credentials.ignoreSslIssues === true,
		};
		const { helpers } = this.requester;
		try {
			const response = (await (token === ''
				? helpers.httpRequestWithAuthentication.call(this.requester, CREDENTIAL_TYPE, options, {
						credentialsDecrypted: credentialsHandle(this.context, this.credentials),
					})
				: helpers.httpRequest.call(this.requester, options))) as RawResponse;
			if (isByteStream(response.body)) response.body = await this.incoming(response, spec, deadline);
			return response;
		} catch (error) {
			throw this.asSigningHubError(error, deadline.signal);
		}
	}

	/** A streamed answer: the file passed on as it arrives, or an error answer's text. */
	private async incoming(response: RawResponse, spec: RequestSpec, deadline: IdleDeadline): Promise<IncomingFile | Buffer> {
		const body = response.body as IncomingFile['stream'];
		if (!SUCCESS_STATUSES.has(response.statusCode)) return await firstBytesOf(body, MAX_ERROR_BODY_BYTES, deadline.signal);
		return receiveFile(body, response.headers ?? {}, {
			maxBytes: spec.maxBytes ?? Infinity,
			deadline,
			tooLarge: () => new SigningHubError(fileTooLarge(spec.action, spec.maxBytes ?? Infinity)),
			broken: (error, received) => {
				const failure = this.asSigningHubError(error, deadline.signal);
				if (failure.reason !== 'network') return failure;
				const { requestTimeout } = this.options;
				return new SigningHubError(deadline.signal.aborted ? stalledDownload(failure, spec.action, received, requestTimeout) : brokenDownload(failure, spec.action, received));
			},
		});
	}

	private asSigningHubError(error: unknown, deadline: AbortSignal): SigningHubError {
		const loginFailure = takeLoginFailure(this.credentials);
		if (loginFailure) return loginFailure;
		if (error instanceof SigningHubError) return error;
		if (this.cancelled()) return new SigningHubError(CANCELLED);
		if (deadline.aborted) return new SigningHubError(timeoutFailure(this.options.requestTimeout));
		return new SigningHubError(describeNetworkFailure(error, this.baseUrl, this.options.requestTimeout));
	}
}

/**
 * An upload read from n8n's binary store, each chunk read counting as progress. The buffers
 * between here and SigningHub (several MB) still hold the last bytes once all is read, and they
 * leave no faster than the file did: SigningHub then gets Request Timeout plus as long as the
 * file took to hand over.
 */
function uploadProgress(file: ByteStream, deadline: IdleDeadline): ByteStream {
	const started = Date.now();
	file.once('end', () => deadline.touch(Date.now() - started));
	return file.map((chunk: Buffer) => (deadline.touch(), chunk), { signal: deadline.signal });
}

/**
 * Hands a successful answer on. When that fails while a file streams in, the file's own failure
 * (broken off, too large, past the deadline) is the item's; any other is n8n's store failing.
 */
async function taken<T>(take: (answer: Answer) => Promise<T>, answer: Answer, action: string): Promise<T> {
	const file = isIncomingFile(answer.body) ? answer.body : undefined;
	try {
		return await take(answer);
	} catch (error) {
		throw file?.failure() ?? (error instanceof SigningHubError ? error : new SigningHubError(storeFailure(error, action)));
	} finally {
		file?.stop();
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
