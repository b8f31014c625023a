// The fault suite: 1,000 items with 10% injected faults, in a real n8n. Every item must come
// out once, paired and in order; passing faults succeed after a retry, lasting ones end as
// error items; no package is completed twice; one login and one renewal; no secret leaks.
const { SigningHubSimulator, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, ids, loginCredential, workflow } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(15 * 60 * 1000);

const FIRST = 20001;
const COUNT = 1000;
const TIMEOUT_MS = 1000;

/** The faults, one per 10th package, cycling through the kinds; `outcome` is what the item must end as. */
const FAULT_KINDS = [
	{ name: '429 with Retry-After', rule: { status: 429, headers: { 'retry-after': '1' }, body: { Message: 'Too many requests' }, times: 1 }, outcome: 'completed', sends: 2 },
	{ name: '429 without Retry-After', rule: { status: 429, times: 2 }, outcome: 'completed', sends: 3 },
	{ name: '502 HTML page', rule: { status: 502, kind: 'html', times: 1 }, outcome: 'completed', sends: 2 },
	{ name: '503', rule: { status: 503, body: { Message: 'Service unavailable' }, times: 1 }, outcome: 'completed', sends: 2 },
	{ name: '504', rule: { status: 504, times: 1 }, outcome: 'completed', sends: 2 },
	{ name: 'dropped connection', rule: { kind: 'drop', times: 1 }, outcome: 'completed', sends: 2 },
	{ name: 'slower than the timeout', rule: { kind: 'drop', delayMs: TIMEOUT_MS * 2.5, times: 1 }, outcome: 'completed', sends: 2 },
	{ name: 'dropped after completing', rule: { kind: 'drop', after: true, times: 1 }, outcome: 'alreadyCompleted', sends: 2 },
	{ name: '500 with a SigningHub message', rule: { status: 500, body: { Message: 'An internal server error occurred while processing the request' } }, outcome: 'error', sends: 1, httpCode: 500 },
	{ name: 'invalid JSON 400', rule: { status: 400, kind: 'invalidJson' }, outcome: 'error', sends: 1, httpCode: 400 },
	{ name: '403', rule: { status: 403, body: { Message: 'Account is disabled' } }, outcome: 'error', sends: 1, httpCode: 403 },
	{ name: '404', rule: { status: 404, body: { Message: 'Document not found' } }, outcome: 'error', sends: 1, httpCode: 404 },
	{ name: '503 that never ends', rule: { status: 503, kind: 'html' }, outcome: 'error', sends: 3, httpCode: 503 },
];
const EXPIRY_PACKAGE = FIRST + 505;

function plan() {
	const faults = new Map();
	let next = 0;
	for (let i = 0; i < COUNT; i += 10) {
		const id = FIRST + i + 3;
		faults.set(id, FAULT_KINDS[next++ % FAULT_KINDS.length]);
	}
	return faults;
}

