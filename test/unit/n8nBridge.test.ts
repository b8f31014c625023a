// The three behaviours of n8n's request helpers that nodes/SigningHub/transport/n8nBridge.ts works
// around, checked against n8n-core's own code. When one of these tests fails, n8n changed: read
// the matching point in n8nBridge.ts and drop (or adapt) its workaround.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';
import { getRequestHelperFunctions } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers';

import { SigningHubError } from '../../nodes/SigningHub/transport';

const node = { id: 'n', name: 'SigningHub', type: 'n8n-nodes-signinghub.signingHub', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

function helpersWith(preAuthentication: (credentials: ICredentialDataDecryptedObject) => Promise<IDataObject>) {
	const credentialsHelper = {
		getParentTypes: () => [],
		// As n8n's CredentialsHelper does: the answer is also written into the credential passed.
		preAuthentication: async (_helpers: unknown, credentials: ICredentialDataDecryptedObject) => Object.assign(credentials, await preAuthentication(credentials)),
		authenticate: async (credentials: ICredentialDataDecryptedObject, _type: string, options: IDataObject) => ({ ...options, headers: { Authorization: `Bearer ${String(credentials.sessionToken)}` } }),
	};
	return getRequestHelperFunctions({} as never, node, { credentialsHelper } as never);
}

describe("n8n's request helpers, as the transport relies on them", () => {
	let server: Server;
	let url: string;
	const seen: Array<{ authorization?: string }> = [];

	beforeAll(async () => {
		server = createServer((request, response) => {
			seen.push({ authorization: request.headers.authorization });
			// Answers slowly, so a request's own deadline can fire first.
			setTimeout(() => response.end('{}'), request.url === '/slow' ? 500 : 0);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));

	it('1. writes the login answer into the very credential object the caller passes', async () => {
		const helpers = helpersWith(async () => ({ sessionToken: 'token-from-login' }));
		const data: ICredentialDataDecryptedObject = { sessionToken: '' };
		await helpers.httpRequestWithAuthentication.call({ helpers, getNode: () => node } as never, 'signingHubApi', { url: `${url}/a` }, {
			credentialsDecrypted: { id: 'c', name: 'c', type: 'signingHubApi', data },
		});
		expect(data.sessionToken).toBe('token-from-login');
		expect(seen.at(-1)?.authorization).toBe('Bearer token-from-login');
	});

	it("2. loses the details of an error thrown in preAuthentication (so the login's failure is kept aside)", async () => {
		const failure = new SigningHubError({ reason: 'login', responseStatus: 400, signingHubMessage: 'Invalid username or password', transient: false, message: 'SigningHub rejected the login', description: 'Check the email and password.' });
		const helpers = helpersWith(async () => await Promise.reject(failure));
		const thrown = await helpers.httpRequestWithAuthentication
			.call({ helpers, getNode: () => node } as never, 'signingHubApi', { url: `${url}/a` }, { credentialsDecrypted: { id: 'c', name: 'c', type: 'signingHubApi', data: { sessionToken: '' } } })
			.catch((error: unknown) => error as Error & { description?: string; cause?: unknown });
		expect(thrown).not.toBe(failure);
		expect(thrown).not.toBeInstanceOf(SigningHubError);
		expect((thrown as { signingHubMessage?: unknown }).signingHubMessage).toBeUndefined();
	});

	it("3. replaces a request's abort signal with the execution's cancel signal when the context has one", async () => {
		const helpers = helpersWith(async () => ({ sessionToken: 'token' }));
		const request = (context: object) =>
			helpers.httpRequestWithAuthentication.call(context as never, 'signingHubApi', { url: `${url}/slow`, abortSignal: AbortSignal.timeout(50) }, {
				credentialsDecrypted: { id: 'c', name: 'c', type: 'signingHubApi', data: { sessionToken: 'token' } },
			});
		// With the execution's cancel signal on the context, the request's own 50 ms deadline is dropped.
		const withCancelSignal = { helpers, getNode: () => node, getExecutionCancelSignal: () => new AbortController().signal };
		await expect(request(withCancelSignal)).resolves.toBeDefined();
		// Without it (as the transport calls), the deadline holds.
		await expect(request({ helpers, getNode: () => node })).rejects.toThrow();
	});
});
