// The SigningHub Trigger in a running n8n, in n8n's legacy poller and in n8n 2.40's durable
// scheduler (two n8n side by side): an active workflow polls every minute (n8n's shortest), the
// test changes packages in a simulator writing SigningHub's whole-second dates, and every event
// must arrive exactly once across the polls, including one poll that the simulator fails, and
// none of a package shared with the user. Minute-long polls: this suite runs in the newest pinned
// n8n only. The README's trigger example runs beside it, in the legacy poller.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { SigningHubSimulator, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { Collector, collectNode } = require('./collector');
const { N8nSandbox, waitFor } = require('./n8n');
const { CLIENT_SECRET, loginCredential } = require('./workflows');
const { versionsUnderTest, VERIFIED } = require('./versions');

jest.setTimeout(15 * 60 * 1000);

const OWNER = 'owner@example.com';
const recipient = (email) => ({ user_email: email, user_name: email.split('@')[0], role: 'SIGNER', email_notification: true });

function triggerWorkflow(collectorUrl) {
	return {
		id: 'wfTrigger',
		name: 'wfTrigger',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'trigger',
				name: 'SigningHub Trigger',
				type: 'n8n-nodes-signinghub.signingHubTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials: { signingHubApi: { id: 'trigger', name: 'SigningHub trigger' } },
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, events: ['packageCompleted', 'packageDeclined', 'packageShared', 'recipientSigned'], options: {} },
			},
			collectNode(collectorUrl),
		],
		connections: { 'SigningHub Trigger': { main: [[{ node: 'Collect', type: 'main', index: 0 }]] } },
	};
}

function exampleWorkflow() {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../../examples/when-completed-download.json'), 'utf8'));
	for (const node of workflow.nodes) node.credentials.signingHubApi = { id: 'example', name: 'SigningHub example' };
	return { ...workflow, id: 'wfExampleTrigger', active: false };
}


const newest = VERIFIED[0];
const versions = versionsUnderTest().filter((version) => version === newest);

/** n8n's two ways of running poll triggers in 2.40 (names from @n8n/config's scheduler and workflows configs). */
const MODES = {
	'legacy poller': {},
	'durable scheduler': {
		N8N_SCHEDULER_ENABLED: 'true',
		N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
		N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
		N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
		// The scheduler's poll handler says what it did at debug level only.
		N8N_LOG_LEVEL: 'debug',
	},
};

/**
 * One n8n (in `mode`) with the trigger's workflow (and, in the legacy poller, the README's
 * example) against its own simulator: activation, a first wave of changes, a poll that fails,
 * the catch-up, a quiet poll. Fills `run` with what arrived (and how to stop it), for the tests to judge.
 */
