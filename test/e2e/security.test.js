// Issue 26 in a real n8n: the SigningHub Tool's descriptions as n8n's own tool builder makes them;
// the instant trigger's key (a version 1 Key expression that gives nothing refuses every call, a
// saved Key keeps working, version 2 takes it from a SigningHub Webhook Key credential); what a
// caller without a key learns when a look fails (nothing about SigningHub); a 5 MB body with
// 400,000 keys answered at once; file names every system accepts, through upload and download.
const { execFileSync } = require('node:child_process');
const http = require('node:http');
const { join } = require('node:path');

const { SigningHubSimulator } = require('../simulator/simulator');
const { simplePdf } = require('../simulator/files');
const { N8nSandbox, nodeOutput, waitFor } = require('./n8n');
const { CLIENT_SECRET, loginCredential, signingHubNode } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(15 * 60 * 1000);

const OWNER = 'owner@example.com';
const CREDENTIAL = 'sec';
const KEY = 'Vq3xL9mZp2Rt7Kw4Hs8d';
const LEGACY_KEY = 'legacy-key-Zq7wLm3p';
const HOOKS = {
	emptyExpression: 'a1e2c3d4-0000-4000-8000-000000000001',
	failingExpression: 'a1e2c3d4-0000-4000-8000-000000000005',
	legacyKey: 'a1e2c3d4-0000-4000-8000-000000000002',
	credentialKey: 'a1e2c3d4-0000-4000-8000-000000000003',
	open: 'a1e2c3d4-0000-4000-8000-000000000004',
};
const EMOJI_NAME = `${'a'.repeat(195)}😀.pdf`;
const GENERIC_503 = { message: 'The call was received but could not be handled now; call again later' };

function instantWorkflow(id, webhookId, { typeVersion = 1, parameters = {}, keyCredential = false }) {
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'SigningHub Instant Trigger',
				type: 'n8n-nodes-signinghub.signingHubInstantTrigger',
				typeVersion,
				position: [0, 0],
				webhookId,
				credentials: {
					signingHubApi: { id: CREDENTIAL, name: `SigningHub ${CREDENTIAL}` },
					...(keyCredential ? { signingHubWebhookKeyApi: { id: 'webhook-key', name: 'Webhook key' } } : {}),
				},
				parameters: { events: ['packageCompleted', 'packageDeclined', 'packageShared', 'recipientSigned'], options: {}, ...parameters },
			},
		],
		connections: {},
	};
}

const codeNode = (name, position, code) => ({ id: name, name, type: 'n8n-nodes-base.code', typeVersion: 2, position, parameters: { jsCode: code } });

function chain(id, nodes) {
	const start = { id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const all = [start, ...nodes];
	const connections = Object.fromEntries(all.slice(0, -1).map((node, i) => [node.name, { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] }]));
	return { id, name: id, active: false, settings: { executionOrder: 'v1' }, nodes: all, connections };
}

/** Uploads one PDF per package: `names` by package ID. */
function uploadWorkflow(names, pdfBase64) {
	const items = Object.entries(names).map(([packageId, fileName]) => ({ json: { packageId: Number(packageId) }, binary: { data: { data: pdfBase64, mimeType: 'application/pdf', fileName, fileExtension: 'pdf' } } }));
	return chain('wfNamesUp', [
		codeNode('Files', [200, 0], `return ${JSON.stringify(items)};`),
		signingHubNode('Upload', 'Upload', CREDENTIAL, [400, 0], { parameters: { resource: 'document', operation: 'upload', packageId: '={{ $json.packageId }}', binaryPropertyName: 'data' } }),
	]);
}

/** Downloads each package and reads the file back as n8n's binary download does (its name URI-encoded). */
function downloadWorkflow(packageIds) {
	return chain('wfNamesDown', [
		codeNode('Packages', [200, 0], `return ${JSON.stringify(packageIds.map((packageId) => ({ json: { packageId } })))};`),
		signingHubNode('Download', 'Download', CREDENTIAL, [400, 0], { parameters: { resource: 'package', operation: 'download', packageId: '={{ $json.packageId }}', options: {} } }),
		codeNode(
			'Read back',
			[600, 0],
			'const out = [];\nfor (let i = 0; i < $input.all().length; i++) {\n  const binary = $input.all()[i].binary.data;\n  const bytes = await this.helpers.getBinaryDataBuffer(i, "data");\n' +
				'  out.push({ json: { fileName: binary.fileName, encoded: encodeURIComponent(binary.fileName), bytes: bytes.length } });\n}\nreturn out;',
		),
	]);
}

/** A POST whose answer is read even when n8n answers before it has read the whole body. */
function postRaw(url, body) {
	return new Promise((resolve) => {
		const startedAt = Date.now();
		const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
			let text = '';
			response.on('data', (chunk) => (text += chunk));
			response.on('end', () => resolve({ status: response.statusCode, body: text.slice(0, 500), ms: Date.now() - startedAt }));
		});
		request.on('error', (error) => resolve({ error: String(error), ms: Date.now() - startedAt }));
		request.end(body);
	});
}

