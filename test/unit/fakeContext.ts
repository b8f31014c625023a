// A small stand-in for the n8n context the transport runs in, for unit tests against the
// simulator: the credential's own preAuthentication and authenticate, and fetch for HTTP.
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, IPollFunctions } from 'n8n-workflow';

import { SigningHubApi } from '../../credentials/SigningHubApi.credentials';

const credentialType = new SigningHubApi();

async function httpRequest(options: IHttpRequestOptions) {
	const url = new URL(options.url);
	for (const [key, value] of Object.entries(options.qs ?? {})) url.searchParams.set(key, String(value));
	const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
	let body: string | Buffer | undefined;
	if (Buffer.isBuffer(options.body) || typeof options.body === 'string') body = options.body as string | Buffer;
	else if (options.body !== undefined) {
		body = JSON.stringify(options.body);
		headers['content-type'] = 'application/json';
	}
	const response = await fetch(url, { method: options.method, headers, body, redirect: 'manual', signal: options.abortSignal as AbortSignal });
	const bytes = Buffer.from(await response.arrayBuffer());
	const text = bytes.toString('utf8');
	let parsed: unknown = text;
	if (options.encoding === 'arraybuffer') parsed = bytes;
	else if (/json/.test(response.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
	return { statusCode: response.status, headers: Object.fromEntries(response.headers.entries()) as IDataObject, body: parsed };
}

/** A poll context whose credential is `credentials`; `staticData` is the node's workflow static data. */
export function fakePollContext(credentials: ICredentialDataDecryptedObject, parameters: IDataObject, mode = 'trigger') {
	const staticData: IDataObject = {};
	const context = {
		getNode: () => ({ name: 'SigningHub Trigger', type: 'n8n-nodes-signinghub.signingHubTrigger', typeVersion: 1, parameters, credentials: { signingHubApi: { id: 'fake', name: 'fake' } } }),
		getCredentials: async () => credentials,
		getNodeParameter: (name: string, fallback: unknown) => parameters[name] ?? fallback,
		getWorkflowStaticData: () => staticData,
		getMode: () => mode,
		logger: { warn: () => {} },
		helpers: {
			httpRequest,
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions, extra: { credentialsDecrypted: { data: ICredentialDataDecryptedObject } }) {
				const data = extra.credentialsDecrypted.data;
				if (data.sessionToken === '') Object.assign(data, await credentialType.preAuthentication.call({ helpers: { httpRequest } } as never, data));
				return await httpRequest(await credentialType.authenticate(data, options));
			},
		},
	};
	return { context: context as unknown as IPollFunctions, staticData };
}
