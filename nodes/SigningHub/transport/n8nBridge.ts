import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { SigningHubError } from './errors';

/**
 * How the transport rides on n8n's credential machinery, in one place.
 *
 * Logins go through n8n (`helpers.httpRequestWithAuthentication`), because only that path makes
 * n8n call the credential's preAuthentication and store the token it returns in the saved
 * credential, for later executions and for queue workers. Three things n8n does there are
 * worked around here, and `test/unit/n8nBridge.test.ts` drives n8n-core's own request helpers
 * to check that each still holds; when one of its checks fails, n8n changed and the matching
 * workaround can go:
 *
 * 1. n8n writes preAuthentication's answer into the very `credentialsDecrypted.data` object the
 *    caller passes (`Object.assign`). The transport passes its own decrypted credential, so it
 *    sees the new token there; that is why it writes token fields into that object.
 * 2. n8n wraps an error thrown in preAuthentication in its own error class, which drops the
 *    error's `cause` and fields (n8n 2.8 overwrites `cause`). The login's failure is kept per
 *    credential object (`keepLoginFailure` / `takeLoginFailure`) so the item gets SigningHub's
 *    words, not n8n's generic ones.
 * 3. n8n replaces a request's abort signal with the execution's cancel signal whenever the
 *    calling context has `getExecutionCancelSignal`, which would drop the request's deadline.
 *    Requests are made through a context without it (`requesterOf`); the transport's own signal
 *    carries both the cancel signal and the deadline.
 *
 * preAuthentication gets only the credential's data from n8n, so what it needs of the request
 * that waits for it (the cancel signal, a call-back once the token is there, and a way to read
 * the stored credential again) is kept per credential object too (`loginContextOf`).
 *
 * In queue mode each worker is its own process with its own copy of the credential. When the
 * tokens expire, two workers renew with the same refresh token; SigningHub spends it on the
 * first and refuses the second. The second then reads the credential again through the node's
 * own `getCredentials` (n8n decrypts it from the database on each call) and takes up the token
 * the first one stored, instead of logging in with the password (`readStoredCredential`).
 */

/** What n8n's request helpers give with `returnFullResponse` and `ignoreHttpStatusErrors`. */
export interface RawResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

/** Every n8n context that reads SigningHub: operations, editor lists, the polling trigger, and the instant trigger's activation and calls. */
export type ClientContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

export const CREDENTIAL_TYPE = 'signingHubApi';

/** What the transport tells preAuthentication about the login it is waiting for. */
export interface LoginContext {
	/** The execution's cancel signal, for the login's own request. */
	cancelSignal?: AbortSignal;
	/** Called once a token is there, so the waiting request's deadline starts then. */
	onLoggedIn?: () => void;
	/** The credential as n8n stores it now, tokens included: what another process may have stored meanwhile. */
	readStoredCredential?: () => Promise<ICredentialDataDecryptedObject>;
}

const loginContexts = new WeakMap<object, LoginContext>();
const loginFailures = new WeakMap<object, SigningHubError>();

export function loginContextOf(credentials: object): LoginContext {
	let context = loginContexts.get(credentials);
	if (!context) {
		context = {};
		loginContexts.set(credentials, context);
	}
	return context;
}

/** The context of a login under way, if the transport started it (not on a credential test). */
export function waitingLoginOf(credentials: object): LoginContext | undefined {
	return loginContexts.get(credentials);
}

export function keepLoginFailure(credentials: object, failure: SigningHubError) {
	loginFailures.set(credentials, failure);
}

export function takeLoginFailure(credentials: object): SigningHubError | undefined {
	const failure = loginFailures.get(credentials);
	loginFailures.delete(credentials);
	return failure;
}

/** The credential as handed to n8n with each login: n8n writes the new token into `data`. */
export function credentialsHandle(context: ClientContext, data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data };
}

/** The context requests are made through: n8n's helpers, without the execution's cancel signal. */
export function requesterOf(context: ClientContext): ClientContext {
	return { helpers: context.helpers, logger: context.logger, getNode: () => context.getNode() } as unknown as ClientContext;
}
