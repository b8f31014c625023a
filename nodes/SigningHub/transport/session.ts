import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { authMethodOf, isUsableToken, obtainToken, storedTokenOf, tokenIdentityOf, type AuthMethod, type StoredToken } from './auth';
import { CANCELLED, SigningHubError } from './errors';
import type { RawResponse } from './n8nBridge';

/**
 * One login per credential in this n8n process: executions that start together share the
 * login under way and the newest token, so a burst of executions logs in once.
 */
interface SharedLogin {
	token?: StoredToken;
	/** The login under way; resolves to its failure, if any. */
	login?: Promise<SigningHubError | undefined>;
}

const sharedLogins = new Map<string, SharedLogin>();
/** Logins remembered per process (credentials times the users acted for); the oldest go first. */
const MAX_SHARED_LOGINS = 500;

function sharedLoginFor(key: string): SharedLogin {
	let shared = sharedLogins.get(key);
	if (!shared) {
		shared = {};
		sharedLogins.set(key, shared);
		if (sharedLogins.size > MAX_SHARED_LOGINS) sharedLogins.delete(sharedLogins.keys().next().value as string);
	}
	return shared;
}

/** Sends one try: with the token in the credential, or (loggingIn) through n8n's login path. */
export type Send = (loggingIn: boolean) => Promise<RawResponse>;

/** How a login that failed for a passing reason is tried again: up to a count, with waits. */
export interface LoginRetry {
	maxAttempts: number;
	/** Waits before the next try; false when the execution was cancelled meanwhile. */
	pause(attempt: number, retryAfter: unknown): Promise<boolean>;
	cancelled(): boolean;
}

/**
 * The token of one run for one SigningHub user: the credential's own (stored by n8n), or, for a
 * user an enterprise admin acts for, one kept in this process only. Holds the run's failure that
 * ends every item still to come: a failed login, or a token refused after renewal.
 */
export class TokenSession {
	readonly authMethod: AuthMethod;

	readonly identity: string;

	/** A failure that ends every item still to run. */
	runFailure: SigningHubError | undefined;

	/** Whether this run already renewed its token after SigningHub refused it. */
	private renewedAfterRefusal = false;

	private readonly shared: SharedLogin;

	constructor(
		/** The decrypted credential; n8n's login writes the new token into it (see n8nBridge.ts). */
		readonly credentials: ICredentialDataDecryptedObject,
		credentialId: string,
		/** Whether logins go through n8n, which stores the token in the credential. */
		readonly persistTokens: boolean,
		private readonly helpers: IHttpRequestHelper['helpers'],
	) {
		this.authMethod = authMethodOf(credentials);
		this.identity = tokenIdentityOf(credentials);
		this.shared = sharedLoginFor(`${credentialId}\n${this.identity}`);
		if (this.usesLogin && !this.usable(storedTokenOf(credentials))) credentials.sessionToken = '';
	}

	get usesLogin(): boolean {
		return this.authMethod !== 'accessToken';
	}

	private usable(token: StoredToken): boolean {
		return isUsableToken(token, this.identity);
	}

	/**
	 * Sends once with a token. Without one, the first request logs in while the others, of this
	 * execution and of others in this process, wait and share its outcome.
	 */
	async send(send: Send, retry: LoginRetry): Promise<{ response: RawResponse; usedToken: string }> {
		for (;;) {
			if (this.runFailure) throw this.runFailure;
			if (!this.usesLogin) return { response: await send(false), usedToken: '' };
			this.adoptSharedToken();
			const usedToken = String(this.credentials.sessionToken ?? '');
			if (usedToken !== '') return { response: await send(false), usedToken };
			if (this.shared.login) {
				const failure = await this.shared.login;
				if (failure && this.credentials.sessionToken === '') this.runFailure ??= failure;
				continue;
			}
			return await this.leadLogin(send, retry);
		}
	}

	/**
	 * After a 401: retry with a token that is newer than the refused one (this run's or another
	 * execution's), or renew once per run. Returns false when the run's renewed token was refused
	 * too: then every remaining item fails at once.
	 */
	retryAfterRefusal(usedToken: string): boolean {
		if (this.credentials.sessionToken !== usedToken) return true;
		const shared = this.shared.token;
		if (shared && shared.sessionToken !== usedToken && this.usable(shared)) {
			Object.assign(this.credentials, shared);
			return true;
		}
		if (this.renewedAfterRefusal) return false;
		this.renewedAfterRefusal = true;
		this.credentials.sessionToken = '';
		if (this.shared.token?.sessionToken === usedToken) this.shared.token = undefined;
		return true;
	}

	/** Takes a newer token that another execution of this process got for the same login. */
	private adoptSharedToken() {
		const shared = this.shared.token;
		if (!shared || shared.sessionToken === this.credentials.sessionToken || !this.usable(shared)) return;
		if (this.credentials.sessionToken === '' || shared.sessionExpiresAt > Number(this.credentials.sessionExpiresAt)) {
			Object.assign(this.credentials, shared);
		}
	}

	/**
	 * Logs in by sending the request through n8n with an empty token (or, for a user acted for,
	 * in this process). A login that fails for a passing reason is tried again, up to Max
	 * Attempts; a login that fails for good fails the run.
	 */
	private async leadLogin(send: Send, retry: LoginRetry): Promise<{ response: RawResponse; usedToken: string }> {
		let settle: (failure: SigningHubError | undefined) => void = () => {};
		this.shared.login = new Promise((resolve) => (settle = resolve));
		try {
			for (let attempt = 1; ; attempt++) {
				const sending = this.persistTokens ? send(true) : this.loginInProcess().then(async () => await send(false));
				const outcome = await sending.then(
					(response) => ({ response, failure: undefined }),
					(failure: SigningHubError) => ({ response: undefined, failure }),
				);
				if (outcome.response) return { response: outcome.response, usedToken: String(this.credentials.sessionToken) };
				const { failure } = outcome;
				// Logged in, but the request itself failed: the request's own retries deal with that.
				if (this.credentials.sessionToken !== '') throw failure;
				if (!failure.transient || attempt >= retry.maxAttempts || !(await retry.pause(attempt, failure.retryAfter))) {
					this.runFailure = retry.cancelled() ? new SigningHubError(CANCELLED) : failure;
					throw this.runFailure;
				}
			}
		} finally {
			if (this.credentials.sessionToken !== '') this.shared.token = storedTokenOf(this.credentials);
			this.shared.login = undefined;
			settle(this.runFailure);
		}
	}

	/** Logs in without n8n, for a user an admin acts for: the token stays in memory. */
	private async loginInProcess() {
		Object.assign(this.credentials, await obtainToken({ helpers: this.helpers }, this.credentials));
	}
}
