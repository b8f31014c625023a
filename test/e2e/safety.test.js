// The transport when the network misbehaves, in a real n8n: redirects are never followed,
// only SigningHub's answers count, logins and renewals are bounded per run, Request Timeout is
// a deadline, a lost answer in strict mode stays this run's success, Stop mode keeps the
// node's words, and the fast path for field references reads only the item's own data.
const { createServer } = require('node:net');

const { SigningHubSimulator, OtherHost, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, ids, loginCredential, workflow } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(15 * 60 * 1000);

const json = (items) => (items ?? []).map((item) => item.json);
const errors = (items) => json(items).map((j) => j.error);

/** A loopback port with nothing listening on it. */
async function closedPort() {
	const server = createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe.each(versionsUnderTest({ newestOnly: true }))('network safety in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	const other = new OtherHost();
	let n8n;
	let url;
	let otherUrl;
	let refusedUrl;
	const runs = {};

	const logOf = (credentialId) => simulator.log.filter((entry) => entry.clientId === `client-${credentialId}`);
	const tokenRequests = (credentialId) => logOf(credentialId).filter((entry) => entry.path === '/authenticate');

	beforeAll(async () => {
		url = await simulator.start();
		otherUrl = await other.start();
		refusedUrl = `http://127.0.0.1:${await closedPort()}`;
		const names = ['redirect', 'login-redirect', 'html', 'login-503', 'always-401', 'trickle', 'strict-lost', 'refused', 'fields', 'wrong-protocol', 'unsafe'];
		const credentials = names.map((name) => loginCredential(name, url));
		credentials[names.indexOf('refused')] = loginCredential('refused', refusedUrl);
		credentials[names.indexOf('wrong-protocol')] = loginCredential('wrong-protocol', url.replace('http:', 'https:'));
		simulator.reset({
			clients: credentials.map((c) => ({ id: c.data.clientId, secret: CLIENT_SECRET })),
			packages: [{ id: 71001, owner: 'owner@example.com', status: 'IN_PROGRESS' }],
		});
		simulator.addFaults(
			{ path: '/packages/4100[0-9]/complete$', status: 307, headers: { location: `${otherUrl}/v3/packages/41001/complete` }, name: 'redirect' },
			{ path: '/packages/41010/workflow$', status: 302, headers: { location: `${otherUrl}/sso/login?next=/workflow` }, name: 'redirect get' },
			{ path: '/packages/4200[0-9]/complete$', status: 200, kind: 'html', name: 'html 200' },
			{ path: '/packages/42010/workflow$', status: 200, kind: 'html', name: 'html get' },
			{ path: '/packages/44\\d\\d\\d/complete$', status: 401, body: { Message: 'Request authorization denied' }, name: 'always 401' },
			{ path: '/packages/45001/complete$', kind: 'trickle', everyMs: 100, name: 'trickle' },
			{ path: '/packages/71001/complete$', kind: 'drop', after: true, times: 1, name: 'completed, answer lost' },
			{ path: '^/v3/packages$', method: 'POST', fromClient: 'client-unsafe', kind: 'drop', after: true, times: 1, name: 'created, answer lost' },
		);
		simulator.addFaults(
			{ path: '^/authenticate$', fromClient: 'client-login-503', status: 503, kind: 'html', name: 'login 503' },
			{ path: '^/authenticate$', fromClient: 'client-login-redirect', status: 307, headers: { location: `${otherUrl}/authenticate` }, name: 'login redirect' },
		);

		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials(credentials);
		const keep = 'continueRegularOutput';
		await n8n.importWorkflows([
			workflow('wfSafety', [
				{ name: 'Redirect', credential: 'redirect', items: ids(41001, 3), onError: keep },
				{ name: 'Redirect get', operation: 'get', credential: 'redirect', items: [{ id: 41010 }], onError: keep },
				{ name: 'Login redirect', credential: 'login-redirect', items: ids(41101, 3), onError: keep },
				{ name: 'HTML 200', credential: 'html', items: ids(42001, 2), onError: keep },
				{ name: 'HTML get', operation: 'get', credential: 'html', items: [{ id: 42010 }], onError: keep },
				{ name: 'Login 503', credential: 'login-503', items: ids(43001, 50), onError: keep, options: { parallelRequests: 10 } },
				{ name: 'Always 401', credential: 'always-401', items: ids(44001, 100), onError: keep, options: { parallelRequests: 10 } },
				{ name: 'Trickle', credential: 'trickle', items: [{ id: 45001 }], onError: keep, options: { requestTimeout: 1000, maxAttempts: 1 } },
				{ name: 'Strict lost answer', credential: 'strict-lost', items: [{ id: 71001 }], onError: keep, options: { alreadyCompletedAsSuccess: false } },
				{ name: 'Inherited field', credential: 'fields', items: [{ id: 46001 }], packageId: '={{ $json.constructor }}', onError: keep },
				{ name: 'Own field', credential: 'fields', items: [{ id: 46002 }], packageId: '={{ $json.id }}', onError: keep },
				{ name: 'Create, answer lost', credential: 'unsafe', items: [{ name: 'Lost answer' }], onError: keep, parameters: { resource: 'package', operation: 'create', packageName: '={{ $json.name }}' } },
				{ name: 'Wrong protocol', credential: 'wrong-protocol', items: [{ id: 47001 }], onError: keep, options: { maxAttempts: 1 } },
			]),
			workflow('wfStopRefused', [{ name: 'Stop refused', credential: 'refused', items: ids(48001, 1), options: { maxAttempts: 1 } }]),
		]);
		for (const id of ['wfSafety', 'wfStopRefused']) runs[id] = await n8n.execute(id);
	});

	afterAll(async () => {
		await simulator.stop();
		await other.stop();
		n8n?.cleanup();
	});

	const main = (node) => nodeOutput(runs.wfSafety.execution, node);

	test('the workflow ran to the end', () => {
		expect(runs.wfSafety.code).toBe(0);
	});

	test('a redirect is never followed: the item fails naming the status and host, and nothing reaches that host', () => {
		const host = new URL(otherUrl).host;
		for (const error of [...errors(main('Redirect')), ...errors(main('Redirect get')), ...errors(main('Login redirect'))]) {
			expect(error.message).toMatch(new RegExp(`redirect \\(HTTP 30[27]\\) to ${host.replace(/\./g, '\\.')}`));
			expect(error.description).toMatch(/nothing was sent to .*API address/is);
		}
		expect(errors(main('Redirect'))[0]).toMatchObject({ httpCode: 307, packageId: 41001, attempts: 1 });
		expect(other.requests).toEqual([]);
		expect(tokenRequests('login-redirect')).toHaveLength(1);
	});

	test('an HTML page answered with 200 is not a success', () => {
		for (const error of [...errors(main('HTML 200')), ...errors(main('HTML get'))]) {
			expect(error.message).toMatch(/did not answer like a SigningHub API/);
			expect(error.httpCode).toBe(200);
		}
		expect(simulator.packageOf(42001).status).toBe('IN_PROGRESS');
	});

	test('a login answering 503 costs at most Max Attempts token requests for 50 items at 10 in parallel', () => {
		const out = errors(main('Login 503'));
		expect(out).toHaveLength(50);
		for (const error of out) expect(error).toMatchObject({ httpCode: 503, message: expect.stringMatching(/could not log in now/) });
		expect(tokenRequests('login-503')).toHaveLength(3);
		expect(logOf('login-503').filter((e) => e.path !== '/authenticate')).toHaveLength(0);
	});

	test('a 401 on every request for 100 items: one renewal, then every remaining item fails at once', () => {
		const out = errors(main('Always 401'));
		expect(out).toHaveLength(100);
		for (const error of out) expect(error).toMatchObject({ httpCode: 401, signingHubMessage: 'Request authorization denied' });
		expect(out[0].description).toMatch(/refused a freshly issued token/);
		expect(tokenRequests('always-401').map((e) => e.grantType)).toEqual(['password', 'refresh_token']);
		expect(logOf('always-401').filter((e) => e.path.endsWith('/complete')).length).toBeLessThanOrEqual(20);
	});

	test('Request Timeout is a deadline for the whole answer, not an idle timeout', () => {
		const [error] = errors(main('Trickle'));
		expect(error).toMatchObject({ httpCode: null, attempts: 1, packageId: 45001, message: 'SigningHub did not answer within 1000 ms' });
	});

	test('strict mode keeps its own success when the answer to the completing try was lost', () => {
		expect(json(main('Strict lost answer'))).toEqual([{ packageId: 71001, completed: true }]);
		expect(logOf('strict-lost').filter((e) => e.path.endsWith('/71001/complete')).map((e) => e.status)).toEqual(['dropped', 400]);
	});

	test('a request that must not run twice is not retried after a lost answer: the item says SigningHub may have done it', () => {
		const [error] = errors(main('Create, answer lost'));
		expect(error).toMatchObject({ httpCode: null, attempts: 1, packageName: 'Lost answer' });
		expect(error.message).toMatch(/SigningHub may have carried it out/);
		expect(error.description).toMatch(/did not send it again/);
		expect(logOf('unsafe').filter((e) => e.method === 'POST' && e.path === '/v3/packages')).toHaveLength(1);
	});

	test('the fast path reads only the item\'s own fields: $json.constructor goes to n8n, which refuses it', () => {
		const [error] = errors(main('Inherited field'));
		expect(error.httpCode).toBeNull();
		expect(error.message).not.toMatch(/unexpected/i);
		expect(json(main('Own field'))).toEqual([{ packageId: 46002, completed: true }]);
		expect(logOf('fields').filter((e) => e.path.endsWith('/complete')).map((e) => e.path)).toEqual(['/v3/packages/46002/complete']);
	});

	test('https to a plain-http port gets its own advice, not Ignore SSL Issues', () => {
		const [error] = errors(main('Wrong protocol'));
		expect(error.message).toMatch(/does not answer in https/);
		expect(error.description).toMatch(/scheme and port/);
		expect(error.description).not.toMatch(/Ignore SSL/);
	});

	test('Stop mode keeps the node\'s words and the item number, even with a code like ECONNREFUSED in them', () => {
		expect(runs.wfStopRefused.code).not.toBe(0);
		expect(runs.wfStopRefused.output).toMatch(/Could not reach SigningHub at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) \[item 0\]/);
	});

	test('no secret in any output or log, and nothing sent to the other host', () => {
		const everything = [...Object.values(runs).map((run) => run.output), JSON.stringify(simulator.log)].join('\n');
		const all = [CLIENT_SECRET, ...simulator.issued, ...DEFAULT_SCENARIO.users.map((u) => u.password)];
		for (const secret of all) expect(everything.includes(secret) ? secret : null).toBeNull();
		expect(other.requests).toEqual([]);
	});
});