async function runScenario(version, mode, withExample, run) {
	const simulator = new SigningHubSimulator();
	const collector = new Collector();
	Object.assign(run, { simulator, mode });
	const polls = () => simulator.log.filter((e) => e.clientId === 'client-trigger' && /\/packages\/ALL\/1\//.test(e.path));
	const url = await simulator.start();
	run.stop = async () => {
		await run.server?.stop();
		await simulator.stop();
		await collector.stop();
		run.n8n?.cleanup();
	};
	async function ownerCall(method, path) {
		const form = new URLSearchParams({ grant_type: 'password', client_id: 'client-mint', client_secret: CLIENT_SECRET, username: OWNER, password: 'owner-pass-7c1e' });
		const { access_token: token } = await (await fetch(`${url}/authenticate`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })).json();
		const response = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-length': '0' } });
		if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}`);
	}
	const collectorUrl = await collector.start();
	const credentials = [loginCredential('trigger', url, { apiVersion: 'v4' }), ...(withExample ? [loginCredential('example', url, { apiVersion: 'v4' })] : [])];
	simulator.reset({
		clients: [...credentials.map((c) => ({ id: c.data.clientId, secret: CLIENT_SECRET })), { id: 'client-mint', secret: CLIENT_SECRET }],
		// SigningHub's own date style: whole seconds without a zone.
		dateStyle: 'signinghub',
		packages: [
			{ id: 1, owner: OWNER, status: 'COMPLETED', name: 'Done before' },
			{ id: 2, owner: OWNER, status: 'DRAFT', name: 'Draft', recipients: [recipient('a@example.com')], documents: [{ name: 'draft.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }] },
			{ id: 3, owner: OWNER, status: 'IN_PROGRESS', name: 'Running', recipients: [recipient('b@example.com'), recipient('c@example.com')], documents: [{ name: 'running.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }] },
			{ id: 4, owner: OWNER, status: 'IN_PROGRESS', name: 'To decline', recipients: [recipient('d@example.com')] },
			// Shared with the user by a colleague: never an event of the user's trigger.
			{ id: 7, owner: 'colleague@example.com', status: 'IN_PROGRESS', name: 'Incoming', recipients: [recipient(OWNER)] },
		],
	});
	simulator.sign(3, 'b@example.com');
	run.n8n = await N8nSandbox.create(version);
	run.n8n.useEnv(MODES[mode]);
	await run.n8n.importCredentials(credentials);
	await run.n8n.importWorkflows([triggerWorkflow(collectorUrl), ...(withExample ? [exampleWorkflow()] : [])]);
	await run.n8n.activate('wfTrigger');
	if (withExample) await run.n8n.activate('wfExampleTrigger');
	run.server = await run.n8n.startServer();

	// The activation: it must emit nothing from the past. Under the durable scheduler n8n keeps
	// nothing of the poll it runs when the workflow is activated (a test poll that returned
	// nothing), so the trigger's activation is its first scheduled poll: wait for a poll that
	// reads from a cursor, the proof that an activation was kept.
	await waitFor(() => polls().some((e) => /asc=true&modified-from=/.test(e.query ?? '')), `the first poll after activation (${mode})`, 180_000);
	await ownerCall('POST', '/v4/packages/2/workflow');
	simulator.sign(3, 'c@example.com');
	simulator.decline(4, 'd@example.com', 'Wrong address');
	simulator.sign(7, OWNER);
	await waitFor(() => collector.events.length >= 4, `the first events (${mode})`, 150_000);
	run.firstWave = [...collector.events];

	// The next poll fails (503 on every try): nothing is emitted, nothing is lost.
	simulator.addFaults({ path: '/packages/ALL/1/', fromClient: 'client-trigger', status: 503, kind: 'html', times: 3, name: 'poll fails' });
	simulator.sign(2, 'a@example.com');
	const pollsBefore = polls().length;
	await waitFor(() => polls().filter((e) => e.status === 503).length >= 3, `the failed poll (${mode})`, 150_000);
	run.failedPolls = polls().slice(pollsBefore);
	await waitFor(() => collector.events.length >= run.firstWave.length + 2, `the catch-up (${mode})`, 150_000);
	// One more poll with nothing new.
	const pollsNow = polls().length;
	await waitFor(() => polls().length > pollsNow && polls().at(-1).status === 200, `a quiet poll (${mode})`, 150_000);
	await new Promise((resolve) => setTimeout(resolve, 3000));
	run.secondWave = collector.events.slice(run.firstWave.length);
	run.allEvents = [...collector.events];
}

describe.each(versions)('SigningHub Trigger in a running n8n %s', (version) => {
	const runs = {};
	const summary = (events) => events.map((e) => `${e.event} ${e.packageId}${e.email ? ` ${e.email}` : ''}`);

	// The two modes side by side: each waits for n8n's minute-long polls.
	beforeAll(async () => {
		const settled = await Promise.allSettled(
			Object.keys(MODES).map(async (mode) => {
				runs[mode] = {};
				await runScenario(version, mode, mode === 'legacy poller', runs[mode]).catch((error) => {
					const output = runs[mode].server?.output() ?? '';
					throw new Error(`${mode}: ${error.message}\n${output.slice(-6000)}`);
				});
			}),
		);
		const failure = settled.find((outcome) => outcome.status === 'rejected');
		if (failure) throw failure.reason;
	});

	afterAll(async () => {
		for (const run of Object.values(runs)) await run.stop?.();
	});

	describe.each(Object.keys(MODES))('in the %s', (mode) => {
		test('the changes after activation arrive as events, each once, nothing from before it, nothing of a package shared with the user', () => {
			const { firstWave } = runs[mode];
			expect(summary(firstWave)).toEqual(['packageShared 2', 'recipientSigned 3 c@example.com', 'packageCompleted 3', 'packageDeclined 4']);
			expect(firstWave[1]).toMatchObject({ packageName: 'Running', owner: OWNER, email: 'c@example.com', role: 'SIGNER', processStatus: 'SIGNED' });
		});

		test('a failed poll emits nothing and loses nothing: the next poll catches up, once', () => {
			const { failedPolls, secondWave, allEvents } = runs[mode];
			expect(failedPolls.filter((e) => e.status === 503)).toHaveLength(3);
			expect(summary(secondWave)).toEqual(['recipientSigned 2 a@example.com', 'packageCompleted 2']);
			const all = summary(allEvents);
			expect(new Set(all).size).toBe(all.length);
		});

		test('no secret in any event or log', () => {
			const { allEvents, server, simulator } = runs[mode];
			const everything = [JSON.stringify(allEvents), server.output(), JSON.stringify(simulator.log)].join('\n');
			for (const secret of [CLIENT_SECRET, ...DEFAULT_SCENARIO.users.map((u) => u.password), ...simulator.issued]) {
				expect(everything.includes(secret) ? secret : null).toBeNull();
			}
		});
	});

	test('the durable scheduler ran the polls of one, the legacy poller those of the other', () => {
		expect(runs['durable scheduler'].server.output()).toMatch(/Poll returned new data; handed off to a new execution/);
		expect(runs['legacy poller'].server.output()).not.toMatch(/poll-trigger-task-handler/);
	});

	test('the README\'s example ("when completed, download the signed PDF") runs on the completed packages', async () => {
		const { server, simulator } = runs['legacy poller'];
		const executions = await server.request('GET', '/rest/executions');
		const ran = executions.results.filter((e) => e.workflowId === 'wfExampleTrigger');
		expect(ran.length).toBeGreaterThanOrEqual(1);
		expect(ran.every((e) => e.status === 'success')).toBe(true);
		const downloads = simulator.log.filter((e) => e.clientId === 'client-example' && /^\/v4\/packages\/[23]$/.test(e.path));
		expect(downloads.map((e) => e.status)).toEqual([200, 200]);
	});
});
