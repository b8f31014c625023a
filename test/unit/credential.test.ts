import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { SigningHubApi } from '../../credentials/SigningHubApi.credentials';
import { checkActAsUserAllowed, tokenIdentityOf } from '../../nodes/SigningHub/transport/auth';
import { takeLoginFailure } from '../../nodes/SigningHub/transport/n8nBridge';

type Answer = { statusCode: number; body: unknown; headers?: Record<string, string> };

/** A fake of n8n's request helper that records the forms sent to /authenticate. */
function helperAnswering(...answers: Array<Answer | Error>) {
	const sent: Array<Record<string, string>> = [];
	const helper = {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				expect(options).toMatchObject({ disableFollowRedirect: true, ignoreHttpStatusErrors: true });
				sent.push(options.method === 'GET' ? { GET: String(options.url) } : Object.fromEntries(new URLSearchParams(String(options.body))));
				const answer = answers.shift();
				if (!answer) throw new Error('unexpected request');
				if (answer instanceof Error) throw answer;
				return { headers: {}, ...answer };
			},
		},
	} as unknown as IHttpRequestHelper;
	return { helper, sent };
}

const token = (name: string) => ({ statusCode: 200, body: { access_token: `at-${name}`, refresh_token: `rt-${name}`, expires_in: 86399 } });

const login = (extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
	authMethod: 'userLogin',
	baseUrl: 'https://api.signinghub.com/',
	apiVersion: 'v3',
	clientId: 'app',
	clientSecret: 'secret',
	username: 'owner@example.com',
	password: 'pw',
	sessionToken: '',
	refreshToken: '',
	...extra,
});

const credential = new SigningHubApi();
const preAuthenticate = async (helper: IHttpRequestHelper, data: ICredentialDataDecryptedObject) =>
	await credential.preAuthentication.call(helper, data);

