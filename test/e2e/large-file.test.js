// A 50 MB PDF through the node in a real n8n: downloaded from one package as binary data, then
// uploaded into a new one, byte for byte. Prints n8n's peak memory for the notes (no timed or
// memory assertion: the machine is shared).
const { readFileSync } = require('node:fs');

const { SigningHubSimulator } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, loginCredential, signingHubNode } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

const SIZE = 50 * 1024 * 1024;
const BIG = 90001;

function bigPdf() {
	const bytes = Buffer.alloc(SIZE);
	for (let i = 0; i < SIZE; i += 4) bytes.writeUInt32LE((i * 2654435761) >>> 0, i);
	Buffer.from('%PDF-1.4\n').copy(bytes, 0);
	Buffer.from('\n%%EOF\n').copy(bytes, SIZE - 7);
	return bytes;
}

function copyWorkflow() {
	const sh = (name, position, parameters) => signingHubNode(name, name, 'big', position, { parameters });
	const nodes = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'ids', name: 'Big package', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: `return [{ json: { packageId: ${BIG} } }];` } },
		sh('Download', [400, 0], { resource: 'package', operation: 'download', packageId: '={{ $json.packageId }}' }),
		sh('Create copy', [600, -150], { resource: 'package', operation: 'create', packageName: 'Copy of the big one' }),
		{ id: 'merge', name: 'With file', type: 'n8n-nodes-base.merge', typeVersion: 3, position: [800, 0], parameters: { mode: 'combine', combineBy: 'combineByPosition', options: {} } },
		sh('Upload', [1000, 0], { resource: 'document', operation: 'upload', packageId: "={{ $('Create copy').item.json.packageId }}", binaryPropertyName: 'data' }),
	];
	const link = (from, to, index = 0) => ({ [from]: { node: to, type: 'main', index } });
	const connections = {};
	for (const edge of [link('Start', 'Big package'), link('Big package', 'Download'), link('Download', 'Create copy'), link('Create copy', 'With file'), link('Download', 'With file', 1), link('With file', 'Upload')]) {
		const [from, target] = Object.entries(edge)[0];
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push(target);
	}
	return { id: 'wfBigFile', name: 'wfBigFile', active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

describe.each(versionsUnderTest())('a 50 MB PDF in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	const original = bigPdf();
	let n8n;
	let run;
	let peakMb = 0;

	beforeAll(async () => {
		const url = await simulator.start();
		const credential = loginCredential('big', url, { apiVersion: 'v4' });
		simulator.reset({
			clients: [{ id: credential.data.clientId, secret: CLIENT_SECRET }],
			packages: [{ id: BIG, owner: 'owner@example.com', status: 'IN_PROGRESS', name: 'Big', documents: [{ name: 'big.pdf', content: original }] }],
		});
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows([copyWorkflow()]);
		const sampler = setInterval(() => {
			for (const pid of n8n.runningPids()) {
				try {
					const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/);
					if (match) peakMb = Math.max(peakMb, Number(match[1]) / 1024);
				} catch {
					// the process has just exited
				}
			}
		}, 50);
		run = await n8n.execute('wfBigFile');
		clearInterval(sampler);
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	test('downloads and uploads it byte for byte', () => {
		expect(run.code).toBe(0);
		const [downloaded] = nodeOutput(run.execution, 'Download').map((item) => item.json);
		expect(downloaded).toMatchObject({ packageId: BIG, fileName: 'big.pdf', mimeType: 'application/pdf', fileSize: SIZE });
		const [uploaded] = nodeOutput(run.execution, 'Upload').map((item) => item.json);
		expect(uploaded).toMatchObject({ fileName: 'big.pdf', documentId: expect.any(Number) });
		const copy = simulator.packageOf(uploaded.packageId).documents[0].content;
		expect(copy.length).toBe(SIZE);
		expect(copy.equals(original)).toBe(true);
		expect(simulator.log.filter((e) => e.method === 'POST' && e.path.endsWith('/documents')).map((e) => e.bodyBytes)).toEqual([SIZE]);
		console.log(`n8n ${version}: peak resident memory of n8n ${Math.round(peakMb)} MB for a ${SIZE / 2 ** 20} MB file down and up`);
	});
});
