// The credential's Test button, through n8n's own REST API in a running n8n.
const { SigningHubSimulator, OtherHost } = require('../simulator/simulator');
const { N8nSandbox } = require('./n8n');
const { CLIENT_SECRET, clientCredential, loginCredential, tokenCredential } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

describe.each(versionsUnderTest({ core: true }))('credential Test button in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	const other = new OtherHost();
	let n8n;
	let server;
	let url;
	const results = {};
	let logStartRetest;

	beforeAll(async () => {
		url = await simulator.start();
		const otherUrl = await other.start();
		const credentials = {
			'login-ok': loginCredential('t-login-ok', url),
			'scope-ok': loginCredential('t-scope-ok', url, { user: 'admin@example.com', password: 'admin-pass-9e3f', scope: 'owner@example.com', apiVersion: 'v4' }),
			'wrong-password': loginCredential('t-wrong-password', url, { password: 'nope-4b2a' }),
			'bad-secret': loginCredential('t-bad-secret', url, { clientSecret: 'wrong-secret-7f1c' }),
			disabled: loginCredential('t-disabled', url, { user: 'disabled@example.com', password: 'disabled-pass-8d2c' }),
			otp: loginCredential('t-otp', url, { user: 'otp@example.com', password: 'otp-pass-1f4e' }),
			'web-app': loginCredential('t-web-app', `${url}/web`),
			insecure: loginCredential('t-insecure', 'http://signinghub.example.com'),
			'token-bad': tokenCredential('t-token-bad', url, 'sim-at.expired-or-made-up-2c4d'),
			'token-web-app': tokenCredential('t-token-web-app', `${url}/web`, 'sim-at.whatever-1a2b'),
			'token-redirect': tokenCredential('t-token-redirect', `${url}/redirected`, 'sim-at.whatever-1a2b'),
			'login-redirect': loginCredential('t-login-redirect', `${url}/redirected`),
			'client-credentials': clientCredential('t-client-credentials', url),
			'client-credentials-v3': clientCredential('t-client-credentials-v3', url, { apiVersion: 'v3' }),
			'client-not-allowed': clientCredential('t-client-not-allowed', url),
		};
		// The integrations that may log in with their client credentials alone, and the user each one's token acts as.
		const registeredBy = { 'client-t-client-credentials': 'owner@example.com', 'client-t-client-credentials-v3': 'owner@example.com' };
		simulator.reset({
			clients: Object.values(credentials)
				.map((c) => ({ id: c.data.clientId, secret: CLIENT_SECRET, registeredBy: registeredBy[c.data.clientId] }))
				.filter((c) => c.id),
		});
		simulator.addFaults({ path: '^/redirected/', status: 302, headers: { location: `${otherUrl}/sso/login` }, name: 'sign-in redirect' });
		n8n = await N8nSandbox.create(version);
		server = await n8n.startServer();
		for (const [name, credential] of Object.entries(credentials)) {
			const created = await server.request('POST', '/rest/credentials', { name: credential.name, type: credential.type, data: credential.data });
			results[name] = await server.request('POST', '/rest/credentials/test', {
				credentials: { id: created.id, name: credential.name, type: credential.type, data: credential.data },
			});
			credential.storedId = created.id;
		}
		// As in the editor: open the tested credential (secrets come back redacted), type a wrong password, press Test.
		const opened = await server.request('GET', `/rest/credentials/${credentials['login-ok'].storedId}?includeData=true`);
		logStartRetest = simulator.log.length;
		results['edited-wrong-password'] = await server.request('POST', '/rest/credentials/test', {
			credentials: { id: opened.id, name: opened.name, type: opened.type, data: { ...opened.data, password: 'typed-wrong-5e6f' } },
		});
	});

	afterAll(async () => {
		await server?.stop();
		await simulator.stop();
		await other.stop();
		n8n?.cleanup();
	});

	test('a working login and a working enterprise scope pass', () => {
		expect(results['login-ok']).toMatchObject({ status: 'OK' });
		expect(results['scope-ok']).toMatchObject({ status: 'OK' });
		const probes = simulator.log.filter((e) => ['client-t-login-ok', 'client-t-scope-ok'].includes(e.clientId) && e.path !== '/authenticate');
		expect(probes.map((e) => `${e.path} ${e.status} ${e.actingUser}`).sort()).toEqual([
			'/v3/packages/ALL/1/1 200 owner@example.com',
			'/v4/packages/ALL/1/1 200 owner@example.com',
		]);
	});

	test('a client-credentials credential passes: one client-credentials login, no password, the probe as the integration\'s user', () => {
		for (const name of ['client-credentials', 'client-credentials-v3']) expect(results[name]).toMatchObject({ status: 'OK' });
		const calls = simulator.log.filter((e) => ['client-t-client-credentials', 'client-t-client-credentials-v3'].includes(e.clientId));
		expect(calls.map((e) => `${e.path} ${e.grantType ?? ''} ${e.username ?? ''} ${e.status} ${e.actingUser ?? ''}`.replace(/ +/g, ' ').trim()).sort()).toEqual([
			'/authenticate client_credentials 200',
			'/authenticate client_credentials 200',
			'/v3/packages/ALL/1/1 200 owner@example.com',
			'/v4/packages/ALL/1/1 200 owner@example.com',
		]);
	});

	test.each([
		['client-not-allowed', /does not let this integration log in this way: The client is not authorized to use this grant type/],
		['wrong-password', /rejected the login: Invalid username or password/],
		['bad-secret', /client ID or client secret: Invalid client credentials/],
		['disabled', /account is disabled/],
		['otp', /two-factor login is on for this user/],
		['web-app', /did not answer like a SigningHub API/],
		['insecure', /plain http:\/\/ to signinghub\.example\.com/],
	])('%s fails with a message that says why', (name, message) => {
		expect(results[name].status).toBe('Error');
		expect(results[name].message).toMatch(message);
	});

	test('a two-factor login says what to use instead, and its one-time token is nowhere', () => {
		expect(results.otp.message).toMatch(/two-factor login is on for this user\. Use 'Client Credentials \(No Password\)', a user without two-factor login or an access token instead/);
		const otps = simulator.issued.filter((token) => token.startsWith('otp'));
		expect(otps.length).toBeGreaterThan(0);
		const text = JSON.stringify(results) + server.output() + JSON.stringify(simulator.log);
		for (const otp of otps) expect(text.includes(otp) ? otp : null).toBeNull();
	});

	test('an access token SigningHub does not know fails the test', () => {
		expect(results['token-bad'].status).toBe('Error');
		expect(simulator.log.filter((e) => e.path === '/authenticate' && e.clientId === undefined)).toHaveLength(0);
	});

	test('Test checks what was typed: a wrong password fails even with a refresh token stored from the last Test', () => {
		expect(results['edited-wrong-password'].status).toBe('Error');
		expect(results['edited-wrong-password'].message).toMatch(/rejected the login: Invalid username or password/);
		const logins = simulator.log.slice(logStartRetest).filter((e) => e.path === '/authenticate');
		expect(logins.map((e) => e.grantType)).toEqual(['password']);
	});

	test.each([
		['token-web-app', /did not answer like a SigningHub API/],
		['token-redirect', /redirect \(HTTP 302\) to 127\.0\.0\.2/],
		['login-redirect', /redirect \(HTTP 302\) to 127\.0\.0\.2/],
	])('%s: Test fails on an answer that is not SigningHub\'s, in every mode, and follows no redirect', (name, message) => {
		expect(results[name].status).toBe('Error');
		expect(results[name].message).toMatch(message);
		expect(other.requests).toEqual([]);
	});

	test('the answers carry no secret', () => {
		const text = JSON.stringify(results) + server.output();
		for (const secret of [CLIENT_SECRET, 'owner-pass-7c1e', 'admin-pass-9e3f', 'nope-4b2a', 'wrong-secret-7f1c', 'typed-wrong-5e6f', ...simulator.issued]) {
			expect(text.includes(secret) ? secret : null).toBeNull();
		}
	});
});
