// Logins through n8n-core's real request layer against the simulator: the client-credentials
// mode, the email Act as User sends, and renewal when two queue-mode workers share one stored
// credential (each a process of its own: a credential ID of its own here, one stored object).
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { SigningHubClient, type RequestSpec } from '../../nodes/SigningHub/transport';
import { nodeHarness, ownerLogin } from './actions/harness';
import { fakeExecuteContext } from './fakeContext';

const SECRET = 'sim-client-secret-4f9a';
const harness = nodeHarness();
const { sim } = harness;

const clientCredentials = (extra: IDataObject = {}): ICredentialDataDecryptedObject => ({
	authMethod: 'clientCredentials',
	baseUrl: harness.url,
	apiVersion: 'v4',
	clientId: 'cc-client',
	clientSecret: SECRET,
	sessionToken: '',
	...extra,
});
const admin = (extra: IDataObject = {}): ICredentialDataDecryptedObject => ({
	authMethod: 'enterpriseScope',
	baseUrl: harness.url,
	apiVersion: 'v4',
	clientId: 'n8n-integration',
	clientSecret: SECRET,
	username: 'admin@example.com',
	password: 'admin-pass-9e3f',
	scope: 'admin@example.com',
	sessionToken: '',
	...extra,
});
const complete = (options: IDataObject = {}) => ({ resource: 'workflow', operation: 'complete', packageId: '={{ $json.id }}', options });
const logins = (from: number) => sim.log.slice(from).filter((entry: IDataObject) => entry.path === '/authenticate');

beforeEach(() => {
	sim.reset({
		clients: [
			{ id: 'n8n-integration', secret: SECRET },
			{ id: 'cc-client', secret: SECRET, registeredBy: 'admin@example.com' },
			{ id: 'cc-unregistered', secret: SECRET },
		],
		users: [
			{ email: 'owner@example.com', password: 'owner-pass-7c1e', enterprise: 'acme' },
			{ email: 'admin@example.com', password: 'admin-pass-9e3f', enterprise: 'acme', admin: true, integration: true },
			{ email: 'kim@example.com', password: 'kim-pass-3d9a', enterprise: 'acme' },
		],
		packages: [
			{ id: 7001, owner: 'admin@example.com', status: 'IN_PROGRESS' },
			{ id: 7002, owner: 'kim@example.com', status: 'IN_PROGRESS' },
		],
	});
});

