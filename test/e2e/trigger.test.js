// The SigningHub Trigger in a running n8n: an active workflow polls every minute (n8n's
// shortest), the test changes packages in the simulator, and every event must arrive exactly
// once across the polls, including one poll that the simulator fails. Minute-long polls: this
// suite runs in the newest pinned n8n only. The README's trigger example runs beside it.
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

describe.each(versions)('SigningHub Trigger in a running n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	const collector = new Collector();
	let n8n;
	let server;
	let url;
	const polls = () => simulator.log.filter((e) => e.clientId === 'client-trigger' && /\/packages\/ALL\/1\//.test(e.path));
	const summary = (events) => events.map((e) => `${e.event} ${e.packageId}${e.email ? ` ${e.email}` : ''}`);
	let firstWave;
	let secondWave;
	let failedPolls;

	async function ownerCall(method, path) {
		const form = new URLSearchParams({ grant_type: 'password', client_id: 'client-mint', client_secret: CLIENT_SECRET, username: OWNER, password: 'owner-pass-7c1e' });
		const { access_token: token } = await (await fetch(`${url}/authenticate`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })).json();
		const response = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-length': '0' } });
		expect(response.status).toBe(200);
	}

	beforeAll(async () => {
		url = await simulator.start();
		const collectorUrl = await collector.start();
		const credentials = [loginCredential('trigger', url, { apiVersion: 'v4' }), loginCredential('example', url, { apiVersion: 'v4' })];
		simulator.reset({
			clients: [...credentials.map((c) => ({ id: c.data.clientId, secret: CLIENT_SECRET })), { id: 'client-mint', secret: CLIENT_SECRET }],
			packages: [
				{ id: 1, owner: OWNER, status: 'COMPLETED', name: 'Done before' },
				{ id: 2, owner: OWNER, status: 'DRAFT', name: 'Draft', recipients: [recipient('a@example.com')], documents: [{ name: 'draft.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }] },
				{ id: 3, owner: OWNER, status: 'IN_PROGRESS', name: 'Running', recipients: [recipient('b@example.com'), recipient('c@example.com')], documents: [{ name: 'running.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n') }] },
				{ id: 4, owner: OWNER, status: 'IN_PROGRESS', name: 'To decline', recipients: [recipient('d@example.com')] },
			],
		});
		simulator.sign(3, 'b@example.com');
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials(credentials);
		await n8n.importWorkflows([triggerWorkflow(collectorUrl), exampleWorkflow()]);
		await n8n.activate('wfTrigger');
		await n8n.activate('wfExampleTrigger');
		server = await n8n.startServer();

		// Activation polls once: it must emit nothing from the past.
		await waitFor(() => polls().length >= 1, 'the activation poll', 180_000);
		await ownerCall('POST', '/v4/packages/2/workflow');
		simulator.sign(3, 'c@example.com');
		simulator.decline(4, 'd@example.com', 'Wrong address');
		await waitFor(() => collector.events.length >= 4, 'the first events', 150_000);
		firstWave = [...collector.events];

		// The next poll fails (503 on every try): nothing is emitted, nothing is lost.
		simulator.addFaults({ path: '/packages/ALL/1/', fromClient: 'client-trigger', status: 503, kind: 'html', times: 3, name: 'poll fails' });
		simulator.sign(2, 'a@example.com');
		const pollsBefore = polls().length;
		await waitFor(() => polls().filter((e) => e.status === 503).length >= 3, 'the failed poll', 150_000);
		failedPolls = polls().slice(pollsBefore);
		await waitFor(() => collector.events.length >= firstWave.length + 2, 'the catch-up', 150_000);
		// One more poll with nothing new.
		const pollsNow = polls().length;
		await waitFor(() => polls().length > pollsNow && polls().at(-1).status === 200, 'a quiet poll', 150_000);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		secondWave = collector.events.slice(firstWave.length);
	});

	afterAll(async () => {
		await server?.stop();
		await simulator.stop();
		await collector.stop();
		n8n?.cleanup();
	});

	test('the changes after activation arrive as events, each once, nothing from before it', () => {
		expect(summary(firstWave)).toEqual(['packageShared 2', 'recipientSigned 3 c@example.com', 'packageCompleted 3', 'packageDeclined 4']);
		expect(firstWave[1]).toMatchObject({ packageName: 'Running', owner: OWNER, email: 'c@example.com', role: 'SIGNER' });
	});

	test('a failed poll emits nothing and loses nothing: the next poll catches up, once', () => {
		expect(failedPolls.filter((e) => e.status === 503)).toHaveLength(3);
		expect(summary(secondWave)).toEqual(['recipientSigned 2 a@example.com', 'packageCompleted 2']);
		const all = summary(collector.events);
		expect(new Set(all).size).toBe(all.length);
	});

	test('the README\'s example ("when completed, download the signed PDF") runs on the completed packages', async () => {
		const executions = await server.request('GET', '/rest/executions');
		const ran = executions.results.filter((e) => e.workflowId === 'wfExampleTrigger');
		expect(ran.length).toBeGreaterThanOrEqual(1);
		expect(ran.every((e) => e.status === 'success')).toBe(true);
		const downloads = simulator.log.filter((e) => e.clientId === 'client-example' && /^\/v4\/packages\/[23]$/.test(e.path));
		expect(downloads.map((e) => e.status)).toEqual([200, 200]);
	});

	test('no secret in any event or log', () => {
		const everything = [JSON.stringify(collector.events), server.output(), JSON.stringify(simulator.log)].join('\n');
		for (const secret of [CLIENT_SECRET, ...DEFAULT_SCENARIO.users.map((u) => u.password), ...simulator.issued]) {
			expect(everything.includes(secret) ? secret : null).toBeNull();
		}
	});
});
