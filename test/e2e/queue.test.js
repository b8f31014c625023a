// The package in n8n's queue mode: Redis, Postgres, an n8n main taking webhooks and two n8n
// workers executing them, all on loopback and started here; the SigningHub simulator behind.
// Three waves of 20 concurrent webhook calls of 25 packages each: the first logs in (at most
// once per worker), the second reuses the token stored in the credential, the third has every
// token expire half-way through (one token request per worker: the refresh, or, for the worker
// whose refresh token the other just spent, the stored token taken up).
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const { SigningHubSimulator, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { N8nSandbox } = require('./n8n');
const { queueModeEnv, startPostgres, startRedis, waitFor, which } = require('./services');
const { CLIENT_SECRET, loginCredential, webhookWorkflow } = require('./workflows');

// One n8n version only: queue mode costs a Redis, a Postgres and three n8n processes.
const VERSION = '2.40.7';
const CALLS = 20;
const ITEMS = 25;
const WORKFLOW_ID = 'wfQueue';
const WEBHOOK_PATH = 'signinghub-complete';

jest.setTimeout(20 * 60 * 1000);

const runIt = (process.env.N8N_TEST_VERSIONS ?? VERSION).split(',').map((v) => v.trim()).includes(VERSION) ? describe : describe.skip;

runIt(`Queue mode in n8n ${VERSION}: a main, two workers, Redis and Postgres`, () => {
	const simulator = new SigningHubSimulator();
	const started = Date.now();
	const measured = { waves: [] };
	const responses = [];
	const secrets = [];
	let n8n;
	let redis;
	let postgres;
	let main;
	const workers = [];
	const waves = [];

	const credential = () => loginCredential('queue', simulator.url);
	const isComplete = (entry) => entry.method === 'POST' && /\/packages\/\d+\/complete$/.test(entry.path);
	const tokenRequests = (log) => log.filter((entry) => entry.path === '/authenticate');
	const packageIds = (wave, call) => Array.from({ length: ITEMS }, (_, i) => wave * 10_000 + call * ITEMS + i + 1);

	/** Execution IDs each worker says it started (its own log), by worker name. */
	const startedBy = () =>
		Object.fromEntries(
			workers.map((worker) => [worker.name, new Set([...worker.output().matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]))]),
		);
	/** n8n's execution records of the workflow, from Postgres. */
	const executions = () =>
		postgres.query(`SELECT id, status, mode FROM execution_entity WHERE "workflowId" = '${WORKFLOW_ID}' ORDER BY id`).map(([id, status, mode]) => ({ id, status, mode }));

	/** Fires CALLS webhook calls at once, each with ITEMS distinct package IDs; records what came back. */
	async function wave(number) {
		const logStart = simulator.log.length;
		const executionsBefore = new Set(executions().map((e) => e.id));
		const waveStarted = Date.now();
		const calls = await Promise.all(
			Array.from({ length: CALLS }, async (_, call) => {
				const ids = packageIds(number, call);
				const response = await fetch(`${main.url}/webhook/${WEBHOOK_PATH}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ packages: ids.map((packageId) => ({ packageId })) }),
				});
				const text = await response.text();
				responses.push(text);
				let body;
				try {
					body = JSON.parse(text);
				} catch {
					body = text;
				}
				return { ids, status: response.status, body };
			}),
		);
		const wallMs = Date.now() - waveStarted;
		const log = simulator.log.slice(logStart);
		const newExecutions = executions().filter((e) => !executionsBefore.has(e.id));
		const byWorker = startedBy();
		const perWorker = Object.fromEntries(Object.entries(byWorker).map(([name, ids]) => [name, newExecutions.filter((e) => ids.has(e.id)).length]));
		const result = { number, calls, log, executions: newExecutions, perWorker, wallMs };
		measured.waves.push({
			wave: number,
			tokenRequests: tokenRequests(log).map((e) => e.grantType),
			completes: log.filter((e) => isComplete(e) && e.status === 200).length,
			rejected401: log.filter((e) => isComplete(e) && e.status === 401).length,
			executionsPerWorker: perWorker,
			wallMs,
		});
		return result;
	}

	beforeAll(async () => {
		if (!which('redis-server')) throw new Error('redis-server is missing: run .ci/run, or apt-get install redis-server');
		const url = await simulator.start();
		simulator.reset({ clients: [{ id: 'client-queue', secret: CLIENT_SECRET }] });
		[redis, postgres, n8n] = await Promise.all([startRedis(), startPostgres(), N8nSandbox.create(VERSION)]);
		secrets.push(CLIENT_SECRET, credential().data.password, postgres.password, ...DEFAULT_SCENARIO.users.map((u) => u.password));

		// What every n8n process shares: the queue, the database, the user folder with the package
		// and its encryption key (from the sandbox's environment).
		const queueEnv = queueModeEnv(redis, postgres);
		n8n.useEnv(queueEnv);
		await n8n.importCredentials([loginCredential('queue', url)]);
		await n8n.importWorkflows([webhookWorkflow(WORKFLOW_ID, { path: WEBHOOK_PATH, credential: 'queue' })]);
		await n8n.activate(WORKFLOW_ID);

		// The workers boot while the main does.
		for (const name of ['worker-1', 'worker-2']) workers.push(await n8n.startWorker(name));
		main = await n8n.startServer({ OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' });
		// n8n answers nothing (a refused connection) until it listens: a failed fetch means not yet.
		const answers = (url) => fetch(url).catch(() => undefined);
		for (const worker of workers) await N8nSandbox.workerReady(worker);
		// The main registers the active workflow's webhook after its health check is green.
		await waitFor(
			async () => /not registered for GET/.test((await (await answers(`${main.url}/webhook/${WEBHOOK_PATH}`))?.text()) ?? ''),
			'the webhook registered on the main',
			180_000,
			{ describe: () => main.output().slice(-3000) },
		);
		measured.setupMs = Date.now() - started;

		waves.push(await wave(1));
		waves.push(await wave(2));
		// Every access token expires right after the 250th complete of the third wave.
		simulator.addFaults({ path: '/complete$', kind: 'expireTokens', after: true, skip: (CALLS * ITEMS) / 2 - 1, times: 1 });
		waves.push(await wave(3));
	});

	afterAll(async () => {
		const stops = [];
		const attempt = async (what, fn) => {
			try {
				await fn?.();
			} catch (error) {
				stops.push(`${what}: ${error.message}`);
			}
		};
		// n8n first, then what it connects to, else it keeps reconnecting while it shuts down.
		await Promise.all([attempt('main', main?.stop), ...workers.map((worker) => attempt(worker.name, worker.stop))]);
		await Promise.all([attempt('redis', redis?.stop), attempt('postgres', postgres?.stop)]);
		await attempt('simulator', () => simulator.stop());
		// SIGNINGHUB_QUEUE_LOGS=<folder> keeps every process's output there (no secret is in them: see the last test).
		if (process.env.SIGNINGHUB_QUEUE_LOGS) {
			mkdirSync(process.env.SIGNINGHUB_QUEUE_LOGS, { recursive: true });
			for (const proc of [main, ...workers, redis, postgres].filter(Boolean)) writeFileSync(join(process.env.SIGNINGHUB_QUEUE_LOGS, `${proc.name}.log`), proc.output());
			writeFileSync(join(process.env.SIGNINGHUB_QUEUE_LOGS, 'simulator.json'), JSON.stringify(simulator.log, null, 1));
		}
		n8n?.cleanup();
		measured.totalMs = Date.now() - started;
		console.log(`Queue mode, measured: ${JSON.stringify(measured, null, 1)}`);
		if (stops.length) throw new Error(`Stopping failed: ${stops.join('; ')}`);
	});

	const wavesOk = () => expect(waves).toHaveLength(3);

	test('every call of every wave answers with its 25 items, in order, all completed', () => {
		wavesOk();
		for (const { calls } of waves) {
			for (const call of calls) {
				expect(call.status).toBe(200);
				expect(call.body).toEqual(call.ids.map((packageId) => ({ packageId, completed: true })));
			}
		}
	});

	test('every execution ran on a worker, and both workers ran executions of the first wave', () => {
		wavesOk();
		const all = waves.flatMap((w) => w.executions);
		expect(all).toHaveLength(3 * CALLS);
		expect(all.every((e) => e.status === 'success' && e.mode === 'webhook')).toBe(true);
		const byWorker = startedBy();
		const ran = Object.values(byWorker);
		for (const e of all) expect(ran.filter((ids) => ids.has(e.id))).toHaveLength(1);
		for (const count of Object.values(waves[0].perWorker)) expect(count).toBeGreaterThan(0);
	});

	test('first wave: exactly 500 completes, no package completed twice, at most one token request per worker', () => {
		wavesOk();
		const { log } = waves[0];
		const completed = log.filter((e) => isComplete(e) && e.status === 200).map((e) => e.path);
		expect(completed).toHaveLength(CALLS * ITEMS);
		expect(new Set(completed).size).toBe(CALLS * ITEMS);
		expect(log.filter((e) => isComplete(e) && e.status !== 200)).toEqual([]);
		for (let call = 0; call < CALLS; call++) for (const id of packageIds(1, call)) expect(simulator.packageOf(id).status).toBe('COMPLETED');
		expect(tokenRequests(log).length).toBeLessThanOrEqual(2);
	});

	test('second wave: the token stored in the credential is reused, no token request', () => {
		wavesOk();
		const { log } = waves[1];
		const completed = log.filter((e) => isComplete(e) && e.status === 200).map((e) => e.path);
		expect(completed).toHaveLength(CALLS * ITEMS);
		expect(new Set(completed).size).toBe(CALLS * ITEMS);
		expect(tokenRequests(log)).toHaveLength(0);
	});

	test('third wave: tokens expire half-way, every package is completed once, one token request per worker', () => {
		wavesOk();
		const { log } = waves[2];
		expect(log.filter((e) => e.status === 401).length).toBeGreaterThan(0);
		const completed = log.filter((e) => isComplete(e) && e.status === 200).map((e) => e.path);
		expect(completed).toHaveLength(CALLS * ITEMS);
		expect(new Set(completed).size).toBe(CALLS * ITEMS);
		expect(log.filter((e) => isComplete(e) && e.status !== 200 && e.status !== 401)).toEqual([]);
		// One refresh per worker, never a password login. When both workers hold the same refresh
		// token (one logged in, the other took its stored token up), SigningHub spends it on the
		// first and refuses the second, which then takes up the token the first stored in the
		// credential; when each logged in on its own in the first wave, both refreshes succeed.
		const renewals = tokenRequests(log);
		expect(renewals.map((e) => e.grantType)).toEqual(['refresh_token', 'refresh_token']);
	});

	test('no secret appears in any output, answer or log', () => {
		const everything = [main?.output(), ...workers.map((w) => w.output()), redis?.output(), postgres?.output(), ...responses, JSON.stringify(simulator.log)].join('\n');
		const all = [...secrets, ...simulator.issued];
		expect(all.length).toBeGreaterThan(8);
		for (const secret of all) expect(everything.includes(secret) ? secret : null).toBeNull();
	});
});