describe('Client Credentials (No Password)', () => {
	it('logs in with the client ID and secret alone and runs as the user SigningHub ties to the integration', async () => {
		const { output } = await harness.run(complete(), [{ id: 7001 }], { credentials: clientCredentials({ username: 'left@example.com', password: 'left-over' }) });
		expect(output.map((item) => item.json)).toEqual([{ packageId: 7001, completed: true }]);
		const [login] = logins(0);
		expect(login).toMatchObject({ grantType: 'client_credentials', clientId: 'cc-client', username: undefined, status: 200 });
		expect(harness.requests().map((entry) => `${entry.path} ${entry.actingUser}`)).toEqual(['/v4/packages/7001/complete admin@example.com']);
	});

	it('renews without a refresh token by logging in again with the client credentials', async () => {
		const credentials = clientCredentials();
		const fake = fakeExecuteContext(credentials, {}, [{ json: {} }], { credentialId: 'cc-renew' });
		const client = await SigningHubClient.create(fake.context);
		const read: RequestSpec = { method: 'GET', endpoint: 'workflow', pathParameters: { packageId: 7001 }, expect: 'jsonObject', repeatable: true, action: 'read' };
		await client.request(read);
		expect(fake.stored.refreshToken).toBe('');
		const from = sim.log.length;
		sim.expireTokens();
		await client.request(read);
		expect(logins(from).map((entry: IDataObject) => `${entry.grantType} ${entry.status}`)).toEqual(['client_credentials 200']);
	});

	it('says when SigningHub does not let the integration log in this way', async () => {
		const [error] = await harness.errors(complete(), [{ id: 7001 }], { credentials: clientCredentials({ clientId: 'cc-unregistered' }) });
		expect(error?.message).toBe('SigningHub does not let this integration log in this way: The client is not authorized to use this grant type');
	});

	it('refuses Act as User before any request, saying why', async () => {
		const errors = await harness.refused(complete({ actAsUser: 'owner@example.com' }), [{ id: 7001 }], { credentials: clientCredentials() });
		expect(errors[0]).toMatchObject({ message: "Act as User is not available with 'Client Credentials (No Password)'" });
		expect(String(errors[0].description)).toMatch(/only for an enterprise admin's login/);
		expect(logins(0)).toEqual([]);
	});
});

describe('Act as User sends the email it checked', () => {
	it('a Kelvin sign is checked and sent as the K it stands for', async () => {
		const credentials = admin({ actAsUserPolicy: 'listed', actAsUserAllowed: 'kim@example.com' });
		const { output } = await harness.run(complete({ actAsUser: '={{ $json.owner }}' }), [{ id: 7002, owner: '\u212Aim@Example.com' }], { credentials });
		expect(output.map((item) => item.json)).toEqual([{ packageId: 7002, completed: true }]);
		expect(logins(0).map((entry: IDataObject) => entry.scope)).toEqual(['kim@example.com']);
	});

	it('an email with an invisible character fails the item before any request', async () => {
		const errors = await harness.refused(complete({ actAsUser: '={{ $json.owner }}' }), [{ id: 7002, owner: 'kim\u200b@example.com' }], {
			credentials: admin({ actAsUserPolicy: 'anyUser' }),
		});
		expect(errors[0].message).toMatch(/Act as User must be one email address with exactly one @/);
	});
});

describe('renewal when two workers share the stored credential (queue mode)', () => {
	const read = (packageId: number): RequestSpec => ({ method: 'GET', endpoint: 'workflow', pathParameters: { packageId }, expect: 'jsonObject', repeatable: true, action: 'read' });

	/** Two workers' clients over one stored credential, logged in once by the first. */
	async function twoWorkers() {
		const database: ICredentialDataDecryptedObject = { ...ownerLogin(harness.url) };
		const worker = async (name: string) => await SigningHubClient.create(fakeExecuteContext(ownerLogin(harness.url), {}, [{ json: {} }], { credentialId: name, stored: database }).context);
		const first = await worker(`worker-1-${Math.random()}`);
		await first.request(read(1));
		const second = await worker(`worker-2-${Math.random()}`);
		await second.request(read(2));
		return { first, second, database };
	}

	it('the worker whose refresh token the other just spent takes up the stored token: one token request per worker', async () => {
		const { first, second, database } = await twoWorkers();
		const from = sim.log.length;
		sim.expireTokens();
		await first.request(read(3));
		await second.request(read(4));
		expect(logins(from).map((entry: IDataObject) => `${entry.grantType} ${entry.status}`)).toEqual(['refresh_token 200', 'refresh_token 400']);
		const served = sim.log.slice(from).filter((entry: IDataObject) => entry.path === '/v4/packages/4/workflow');
		expect(served.map((entry: IDataObject) => entry.status)).toEqual([401, 200]);
		expect(served[1].tokenId).toBe(sim.log.slice(from).find((entry: IDataObject) => entry.status === 200 && entry.path === '/authenticate').issuedTokenId);
		expect(database.refreshToken).not.toBe('');
	});

	it('both workers renewing at once: still one token request each, no password login', async () => {
		const { first, second } = await twoWorkers();
		const from = sim.log.length;
		sim.expireTokens();
		await Promise.all([first.request(read(5)), second.request(read(6))]);
		const renewals = logins(from).map((entry: IDataObject) => `${entry.grantType} ${entry.status}`);
		expect(renewals.sort()).toEqual(['refresh_token 200', 'refresh_token 400']);
	});

	it('with nothing newer stored (the refresh token was revoked), logs in with the password', async () => {
		const { second } = await twoWorkers();
		const from = sim.log.length;
		sim.expireTokens({ refreshTokensToo: true });
		await second.request(read(7));
		expect(logins(from).map((entry: IDataObject) => `${entry.grantType} ${entry.status}`)).toEqual(['refresh_token 400', 'password 200']);
	});
});
