import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { SigningHubApi } from '../../credentials/SigningHubApi.credentials';
import { errorPayload, RequestFailure, toNodeError } from '../../nodes/SigningHub/transport';
import { checkActAsUserAllowed, normalizeEmail, tokenIdentityOf } from '../../nodes/SigningHub/transport/auth';
import { loginContextOf, takeLoginFailure } from '../../nodes/SigningHub/transport/n8nBridge';

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

	it('Client Credentials mode shows the client ID and secret and says what it cannot do, no user fields', () => {
		const shownIn = (mode: string) =>
			credential.properties.filter((p) => (p.displayOptions?.show?.authMethod as string[] | undefined)?.includes(mode)).map((p) => p.name);
		const modes = (credential.properties.find((p) => p.name === 'authMethod')?.options ?? []) as Array<{ value: string; name: string }>;
		expect(modes.find((m) => m.value === 'clientCredentials')?.name).toBe('Client Credentials (No Password)');
		expect(shownIn('clientCredentials')).toEqual(['clientId', 'clientSecret', 'clientCredentialsNotice']);
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

	it('Client Credentials mode logs in with the client ID and secret alone, whatever else the credential still holds', async () => {
		const { helper, sent } = helperAnswering({ statusCode: 200, body: { access_token: 'at-cc', expires_in: 3600 } });
		const data = login({ authMethod: 'clientCredentials', scope: 'left@example.com' });
		expect(await preAuthenticate(helper, data)).toMatchObject({ sessionToken: 'at-cc', refreshToken: '', tokenIdentity: tokenIdentityOf(data) });
		expect(sent).toEqual([{ grant_type: 'client_credentials', client_id: 'app', client_secret: 'secret' }]);
	});

	it('Client Credentials mode renews with a refresh token when SigningHub gave one, and logs in again with the client credentials when it is refused', async () => {
		const data = login({ authMethod: 'clientCredentials', refreshToken: 'rt-cc' });
		data.tokenIdentity = tokenIdentityOf(data);
		const { helper, sent } = helperAnswering({ statusCode: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } }, token('cc'));
		expect(await preAuthenticate(helper, data)).toMatchObject({ sessionToken: 'at-cc' });
		expect(sent.map((form) => form.grant_type)).toEqual(['refresh_token', 'client_credentials']);
	});

	it('a two-factor login says so and what to use instead; the one-time token appears nowhere', async () => {
		const otp = 'otp-7d1f9c2e';
		const { helper } = helperAnswering({ statusCode: 403, body: { error: 'otp_required', error_description: `Send ${otp} with the OTP` }, headers: { 'x-otp': otp, 'x-mobile-number': '+44***' } });
		const data = login();
		const error = await preAuthenticate(helper, data).catch((thrown: Error) => thrown);
		expect(error.message).toBe(
			"SigningHub refused the login: two-factor login is on for this user. Use 'Client Credentials (No Password)', a user without two-factor login or an access token instead",
		);
		expect((error as { description?: string }).description).toMatch(/Client Credentials \(No Password\).*without two-factor login.*access token/);
		const failure = takeLoginFailure(data);
		const shown = [JSON.stringify(error), JSON.stringify(failure), JSON.stringify(errorPayload(new RequestFailure(failure!, 1, false)))];
		const nodeError = toNodeError({ name: 'SigningHub', type: 'x', typeVersion: 1, position: [0, 0], parameters: {}, id: 'n' }, new RequestFailure(failure!, 1, false));
		shown.push(JSON.stringify(nodeError), String(nodeError.description), nodeError.message);
		for (const text of shown) expect(text.includes(otp) ? text : null).toBeNull();
	});

	it.each([['unauthorized_client'], ['unsupported_grant_type']])('explains an integration that may not log in with its client credentials (%s)', async (code) => {
		const { helper } = helperAnswering({ statusCode: 400, body: { error: code, error_description: 'The client is not authorized to use this grant type' } });
		await expect(preAuthenticate(helper, login({ authMethod: 'clientCredentials' }))).rejects.toThrow(
			'SigningHub does not let this integration log in this way: The client is not authorized to use this grant type',
		);
	});

	describe('a refused refresh token, when another process of this n8n stored a newer token meanwhile', () => {
		const refused = { statusCode: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh token' } };
		const renewing = () => {
			const data = login({ refreshToken: 'rt-spent' });
			data.tokenIdentity = tokenIdentityOf(data);
			return data;
		};
		const storedBy = (data: ICredentialDataDecryptedObject, name: string) => ({ ...data, sessionToken: `at-${name}`, refreshToken: `rt-${name}`, sessionExpiresAt: Date.now() + 3_600_000 });

		it('takes up the stored token, even when it is stored a moment after the refusal, without logging in', async () => {
			const data = renewing();
			const looks = [data, data, storedBy(data, 'other-worker')];
			loginContextOf(data).readStoredCredential = async () => looks.shift() ?? data;
			const { helper, sent } = helperAnswering(refused);
			expect(await preAuthenticate(helper, data)).toMatchObject({ sessionToken: 'at-other-worker', refreshToken: 'rt-other-worker' });
			expect(sent.map((form) => form.grant_type)).toEqual(['refresh_token']);
		});

		it.each([
			['of another login (the credential was edited)', (data: ICredentialDataDecryptedObject) => ({ ...storedBy(data, 'x'), tokenIdentity: 'another-login' })],
			['about to expire', (data: ICredentialDataDecryptedObject) => ({ ...storedBy(data, 'x'), sessionExpiresAt: Date.now() + 1000 })],
		])('never takes up a stored token %s: it logs in', async (_, stored) => {
			const data = renewing();
			loginContextOf(data).readStoredCredential = async () => stored(data);
			const { helper, sent } = helperAnswering(refused, token('fresh'));
			expect(await preAuthenticate(helper, data)).toMatchObject({ sessionToken: 'at-fresh' });
			expect(sent.map((form) => form.grant_type)).toEqual(['refresh_token', 'password']);
		});

		it('on a credential test (no run waits for the login), logs in at once', async () => {
			const { helper, sent } = helperAnswering(refused, token('fresh'));
			expect(await preAuthenticate(helper, renewing())).toMatchObject({ sessionToken: 'at-fresh' });
			expect(sent.map((form) => form.grant_type)).toEqual(['refresh_token', 'password']);
		});
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
		expect(checkActAsUserAllowed(admin({ actAsUserPolicy: 'anyUser' }), 'Anyone@Example.org')).toBe('anyone@example.org');
	});

	it('allows only the listed emails and @domains, without regard to case', () => {
		const listed = admin({ actAsUserPolicy: 'listed', actAsUserAllowed: 'Colleague@Example.com,\n@Sales.example.com; third@example.org' });
		for (const email of ['colleague@example.com', 'anna@sales.example.com', 'THIRD@example.org']) expect(() => checkActAsUserAllowed(listed, email)).not.toThrow();
		for (const email of ['other@example.com', 'anna@evil-sales.example.com', 'sales.example.com@evil.test']) {
			expect(() => checkActAsUserAllowed(listed, email)).toThrow(`The SigningHub credential does not list ${email} among the users nodes may act for`);
		}
	});

	it('checks and returns one form of the email: compatibility forms folded, lower case', () => {
		const listed = admin({ actAsUserPolicy: 'listed', actAsUserAllowed: 'kim@example.com, @\u212Aeys.example.com' });
		expect(checkActAsUserAllowed(listed, ' \u212Aim@Example.com ')).toBe('kim@example.com');
		expect(checkActAsUserAllowed(listed, 'anna@keys.example.com')).toBe('anna@keys.example.com');
		expect(checkActAsUserAllowed(listed, 'kim\uff20example.com')).toBe('kim@example.com');
		for (const email of ['Kim@Example.com', '\u212Aim@example.com', 'kim\uff20example.com']) expect(normalizeEmail(normalizeEmail(email))).toBe(normalizeEmail(email));
	});

	it.each([['a@b@example.com'], ['kim@example.com@evil.test'], ['@example.com'], ['kim@'], ['kim'], ['kim\u200b@example.com'], ['kim @example.com'], ['']])(
		'refuses %p, whatever the policy: the check itself wants exactly one @',
		(email) => {
			expect(() => checkActAsUserAllowed(admin({ actAsUserPolicy: 'anyUser' }), email)).toThrow(/Act as User must be one email address with exactly one @/);
		},
	);

	it('is a credential setting shown only for Enterprise Admin, off by default', () => {
		const policy = new SigningHubApi().properties.find((property) => property.name === 'actAsUserPolicy');
		expect(policy).toMatchObject({ default: 'none', displayOptions: { show: { authMethod: ['enterpriseScope'] } } });
	});
});
