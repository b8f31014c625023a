// n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED, n8n 2.40 and later) in a real n8n: a
// SigningHub on a loopback address is blocked, in the node and in the credential's Test, with a
// message that names the cause and the variables that allow it; then allowed by them.
const { SigningHubSimulator } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, ids, loginCredential, ownerToken, tokenCredential, workflow } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(15 * 60 * 1000);

/** n8n 2.8 has no SSRF protection: the suite runs in the versions that have it. */
const hasSsrfProtection = (version) => Number(version.split('.')[1]) >= 40;
const PROTECTED = { N8N_SSRF_PROTECTION_ENABLED: 'true' };
const N8N_WORDS = 'The request was blocked because it resolves to a restricted IP address';

describe.each(versionsUnderTest().filter(hasSsrfProtection))("n8n's SSRF protection in n8n %s", (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	let url;
	let byName;
	const runs = {};
	const tests = {};
	const reachedWhileBlocked = [];

	const requestsOf = (credentialId) => simulator.log.filter((entry) => entry.clientId === `client-${credentialId}`);

	beforeAll(async () => {
		url = await simulator.start();
		byName = url.replace('127.0.0.1', 'localhost');
		const credentials = [loginCredential('by-address', url), loginCredential('by-name', byName)];
		simulator.reset({ clients: credentials.map((c) => ({ id: c.data.clientId, secret: CLIENT_SECRET })) });
		credentials.push(tokenCredential('token', url, await ownerToken(url, 'client-by-address')));
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials(credentials);
		await n8n.importWorkflows([
			workflow('wfByAddress', [{ name: 'Complete', credential: 'by-address', items: ids(93001, 2), onError: 'continueRegularOutput' }]),
			workflow('wfByName', [{ name: 'Complete', credential: 'by-name', items: ids(93101, 2), onError: 'continueRegularOutput' }]),
		]);
		const logBefore = simulator.log.length;
		runs.blockedAddress = await n8n.execute('wfByAddress', PROTECTED);
		runs.blockedName = await n8n.execute('wfByName', PROTECTED);
		reachedWhileBlocked.push(...simulator.log.slice(logBefore));
		runs.allowedAddress = await n8n.execute('wfByAddress', { ...PROTECTED, N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' });
		runs.allowedName = await n8n.execute('wfByName', { ...PROTECTED, N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost' });

		const server = await n8n.startServer(PROTECTED);
		const logBeforeTests = simulator.log.length;
		try {
			for (const credential of credentials) {
				const created = await server.request('POST', '/rest/credentials', { name: `Test ${credential.name}`, type: credential.type, data: credential.data });
				tests[credential.id] = await server.request('POST', '/rest/credentials/test', { credentials: { id: created.id, name: created.name, type: credential.type, data: credential.data } });
			}
		} finally {
			await server.stop();
		}
		reachedWhileBlocked.push(...simulator.log.slice(logBeforeTests));
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	const errorsOf = (run) => (nodeOutput(run.execution, 'Complete') ?? []).map((item) => item.json.error);

	test('a SigningHub on a loopback address is blocked; each item names the cause and the address range that allows it', () => {
		const errors = errorsOf(runs.blockedAddress);
		expect(errors).toHaveLength(2);
		for (const error of errors) {
			expect(error).toMatchObject({ httpCode: null, packageId: expect.any(Number) });
			expect(error.message).toBe(`n8n's SSRF protection blocked the request to 127.0.0.1: ${N8N_WORDS}`);
			expect(error.description).toMatch(/N8N_SSRF_PROTECTION_ENABLED=true/);
			expect(error.description).toMatch(/N8N_SSRF_ALLOWED_IP_RANGES=127\.0\.0\.1\/32/);
			expect(error.description).toMatch(/N8N_SSRF_ALLOWED_HOSTNAMES/);
		}
	});

	test('by host name, the advice names N8N_SSRF_ALLOWED_HOSTNAMES with the host', () => {
		const [error] = errorsOf(runs.blockedName);
		expect(error.message).toMatch(/^n8n's SSRF protection blocked the request to localhost: /);
		expect(error.description).toMatch(/N8N_SSRF_ALLOWED_HOSTNAMES=localhost/);
		expect(error.description).toMatch(/N8N_SSRF_ALLOWED_IP_RANGES/);
	});

	test("the credential's Test says the same, in the login and access token modes", () => {
		expect(tests['by-address']).toMatchObject({ status: 'Error', message: expect.stringContaining("n8n's SSRF protection blocked the request to 127.0.0.1") });
		expect(tests.token).toMatchObject({ status: 'Error', message: expect.stringContaining("n8n's SSRF protection blocked the request") });
		expect(tests['by-name']).toMatchObject({ status: 'Error', message: expect.stringContaining("n8n's SSRF protection blocked the request to localhost") });
	});

	test('nothing reached SigningHub while blocked', () => {
		expect(runs.blockedAddress.code).toBe(0);
		expect(reachedWhileBlocked).toEqual([]);
	});

	test('allowed by N8N_SSRF_ALLOWED_IP_RANGES or N8N_SSRF_ALLOWED_HOSTNAMES, the same workflows complete their packages', () => {
		expect((nodeOutput(runs.allowedAddress.execution, 'Complete') ?? []).map((item) => item.json)).toEqual([
			{ packageId: 93001, completed: true },
			{ packageId: 93002, completed: true },
		]);
		expect((nodeOutput(runs.allowedName.execution, 'Complete') ?? []).map((item) => item.json)).toEqual([
			{ packageId: 93101, completed: true },
			{ packageId: 93102, completed: true },
		]);
		expect(requestsOf('by-address').filter((e) => e.path.endsWith('/complete'))).toHaveLength(2);
		expect(requestsOf('by-name').filter((e) => e.path.endsWith('/complete'))).toHaveLength(2);
	});
});