describe('SigningHubApi credential', () => {
	it('keeps the contract names', () => {
		expect(credential.name).toBe('signingHubApi');
		expect(credential.properties.map((p) => p.name)).toEqual(
			expect.arrayContaining(['baseUrl', 'apiVersion', 'authMethod', 'accessToken', 'clientId', 'clientSecret', 'username', 'password', 'scope']),
		);
		const session = credential.properties.find((p) => p.name === 'sessionToken');
		expect(session?.typeOptions).toMatchObject({ expirable: true, password: true });
	});

	it('Access Token mode never calls /authenticate: it checks the token with the cheapest list call', async () => {
		const { helper, sent } = helperAnswering({ statusCode: 200, body: [] });
		expect(await preAuthenticate(helper, { authMethod: 'accessToken', baseUrl: 'https://api.signinghub.com', accessToken: 'x' })).toEqual({});
		expect(sent).toEqual([{ GET: 'https://api.signinghub.com/v4/packages/ALL/1/1' }]);
	});

	it.each([
		[{ statusCode: 200, body: '<!doctype html><html>Sign in</html>' }, /did not answer like a SigningHub API/],
		[{ statusCode: 302, body: '', headers: { location: 'https://sso.example.com/login?next=/' } }, /redirect \(HTTP 302\) to sso\.example\.com/],
		[{ statusCode: 401, body: { Message: 'Request authorization denied' } }, /did not accept the access token: Request authorization denied/],
	])('Access Token mode fails its check on an answer that is not a token accepted by SigningHub %#', async (answer, message) => {
		const { helper } = helperAnswering(answer);
		await expect(preAuthenticate(helper, { authMethod: 'accessToken', baseUrl: 'https://api.signinghub.com', accessToken: 'x' })).rejects.toThrow(message);
	});

	it('logs in with the password grant and stores the token set', async () => {
		const { helper, sent } = helperAnswering(token('1'));
		const data = login();
		const stored = await preAuthenticate(helper, data);
		expect(sent).toEqual([{ grant_type: 'password', client_id: 'app', client_secret: 'secret', username: 'owner@example.com', password: 'pw' }]);
		expect(stored).toMatchObject({ sessionToken: 'at-1', refreshToken: 'rt-1', tokenIdentity: tokenIdentityOf(data) });
		expect(Number(stored.sessionExpiresAt)).toBeGreaterThan(Date.now() + 86_000_000);
	});

	it('sends scope for an enterprise admin acting for a user', async () => {
		const { helper, sent } = helperAnswering(token('1'));
		await preAuthenticate(helper, login({ authMethod: 'enterpriseScope', scope: 'owner@example.com', username: 'admin@example.com' }));
		expect(sent[0]).toMatchObject({ grant_type: 'password', username: 'admin@example.com', scope: 'owner@example.com' });
	});

	it('renews with the refresh token of the same login, and falls back to a login when it is refused', async () => {
		const data = login({ refreshToken: 'rt-old' });
		data.tokenIdentity = tokenIdentityOf(data);
		const { helper, sent } = helperAnswering({ statusCode: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } }, token('2'));
		expect(await preAuthenticate(helper, data)).toMatchObject({ sessionToken: 'at-2' });
		expect(sent.map((form) => form.grant_type)).toEqual(['refresh_token', 'password']);
		expect(sent[0]).toMatchObject({ refresh_token: 'rt-old' });
	});

	it('never uses a refresh token of another login (the credential was edited)', async () => {
		const data = login({ refreshToken: 'rt-of-someone-else', tokenIdentity: 'another-login' });
		const { helper, sent } = helperAnswering(token('3'));
		await preAuthenticate(helper, data);
		expect(sent.map((form) => form.grant_type)).toEqual(['password']);
	});

	it.each([
		[{ statusCode: 400, body: { error: 'invalid_client', error_description: 'Invalid client credentials' } }, /client ID or client secret/],
		[{ statusCode: 403, body: { error: 'account_disabled', error_description: 'Account is disabled' } }, /account is disabled/],
		[{ statusCode: 403, body: {}, headers: { 'x-otp': 'otp-token', 'x-mobile-number': '+44***' } }, /two-factor/],
		[{ statusCode: 200, body: '<html>web app</html>' }, /did not answer like a SigningHub API/],
		[{ statusCode: 200, body: { access_token: '', token_type: 'bearer' } }, /did not answer like a SigningHub API/],
		[{ statusCode: 307, body: '', headers: { location: 'https://web.signinghub.com/authenticate' } }, /redirect \(HTTP 307\) to web\.signinghub\.com/],
		[{ statusCode: 503, body: { Message: 'The client service is unavailable' } }, /could not log in now: The client service is unavailable/],
	])('explains a failed login %#', async (answer, message) => {
		const { helper } = helperAnswering(answer);
		const data = login();
		await expect(preAuthenticate(helper, data)).rejects.toThrow(message);
		expect(takeLoginFailure(data)?.message).toMatch(message);
		expect(takeLoginFailure(data)).toBeUndefined();
	});

	it('treats a login answered with 429 or 5xx as passing, whatever its words say', async () => {
		const { helper } = helperAnswering({ statusCode: 503, body: { error: 'invalid_client', error_description: 'client pool exhausted' }, headers: { 'retry-after': '2' } });
		const data = login();
		await expect(preAuthenticate(helper, data)).rejects.toThrow(/could not log in now/);
		expect(takeLoginFailure(data)).toMatchObject({ transient: true, retryAfter: '2', responseStatus: 503 });
	});

	it('ties a stored token to the whole login, secrets included, without keeping them', () => {
		const identity = tokenIdentityOf(login());
		expect(identity).toMatch(/^[0-9a-f]{32}$/);
		const changes: ICredentialDataDecryptedObject[] = [{ password: 'pw2' }, { clientSecret: 'secret2' }, { username: 'x@example.com' }, { baseUrl: 'https://other' }, { scope: 'a@b.c' }];
		for (const change of changes) {
			expect(tokenIdentityOf(login(change))).not.toBe(identity);
		}
	});

	it('signs requests with a stored token only for the login that got it', async () => {
		const data = login({ sessionToken: 'at-stored' });
		data.tokenIdentity = tokenIdentityOf(data);
		expect((await credential.authenticate(data, { url: '/x' })).headers).toEqual({ Authorization: 'Bearer at-stored' });
		expect((await credential.authenticate({ ...data, password: 'typed-anew' }, { url: '/x' })).headers).toBeUndefined();
	});

	it('refuses a login over plain http to another host before sending anything', async () => {
		const { helper, sent } = helperAnswering();
		await expect(preAuthenticate(helper, login({ baseUrl: 'http://signinghub.example.com' }))).rejects.toThrow(/plain http/);
		expect(sent).toHaveLength(0);
	});
});

describe('Act as User from nodes, as the credential allows', () => {
	const admin = (extra: ICredentialDataDecryptedObject = {}) => ({ authMethod: 'enterpriseScope', scope: 'owner@example.com', ...extra });

	it('is refused by default, also for a credential saved before the setting existed', () => {
		expect(() => checkActAsUserAllowed(admin(), 'colleague@example.com')).toThrow('The SigningHub credential does not allow nodes to act for other users');
		expect(() => checkActAsUserAllowed(admin({ actAsUserPolicy: 'none' }), 'colleague@example.com')).toThrow(/does not allow/);
	});

	it('allows any user when the owner says so', () => {
		expect(() => checkActAsUserAllowed(admin({ actAsUserPolicy: 'anyUser' }), 'anyone@example.org')).not.toThrow();
	});

	it('allows only the listed emails and @domains, without regard to case', () => {
		const listed = admin({ actAsUserPolicy: 'listed', actAsUserAllowed: 'Colleague@Example.com,\n@Sales.example.com; third@example.org' });
		for (const email of ['colleague@example.com', 'anna@sales.example.com', 'THIRD@example.org']) expect(() => checkActAsUserAllowed(listed, email)).not.toThrow();
		for (const email of ['other@example.com', 'anna@evil-sales.example.com', 'sales.example.com@evil.test']) {
			expect(() => checkActAsUserAllowed(listed, email)).toThrow(`The SigningHub credential does not list ${email} among the users nodes may act for`);
		}
	});

	it('is a credential setting shown only for Enterprise Admin, off by default', () => {
		const policy = new SigningHubApi().properties.find((property) => property.name === 'actAsUserPolicy');
		expect(policy).toMatchObject({ default: 'none', displayOptions: { show: { authMethod: ['enterpriseScope'] } } });
	});
});