describe.each(versionsUnderTest({ newestOnly: true }))('issue 26 in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	const pdf = simplePdf(['Named file']);
	let n8n;
	let server;
	let agentTools;
	const runs = {};
	const hookUrl = (name, key) => `${server.url}/webhook/${HOOKS[name]}/webhook${key === undefined ? '' : `?key=${encodeURIComponent(key)}`}`;
	const call = async (name, key, init = { method: 'POST' }) => {
		const startedAt = Date.now();
		const response = await fetch(hookUrl(name, key), init);
		return { status: response.status, body: await response.text(), ms: Date.now() - startedAt };
	};
	/** The simulator's requests since `from`, but logins. */
	const reads = (from) => simulator.log.slice(from).filter((entry) => entry.path !== '/authenticate');
	const quiet = async () => await waitFor(() => Date.now() - (simulator.log.at(-1)?.at ?? 0) > 1_500, 'SigningHub left alone for 1.5 s', 120_000);

	beforeAll(async () => {
		const url = await simulator.start();
		const credential = loginCredential(CREDENTIAL, url, { apiVersion: 'v4' });
		simulator.reset({
			clients: [{ id: credential.data.clientId, secret: CLIENT_SECRET }],
			packages: [
				{ id: 70, owner: OWNER, status: 'DRAFT', name: 'Emoji' },
				{ id: 71, owner: OWNER, status: 'DRAFT', name: 'Device name' },
				{ id: 72, owner: OWNER, status: 'IN_PROGRESS', name: 'Running', recipients: [{ user_email: 's@example.com', user_name: 'S', role: 'SIGNER' }] },
			],
		});
		n8n = await N8nSandbox.create(version);
		agentTools = JSON.parse(execFileSync(join(n8n.install.nodeBin, 'node'), [join(__dirname, 'agent-tools.js'), join(n8n.install.dir, 'node_modules')], { encoding: 'utf8' }));
		await n8n.importCredentials([credential, { id: 'webhook-key', name: 'Webhook key', type: 'signingHubWebhookKeyApi', data: { secret: KEY } }]);
		await n8n.importWorkflows([
			instantWorkflow('wfKeyExpression', HOOKS.emptyExpression, { parameters: { key: '={{ undefined }}' } }),
			instantWorkflow('wfKeyFailing', HOOKS.failingExpression, { parameters: { key: '={{ $json.nothing.deeper }}' } }),
			instantWorkflow('wfKeyLegacy', HOOKS.legacyKey, { parameters: { key: LEGACY_KEY } }),
			instantWorkflow('wfKeyCredential', HOOKS.credentialKey, { typeVersion: 2, parameters: { authentication: 'webhookKey' }, keyCredential: true }),
			instantWorkflow('wfOpen', HOOKS.open, { typeVersion: 2 }),
			uploadWorkflow({ 70: EMOJI_NAME, 71: 'CON.pdf' }, pdf.toString('base64')),
			downloadWorkflow([70, 71]),
		]);
		for (const id of ['wfKeyExpression', 'wfKeyFailing', 'wfKeyLegacy', 'wfKeyCredential', 'wfOpen']) await n8n.activate(id);

		runs.upload = await n8n.execute('wfNamesUp');
		runs.uploaded = [70, 71].map((id) => simulator.packageOf(id).documents.map((doc) => doc.name));
		for (const id of [70, 71]) simulator.packageOf(id).status = 'COMPLETED';
		runs.download = await n8n.execute('wfNamesDown');

		server = await n8n.startServer();
		await waitFor(async () => (await call('open').catch(() => undefined))?.status !== 404, 'the webhooks registered', 180_000, { describe: () => server.output().slice(-3000) });
		await quiet();

		let from = simulator.log.length;
		runs.expression = [];
		for (const hook of ['emptyExpression', 'failingExpression']) {
			for (const key of [undefined, '', 'undefined', 'null', KEY]) runs.expression.push({ hook, key, ...(await call(hook, key)) });
		}
		runs.expressionReads = reads(from).length;
		runs.legacy = [await call('legacyKey'), await call('legacyKey', LEGACY_KEY)];
		await quiet();
		from = simulator.log.length;
		runs.credential = [await call('credentialKey'), await call('credentialKey', KEY.slice(0, -1)), await call('credentialKey', 'undefined')];
		runs.credentialRefusedReads = reads(from).length;
		runs.credential.push(await call('credentialKey', KEY));
		runs.credentialReads = reads(from).length;

		await quiet();
		// The package named last, past what the trigger searches: it looks once, as for any call.
		const huge = JSON.stringify(Object.fromEntries([...Array.from({ length: 400_000 }, (_, i) => [`k${i}`, 'v']), ['package_id', 72]]));
		runs.hugeBytes = Buffer.byteLength(huge);
		let before = simulator.log.length;
		runs.small = await postRaw(hookUrl('open'), JSON.stringify({ action: 'signed' }));
		await quiet();
		runs.smallReads = reads(before).length;
		before = simulator.log.length;
		runs.huge = await postRaw(hookUrl('open'), huge);
		await quiet();
		runs.hugeReads = reads(before).length;
		// n8n's own cost of such a call (reading and parsing the body): the trigger refuses it before reading it.
		runs.hugeRefused = await postRaw(hookUrl('credentialKey'), huge);

		await quiet();
		simulator.addFaults({ path: '/packages/', status: 503, kind: 'html', times: 1000 });
		runs.refused = await call('open');
		await simulator.stop();
		runs.unreachable = await call('open');
		runs.log = server.output();
	});

	afterAll(async () => {
		await server?.stop();
		await simulator.stop();
		n8n?.cleanup();
	});

	test("n8n's tool builder gives the agent each tool's changes, reach, finality, and the signing link's secrecy", () => {
		const byKey = Object.fromEntries(agentTools.tools.map((tool) => [`${tool.resource}.${tool.operation}`, tool.description]));
		for (const [key, description] of Object.entries(byKey)) expect({ key, says: /(^| )Changes( nothing in SigningHub\.|: )/.test(description) }).toEqual({ key, says: true });
		expect(byKey['recipient.update']).toMatch(/^Destructive: .* Reaches: a new email or mobile number: on a shared package SigningHub invites that address to act/);
		expect(byKey['workflow.setPostProcessing']).toMatch(/Reaches: every address given, inside or outside the enterprise/);
		expect(byKey['workflow.complete']).toMatch(/^Destructive: .* Cannot be undone\./);
		expect(byKey['package.getSigningLink']).toMatch(/Its output is a secret: /);
		expect(Object.keys(byKey).filter((key) => / Cannot be undone\./.test(byKey[key])).sort()).toEqual([
			'document.delete',
			'document.deleteField',
			'package.approve',
			'package.bulk',
			'package.changeOwner',
			'package.decline',
			'package.delete',
			'package.submit',
			'workflow.complete',
		]);
	});

	test('a version 1 Key expression that gives nothing refuses every call, "undefined" included; nothing is read', () => {
		for (const { hook, key, status, body } of runs.expression) expect({ hook, key, status, body }).toEqual({ hook, key, status: 401, body: JSON.stringify({ message: 'Authorization failed' }) });
		expect(runs.expression).toHaveLength(10);
		expect(runs.expressionReads).toBe(0);
		expect(runs.log).toContain('refuses every call: its key is empty');
		// n8n 2.8.4 throws for a property of nothing (logged as such), 2.40.7 gives nothing: refused either way.
	});

	test('a version 1 Key saved in the workflow keeps working', () => {
		expect(runs.legacy.map((answer) => answer.status)).toEqual([401, 200]);
	});

	test("version 2 takes the key from the SigningHub Webhook Key credential; the caller is told nothing else", () => {
		expect(runs.credential.map((answer) => answer.status)).toEqual([401, 401, 401, 200]);
		expect(JSON.parse(runs.credential[0].body)).toEqual({ message: 'Authorization failed' });
		expect(runs.credentialRefusedReads).toBe(0);
		expect(runs.credentialReads).toBeGreaterThan(0);
	});

	test("a call of 5 MB with 400,000 keys is answered without searching it all", () => {
		expect(runs.hugeBytes).toBeGreaterThan(4_000_000);
		expect(runs.huge).toMatchObject({ status: 200, body: expect.stringContaining('Looked: no new events') });
		// The package_id after 400,000 keys is past the search's bound: one look, as for a small call, no recheck.
		expect(runs.hugeReads).toBe(runs.smallReads);
		expect(runs.hugeRefused.status).toBe(401);
		// Figures for the record (n8n's own part is reading and parsing the body; searching every key took 6.5 s).
		console.log(`a small call: ${runs.small.ms} ms; ${runs.hugeBytes} bytes of 400,000 keys: ${runs.huge.ms} ms, refused before the node reads it: ${runs.hugeRefused.ms} ms`);
	});

	test("a caller without a key whose call's look fails gets a 503 that says nothing about SigningHub; n8n's log has the details", () => {
		for (const answer of [runs.refused, runs.unreachable]) {
			expect(answer.status).toBe(503);
			expect(JSON.parse(answer.body)).toEqual(GENERIC_503);
		}
		expect(runs.log).toMatch(/SigningHub Instant Trigger could not look for events: .*ECONNREFUSED/);
		expect(runs.log).toMatch(/SigningHub Instant Trigger could not look for events: .*503/);
	});

	test('a 195-letter name with an emoji and CON.pdf round-trip through upload and download, names every system accepts', () => {
		expect(runs.upload.code).toBe(0);
		expect(nodeOutput(runs.upload.execution, 'Upload').map((item) => item.json.fileName)).toEqual([EMOJI_NAME, 'CON_.pdf']);
		expect(runs.uploaded).toEqual([[EMOJI_NAME], ['CON_.pdf']]);
		expect(runs.download.code).toBe(0);
		expect(nodeOutput(runs.download.execution, 'Read back').map((item) => item.json)).toEqual([
			{ fileName: EMOJI_NAME, encoded: encodeURIComponent(EMOJI_NAME), bytes: expect.any(Number) },
			{ fileName: 'CON_.pdf', encoded: 'CON_.pdf', bytes: expect.any(Number) },
		]);
	});
});
