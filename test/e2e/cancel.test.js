// Cancelling an execution through n8n's REST API while the node waits out a Retry-After: the
// execution must stop at once, and the node sends nothing more, also once the wait would be over.
const { SigningHubSimulator, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { N8nSandbox, waitFor } = require('./n8n');
const { CLIENT_SECRET, loginCredential, webhookWorkflow } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

const WEBHOOK_PATH = 'signinghub-cancel';
const RETRY_AFTER_S = 5;

describe.each(versionsUnderTest())('cancelling an execution in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	const packageIds = [51001, 51002, 51003];
	let n8n;
	let server;
	let stopMs;
	let sentAfterStop;
	let execution;
	let output;

	beforeAll(async () => {
		const url = await simulator.start();
		const credential = loginCredential('cancel', url);
		simulator.reset({ clients: [{ id: credential.data.clientId, secret: CLIENT_SECRET }] });
		simulator.addFaults({ path: '/packages/5100\\d/complete$', status: 429, headers: { 'retry-after': String(RETRY_AFTER_S) }, body: { Message: 'Too many requests' } });
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows([webhookWorkflow('wfCancel', { path: WEBHOOK_PATH, credential: 'cancel', options: { maxAttempts: 3 } })]);
		await n8n.activate('wfCancel');
		server = await n8n.startServer();
		const answered = await waitFor(
			async () => {
				const response = await fetch(`${server.url}/webhook/${WEBHOOK_PATH}`, { method: 'GET' });
				return response.status !== 404 || (await response.text()).includes('not registered for GET') ? true : undefined;
			},
			'the webhook to be registered',
		);
		expect(answered).toBe(true);

		const call = fetch(`${server.url}/webhook/${WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ packages: packageIds.map((packageId) => ({ packageId })) }) }).then(
			async (response) => await response.text(),
		);
		await waitFor(() => simulator.log.filter((e) => e.status === 429).length === packageIds.length, 'the three 429 answers');
		const running = await waitFor(async () => {
			const list = await server.request('GET', '/rest/executions');
			return list.results.find((e) => e.workflowId === 'wfCancel' && ['running', 'new'].includes(e.status));
		}, 'the running execution');
		const logLength = simulator.log.length;
		const stoppedAt = Date.now();
		await server.request('POST', `/rest/executions/${running.id}/stop`);
		output = await call;
		stopMs = Date.now() - stoppedAt;
		// Past the end of the Retry-After wait: a node still waiting would send its retries now.
		await new Promise((resolve) => setTimeout(resolve, (RETRY_AFTER_S + 2) * 1000));
		sentAfterStop = simulator.log.slice(logLength);
		execution = await waitFor(async () => {
			const found = await server.request('GET', `/rest/executions/${running.id}`);
			return found.status !== 'running' ? found : undefined;
		}, 'the execution to be recorded as stopped');
	});

	afterAll(async () => {
		await server?.stop();
		await simulator.stop();
		n8n?.cleanup();
	});

	test('the execution stops at once, not after the Retry-After wait', () => {
		// A functional bound, far from the 30 s the node would otherwise wait; the figure is printed for the notes.
		console.log(`n8n ${version}: execution stopped ${stopMs} ms after the stop request`);
		expect(stopMs).toBeLessThan(5000);
		expect(execution.status).toBe('canceled');
	});

	test('nothing more is sent to SigningHub after the stop, also once the wait is over', () => {
		expect(sentAfterStop).toEqual([]);
		for (const id of packageIds) expect(simulator.packageOf(id).status).toBe('IN_PROGRESS');
	});

	test('no secret in the answer or the logs', () => {
		const everything = [output, server.output(), JSON.stringify(simulator.log)].join('\n');
		for (const secret of [CLIENT_SECRET, ...DEFAULT_SCENARIO.users.map((u) => u.password), ...simulator.issued]) {
			expect(everything.includes(secret) ? secret : null).toBeNull();
		}
	});
});
