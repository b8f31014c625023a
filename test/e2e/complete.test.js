// The package inside a real n8n, against the SigningHub simulator: every auth mode, both API
// versions, every On Error setting, bad input, token reuse and renewal, and no leaked secret.
const { SigningHubSimulator, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, ids, loginCredential, ownerToken, tokenCredential, workflow } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(15 * 60 * 1000);

const json = (items) => (items ?? []).map((item) => item.json);
const pairs = (items) => (items ?? []).map((item) => item.pairedItem?.item);

describe.each(versionsUnderTest({ core: true }))('Complete Workflow in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	let url;
	const runs = {};
	const secrets = [];

	const logOf = (credentialId) => simulator.log.filter((entry) => entry.clientId === `client-${credentialId}`);
	const tokenRequests = (credentialId) => logOf(credentialId).filter((entry) => entry.path === '/authenticate');

	beforeAll(async () => {
		url = await simulator.start();
		n8n = await N8nSandbox.create(version);
		const credentials = [
			loginCredential('login-v3', url),
			loginCredential('login-v4', url, { apiVersion: 'v4' }),
			loginCredential('scope', url, { user: 'admin@example.com', password: 'admin-pass-9e3f', scope: 'owner@example.com', apiVersion: 'v4' }),
			loginCredential('scope-denied', url, { user: 'plain-admin@example.com', password: 'plain-admin-pass-5a6b', scope: 'owner@example.com' }),
			loginCredential('input', url),
			loginCredential('bad-password', url, { password: 'not-the-password-6d1f' }),
			loginCredential('disabled', url, { user: 'disabled@example.com', password: 'disabled-pass-8d2c' }),
			loginCredential('otp', url, { user: 'otp@example.com', password: 'otp-pass-1f4e' }),
			loginCredential('bad-secret', url, { clientSecret: 'wrong-client-secret-0a9b' }),
			loginCredential('colleague', url, { user: 'colleague@example.com', password: 'colleague-pass-2b8d' }),
			loginCredential('insecure', 'http://signinghub.example.com'),
			loginCredential('ftp', url.replace('http:', 'ftp:')),
			loginCredential('slashes', `${url}///`),
			loginCredential('web-app', `${url}/web`),
			loginCredential('renew', url),
			loginCredential('outputs', url),
			loginCredential('stop', url),
			loginCredential('short-lived', url),
		];
		simulator.reset({
			clients: credentials
				.map((c) => ({ id: c.data.clientId, secret: CLIENT_SECRET, ...(c.id === 'short-lived' ? { tokenLifetimeSeconds: 30 } : {}) }))
				.concat({ id: 'client-mint', secret: CLIENT_SECRET }),
			packages: [
				{ id: 7001, owner: 'owner@example.com', status: 'COMPLETED' },
				{ id: 7002, owner: 'owner@example.com', status: 'COMPLETED' },
				{ id: 7101, owner: 'owner@example.com', status: 'DRAFT' },
			],
		});
		credentials.push(tokenCredential('token', url, await ownerToken(url, 'client-mint')));
		credentials.push(tokenCredential('bad-token', url, 'sim-at.not-a-real-token-3e8c'));
		for (const c of credentials) secrets.push(...['clientSecret', 'password', 'accessToken'].map((field) => c.data[field]).filter(Boolean));
		simulator.addFaults(
			{ path: '/packages/8001/complete$', status: 500, kind: 'html' },
			{ path: '/packages/9005/complete$', kind: 'expireTokens', clientId: 'client-renew', after: true, times: 1 },
		);

		await n8n.importCredentials(credentials);
		await n8n.importWorkflows([
			workflow('wfMain', [
				{ name: 'Login v3', credential: 'login-v3', items: ids(1001, 50), onError: 'continueRegularOutput' },
				{ name: 'Login v4', credential: 'login-v4', items: ids(2001, 3), onError: 'continueRegularOutput' },
				{ name: 'Access token', credential: 'token', items: ids(3001, 2), onError: 'continueRegularOutput' },
				{ name: 'Bad access token', credential: 'bad-token', items: ids(3101, 2), onError: 'continueRegularOutput' },
				{ name: 'Scope', credential: 'scope', items: ids(4001, 2), onError: 'continueRegularOutput' },
				{ name: 'Scope denied', credential: 'scope-denied', items: ids(4101, 3), onError: 'continueRegularOutput' },
				{
					name: 'Bad input',
					credential: 'input',
					items: [{ id: '' }, { id: 'abc' }, { id: -1 }, { id: 0 }, { id: 1.5 }, { id: '12/../13' }, { id: '12?x=1' }, { id: '1e3' }, { id: null }, { id: ' 5001 ' }],
					onError: 'continueRegularOutput',
				},
				{ name: 'Wrong password', credential: 'bad-password', items: ids(5101, 3), onError: 'continueRegularOutput' },
				{ name: 'Disabled', credential: 'disabled', items: ids(5201, 2), onError: 'continueRegularOutput' },
				{ name: 'Two-factor', credential: 'otp', items: ids(5301, 2), onError: 'continueRegularOutput' },
				{ name: 'Bad secret', credential: 'bad-secret', items: ids(5401, 2), onError: 'continueRegularOutput' },
				{ name: 'Not owner', credential: 'colleague', items: ids(5501, 2), onError: 'continueRegularOutput' },
				{ name: 'Not found', credential: 'login-v3', items: [{ id: 999999999 }], onError: 'continueRegularOutput' },
				{ name: 'Insecure', credential: 'insecure', items: ids(5601, 2), onError: 'continueRegularOutput' },
				{ name: 'FTP', credential: 'ftp', items: ids(5701, 1), onError: 'continueRegularOutput' },
				{ name: 'Slashes', credential: 'slashes', items: ids(6001, 1), onError: 'continueRegularOutput' },
				{ name: 'Web app URL', credential: 'web-app', items: ids(6101, 1), onError: 'continueRegularOutput' },
				{ name: 'Already completed', credential: 'login-v3', items: [{ id: 7001 }], onError: 'continueRegularOutput' },
				{ name: 'Already completed strict', credential: 'login-v3', items: [{ id: 7002 }], onError: 'continueRegularOutput', options: { alreadyCompletedAsSuccess: false } },
				{ name: 'Draft', credential: 'login-v3', items: [{ id: 7101 }], onError: 'continueRegularOutput' },
				{ name: 'HTML error', credential: 'login-v3', items: [{ id: 8001 }], onError: 'continueRegularOutput' },
				{ name: 'Nested field', credential: 'login-v3', items: [{ deal: { packageId: 6201 } }], packageId: '={{ $json.deal.packageId }}' },
				{ name: 'Expression', credential: 'login-v3', items: [{ ref: 'pkg-6202' }, { ref: 'pkg-x' }], packageId: "={{ $json.ref.replace('pkg-', '') }}", onError: 'continueRegularOutput' },
				{ name: 'Fixed ID', credential: 'login-v3', items: [{}], packageId: '6203' },
				{ name: 'Get details', operation: 'get', credential: 'login-v3', items: [{ id: 1001 }, { id: 5001 }, { id: 999999996 }], onError: 'continueRegularOutput' },
				{ name: 'Get details v4', operation: 'get', credential: 'login-v4', items: [{ id: 2001 }] },
				{ name: 'Renewal', credential: 'renew', items: ids(9001, 10), onError: 'continueRegularOutput', options: { parallelRequests: 1 } },
			]),
			workflow('wfReuse', [
				{ name: 'Reuse', credential: 'login-v3', items: ids(1101, 2) },
				{ name: 'Short-lived token', credential: 'short-lived', items: ids(1111, 2) },
			]),
			workflow('wfErrorOutput', [
				{ name: 'Error output', credential: 'outputs', onError: 'continueErrorOutput', items: [{ id: 1201, ref: 'a' }, { id: 'x', ref: 'b' }, { id: 999999998, ref: 'c' }] },
			]),
			workflow('wfStopInput', [{ name: 'Stop input', credential: 'stop', items: [{ id: 1301 }, { id: 'oops' }, { id: 1302 }], options: { parallelRequests: 1 } }]),
			workflow('wfStopApi', [{ name: 'Stop API', credential: 'stop', items: [{ id: 999999997 }] }]),
			workflow('wfShortAgain', [{ name: 'Short-lived again', credential: 'short-lived', items: ids(1121, 2) }]),
		]);

		for (const id of ['wfMain', 'wfReuse', 'wfErrorOutput', 'wfStopInput', 'wfStopApi', 'wfShortAgain']) {
			const logStart = simulator.log.length;
			const run = await n8n.execute(id);
			runs[id] = { ...run, log: simulator.log.slice(logStart) };
		}
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	const main = (node) => nodeOutput(runs.wfMain.execution, node);

	test('the main workflow ran to the end', () => {
		expect(runs.wfMain.code).toBe(0);
		expect(runs.wfMain.execution?.status).toBe('success');
	});

	test('User Login on v3: 50 items, 50 completed packages, one token request, items paired in order', () => {
		const items = main('Login v3');
		expect(json(items)).toEqual(ids(1001, 50).map(({ id }) => ({ packageId: id, completed: true })));
		expect(pairs(items)).toEqual([...Array(50).keys()]);
		expect(tokenRequests('login-v3')).toHaveLength(1);
		const completes = logOf('login-v3').filter((e) => /\/v3\/packages\/10\d\d\/complete$/.test(e.path));
		expect(completes).toHaveLength(50);
		expect(completes.every((e) => e.method === 'POST' && e.bodyBytes === 0 && e.status === 200)).toBe(true);
		for (const { id } of ids(1001, 50)) expect(simulator.packageOf(id).status).toBe('COMPLETED');
	});

	test('User Login on v4 calls the documented v4 path, not the admin-only enterprise one', () => {
		expect(json(main('Login v4'))).toEqual(ids(2001, 3).map(({ id }) => ({ packageId: id, completed: true })));
		expect(logOf('login-v4').filter((e) => e.method === 'POST' && e.path !== '/authenticate').map((e) => e.path)).toEqual(
			ids(2001, 3).map(({ id }) => `/v4/packages/${id}/complete`),
		);
	});

	test('Access Token mode uses the token as is and never calls /authenticate', () => {
		expect(json(main('Access token'))).toEqual([{ packageId: 3001, completed: true }, { packageId: 3002, completed: true }]);
		expect(simulator.log.filter((e) => e.path === '/authenticate' && e.clientId === undefined)).toHaveLength(0);
		const known = new Set([...simulator.scenario.clients.map((c) => c.id)]);
		expect(simulator.log.filter((e) => e.path === '/authenticate').every((e) => known.has(e.clientId))).toBe(true);
	});

	test('a rejected access token says how to fix it', () => {
		const errors = json(main('Bad access token')).map((j) => j.error);
		expect(errors).toHaveLength(2);
		expect(errors[0]).toMatchObject({ httpCode: 401, signingHubMessage: 'Request authorization denied', packageId: 3101 });
		expect(errors[0].description).toMatch(/Paste a fresh token/);
	});

	test('an enterprise admin acts for the owner through scope', () => {
		expect(json(main('Scope'))).toEqual([{ packageId: 4001, completed: true }, { packageId: 4002, completed: true }]);
		const [login] = tokenRequests('scope');
		expect(login).toMatchObject({ grantType: 'password', username: 'admin@example.com', scope: 'owner@example.com', status: 200 });
		expect(logOf('scope').filter((e) => e.path.endsWith('/complete')).every((e) => e.actingUser === 'owner@example.com')).toBe(true);
	});

	test('an admin without the integration privilege gets SigningHub\'s words, after one login attempt', () => {
		const errors = json(main('Scope denied')).map((j) => j.error);
		expect(errors).toHaveLength(3);
		expect(errors[0]).toMatchObject({ httpCode: 400, signingHubMessage: 'User is not authorized to use scope', packageId: 4101 });
		expect(errors[0].description).toMatch(/Act as User/);
		expect(tokenRequests('scope-denied')).toHaveLength(1);
	});

	test('bad package IDs fail their own item and never reach the network', () => {
		const items = main('Bad input');
		expect(pairs(items)).toEqual([...Array(10).keys()]);
		const out = json(items);
		for (const [index, given] of ['', 'abc', -1, 0, 1.5, '12/../13', '12?x=1', '1e3', null].entries()) {
			expect(out[index].error).toMatchObject({ httpCode: null, signingHubMessage: null, packageId: given });
			expect(out[index].error.message).toMatch(/Package ID (is empty|must be a positive whole number)/);
			expect(Object.keys(out[index])).toEqual(['error']);
		}
		expect(out[9]).toEqual({ packageId: 5001, completed: true });
		expect(logOf('input').map((e) => e.path)).toEqual(['/authenticate', '/v3/packages/5001/complete']);
	});

	test.each([
		['Wrong password', 'bad-password', 400, 'Invalid username or password', /email and password/],
		['Disabled', 'disabled', 403, 'Account is disabled', /enable the account/],
		['Two-factor', 'otp', 403, 'Two factor authentication is required', /A login that asks for a one-time password cannot run unattended/],
		['Bad secret', 'bad-secret', 400, 'Invalid client credentials', /Client ID/],
	])('a failed login (%s) fails every item with SigningHub\'s words after one attempt', (node, credentialId, httpCode, said, fix) => {
		const errors = json(main(node)).map((j) => j.error);
		expect(errors.length).toBeGreaterThan(1);
		for (const error of errors) expect(error).toMatchObject({ httpCode, signingHubMessage: said });
		expect(errors[0].description).toMatch(fix);
		expect(tokenRequests(credentialId)).toHaveLength(1);
		expect(logOf(credentialId).filter((e) => e.path !== '/authenticate')).toHaveLength(0);
	});

	test('a package of another user is refused with the documented body', () => {
		const [error] = json(main('Not owner')).map((j) => j.error);
		expect(error).toMatchObject({ httpCode: 400, signingHubMessage: 'You are not authorized to view this document', packageId: 5501 });
		expect(error.description).toMatch(/owner/);
		expect(simulator.packageOf(5501).status).toBe('IN_PROGRESS');
	});

	test('an unknown package is reported as not found', () => {
		const [item] = json(main('Not found'));
		expect(item.error).toMatchObject({ httpCode: 404, signingHubMessage: 'Document not found', packageId: 999999999, attempts: 1 });
	});

	test('an unsafe base URL is refused before anything is sent', () => {
		const [insecure] = json(main('Insecure'));
		expect(insecure.error.message).toMatch(/plain http:\/\/ to signinghub\.example\.com/);
		const [ftp] = json(main('FTP'));
		expect(ftp.error.message).toMatch(/must start with https:\/\//);
		expect(logOf('insecure').concat(logOf('ftp'))).toHaveLength(0);
	});

	test('trailing slashes in the base URL are harmless', () => {
		expect(json(main('Slashes'))).toEqual([{ packageId: 6001, completed: true }]);
		expect(logOf('slashes').map((e) => e.path)).toEqual(['/authenticate', '/v3/packages/6001/complete']);
	});

	test('a base URL that is not a SigningHub API says so', () => {
		const [item] = json(main('Web app URL'));
		expect(item.error.message).toMatch(/did not answer like a SigningHub API/);
	});

	test('an already completed package succeeds with alreadyCompleted, unless the strict option is set', () => {
		expect(json(main('Already completed'))).toEqual([{ packageId: 7001, completed: true, alreadyCompleted: true }]);
		const [strict] = json(main('Already completed strict'));
		expect(strict.error).toMatchObject({ httpCode: 400, signingHubMessage: 'Document workflow is already completed', packageId: 7002 });
	});

	test('a draft package is refused', () => {
		const [item] = json(main('Draft'));
		expect(item.error).toMatchObject({ httpCode: 400, signingHubMessage: 'Document is still in draft state', packageId: 7101 });
	});

	test('a non-JSON error body keeps the status and has no SigningHub message', () => {
		const [item] = json(main('HTML error'));
		expect(item.error).toMatchObject({ httpCode: 500, signingHubMessage: null, packageId: 8001 });
		expect(item.error.message).toMatch(/HTTP 500/);
	});

	test('package IDs come from nested fields, from any expression, or as a fixed value', () => {
		expect(json(main('Nested field'))).toEqual([{ packageId: 6201, completed: true }]);
		const [done, bad] = json(main('Expression'));
		expect(done).toEqual({ packageId: 6202, completed: true });
		expect(bad.error).toMatchObject({ packageId: 'x', httpCode: null });
		expect(json(main('Fixed ID'))).toEqual([{ packageId: 6203, completed: true }]);
	});

	test('Get returns the workflow details, on the path of each API version', () => {
		const [completed, other, missing] = json(main('Get details'));
		expect(completed).toMatchObject({ package_id: 1001, package_owner: 'owner@example.com', package_status: 'COMPLETED', workflow: { workflow_status: 'COMPLETED' } });
		expect(other).toMatchObject({ package_id: 5001, package_status: 'COMPLETED' });
		expect(missing.error).toMatchObject({ httpCode: 404, signingHubMessage: 'Document not found', packageId: 999999996 });
		expect(json(main('Get details v4'))[0]).toMatchObject({ package_id: 2001 });
		expect(logOf('login-v4').some((e) => e.method === 'GET' && e.path === '/v4/packages/2001/workflow')).toBe(true);
	});

	test('a token that expires mid-run is renewed once with the refresh token and the request retried', () => {
		expect(json(main('Renewal'))).toEqual(ids(9001, 10).map(({ id }) => ({ packageId: id, completed: true })));
		const logins = tokenRequests('renew').map((e) => e.grantType);
		expect(logins).toEqual(['password', 'refresh_token']);
		const rejected = logOf('renew').filter((e) => e.status === 401);
		expect(rejected.map((e) => e.path)).toEqual(['/v3/packages/9006/complete']);
		expect(logOf('renew').filter((e) => e.path === '/v3/packages/9006/complete').map((e) => e.status)).toEqual([401, 200]);
	});

	test('a stored token is reused by the next execution: no token request', () => {
		expect(runs.wfReuse.code).toBe(0);
		expect(json(nodeOutput(runs.wfReuse.execution, 'Reuse'))).toEqual([{ packageId: 1101, completed: true }, { packageId: 1102, completed: true }]);
		expect(runs.wfReuse.log.filter((e) => e.path === '/authenticate' && e.clientId === 'client-login-v3')).toHaveLength(0);
	});

	test('a stored token about to expire is renewed with the refresh token before use, not after a 401', () => {
		expect(json(nodeOutput(runs.wfShortAgain.execution, 'Short-lived again'))).toEqual([{ packageId: 1121, completed: true }, { packageId: 1122, completed: true }]);
		expect(tokenRequests('short-lived').map((e) => e.grantType)).toEqual(['password', 'refresh_token']);
		expect(logOf('short-lived').filter((e) => e.status === 401)).toHaveLength(0);
	});

	test('Continue (using error output) puts error items on the second output next to the input fields', () => {
		expect(runs.wfErrorOutput.code).toBe(0);
		const success = nodeOutput(runs.wfErrorOutput.execution, 'Error output', 0);
		const failed = nodeOutput(runs.wfErrorOutput.execution, 'Error output', 1);
		expect(json(success)).toEqual([{ packageId: 1201, completed: true }]);
		expect(pairs(success)).toEqual([0]);
		expect(pairs(failed)).toEqual([1, 2]);
		expect(json(failed)[0]).toMatchObject({ id: 'x', ref: 'b', error: { packageId: 'x', httpCode: null } });
		expect(json(failed)[1]).toMatchObject({ id: 999999998, ref: 'c', error: { packageId: 999999998, httpCode: 404, signingHubMessage: 'Document not found' } });
	});

	test('Stop Workflow fails the execution with a message naming the item, and sends nothing after it', () => {
		expect(runs.wfStopInput.code).not.toBe(0);
		expect(runs.wfStopInput.output).toMatch(/Package ID must be a positive whole number, not \\?"oops\\?" \[item 1\]/);
		// Every item is checked before the first request: item 0 is not sent either.
		expect(runs.wfStopInput.log.filter((e) => e.path.endsWith('/complete'))).toEqual([]);
		expect(runs.wfStopApi.code).not.toBe(0);
		expect(runs.wfStopApi.output).toMatch(/Document not found.*\[item 0\]/);
	});

	test('no secret appears in any output, error or log', () => {
		const everything = [...Object.values(runs).map((run) => run.output), JSON.stringify(simulator.log)].join('\n');
		const all = [...secrets, ...simulator.issued, ...DEFAULT_SCENARIO.users.map((u) => u.password)];
		expect(all.length).toBeGreaterThan(20);
		for (const secret of all) expect(everything.includes(secret) ? secret : null).toBeNull();
	});
});