describe.each(versionsUnderTest({ newestOnly: true }))('fault suite in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	const faults = plan();
	let n8n;
	let run;
	let items;
	let renewRun;
	let flakyRun;

	beforeAll(async () => {
		const url = await simulator.start();
		const credentials = [loginCredential('faults', url), loginCredential('always-401', url), loginCredential('flaky-login', url)];
		simulator.reset({ clients: credentials.map((c) => ({ id: c.data.clientId, secret: CLIENT_SECRET })) });
		for (const [id, fault] of faults) simulator.addFaults({ ...fault.rule, name: fault.name, path: `/packages/${id}/complete$` });
		simulator.addFaults({ kind: 'expireTokens', clientId: 'client-faults', path: `/packages/${EXPIRY_PACKAGE}/complete$`, after: true, times: 1 });
		simulator.addFaults({ status: 401, body: { Message: 'Request authorization denied' }, path: '/packages/30001/complete$', name: 'always 401' });

		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials(credentials);
		const options = { parallelRequests: 20, requestTimeout: TIMEOUT_MS, maxAttempts: 3 };
		await n8n.importWorkflows([
			workflow('wfFaults', [{ name: 'Faults', credential: 'faults', items: ids(FIRST, COUNT), onError: 'continueRegularOutput', options }]),
			workflow('wfAlways401', [{ name: 'Always 401', credential: 'always-401', items: ids(30001, 1), onError: 'continueRegularOutput' }]),
			workflow('wfFlakyLogin', [{ name: 'Flaky login', credential: 'flaky-login', items: ids(31001, 20), onError: 'continueRegularOutput', options: { parallelRequests: 10 } }]),
		]);
		run = await n8n.execute('wfFaults');
		items = nodeOutput(run.execution, 'Faults');
		const logStart = simulator.log.length;
		renewRun = await n8n.execute('wfAlways401');
		renewRun.log = simulator.log.slice(logStart);
		simulator.faults.forEach((rule) => (rule.used = rule.times)); // the faults above are spent
		simulator.addFaults({ status: 503, kind: 'html', path: '^/authenticate$', times: 1, name: 'login unavailable' });
		flakyRun = await n8n.execute('wfFlakyLogin');
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	const completesOf = (id) => simulator.log.filter((e) => e.path.endsWith(`/packages/${id}/complete`));

	test('1,000 items in, 1,000 items out, each paired to its own input, in order', () => {
		expect(run.code).toBe(0);
		expect(items).toHaveLength(COUNT);
		expect(items.map((item) => item.pairedItem.item)).toEqual([...Array(COUNT).keys()]);
		items.forEach((item, index) => {
			const id = FIRST + index;
			expect(item.json.packageId ?? item.json.error?.packageId).toBe(id);
		});
	});

	test('items without a fault complete with one request each', () => {
		items.forEach((item, index) => {
			const id = FIRST + index;
			if (faults.has(id)) return;
			expect(item.json).toEqual({ packageId: id, completed: true });
			const sends = completesOf(id).filter((e) => e.status !== 401).length;
			expect(sends).toBe(1);
		});
	});

	test.each(FAULT_KINDS.map((kind) => [kind.name, kind]))('%s', (_, kind) => {
		const hit = [...faults].filter(([, fault]) => fault === kind).map(([id]) => id);
		expect(hit.length).toBeGreaterThan(0);
		for (const id of hit) {
			const item = items[id - FIRST].json;
			if (kind.outcome === 'completed') expect(item).toEqual({ packageId: id, completed: true });
			if (kind.outcome === 'alreadyCompleted') expect(item).toEqual({ packageId: id, completed: true, alreadyCompleted: true });
			if (kind.outcome === 'error') {
				expect(item.error).toMatchObject({ httpCode: kind.httpCode, packageId: id, attempts: kind.sends });
				expect(item.error.description).toBeTruthy();
			}
			expect(completesOf(id).filter((e) => e.status !== 401)).toHaveLength(kind.sends);
			expect(simulator.packageOf(id).status).toBe(kind.outcome === 'error' ? 'IN_PROGRESS' : 'COMPLETED');
		}
	});

	test('Retry-After is honoured', () => {
		const [id] = [...faults].find(([, fault]) => fault.name === '429 with Retry-After');
		const [first, second] = completesOf(id);
		expect(second.at - first.at).toBeGreaterThanOrEqual(950);
	});

	test('a package gets a second complete request only after an unknown outcome, and then counts as already completed', () => {
		const completedTwice = [...new Set(simulator.log.filter((e) => e.path.endsWith('/complete') && e.status === 400).map((e) => e.path))];
		const expected = [...faults].filter(([, f]) => f.outcome === 'alreadyCompleted' || f.name === 'invalid JSON 400').map(([id]) => `/v3/packages/${id}/complete`);
		expect(completedTwice.sort()).toEqual(expected.sort());
	});

	test('one login and, after the token expired mid-run, one renewal however many requests got a 401', () => {
		const logins = simulator.log.filter((e) => e.path === '/authenticate' && e.clientId === 'client-faults');
		expect(logins.map((e) => e.grantType)).toEqual(['password', 'refresh_token']);
		const rejected = simulator.log.filter((e) => e.clientId === 'client-faults' && e.status === 401);
		expect(rejected.length).toBeGreaterThanOrEqual(1);
		// Each refused request is sent again with the renewed token: a complete, or the workflow
		// read that follows a complete whose outcome was unknown.
		for (const entry of rejected) {
			const again = simulator.log.some((e) => e.seq > entry.seq && e.method === entry.method && e.path === entry.path && e.status !== 401);
			expect(again ? null : `${entry.method} ${entry.path}`).toBeNull();
		}
	});

	test('a 401 that persists after one renewal is not retried again', () => {
		const [item] = nodeOutput(renewRun.execution, 'Always 401').map((i) => i.json);
		expect(item.error).toMatchObject({ httpCode: 401, attempts: 2, packageId: 30001 });
		expect(renewRun.log.filter((e) => e.path.endsWith('/complete'))).toHaveLength(2);
		expect(renewRun.log.filter((e) => e.path === '/authenticate').map((e) => e.grantType)).toEqual(['password', 'refresh_token']);
	});

	test('a login that fails for a passing reason is retried, and the items waiting for it share its outcome', () => {
		const items = nodeOutput(flakyRun.execution, 'Flaky login').map((i) => i.json);
		expect(items).toEqual(ids(31001, 20).map(({ id }) => ({ packageId: id, completed: true })));
		const logins = simulator.log.filter((e) => e.path === '/authenticate' && e.clientId === 'client-flaky-login');
		expect(logins.map((e) => e.status)).toEqual([503, 200]);
	});

	test('no secret in any output or log', () => {
		const everything = [run.output, renewRun.output, flakyRun.output, JSON.stringify(simulator.log)].join('\n');
		for (const secret of [CLIENT_SECRET, ...DEFAULT_SCENARIO.users.map((u) => u.password), ...simulator.issued]) {
			expect(everything.includes(secret) ? secret : null).toBeNull();
		}
	});
});
