#!/usr/bin/env node
// `npm run bench:files`: n8n's peak resident memory and the time while the SigningHub node
// downloads and uploads large files, against n8n's HTTP Request node moving the same files
// (download as file; upload of a binary body) in the same run, in n8n's filesystem binary mode.
// Each case is its own `n8n execute`: one file, or BENCH_PARALLEL files at once (the node's
// Parallel Requests; HTTP Request sends all items at once), for each size. Uploads read the file
// from disk first (Read/Write Files from Disk, which streams it into the binary store) in both
// workflows. The baseline is the same n8n executing a workflow that does nothing.
// Not a test: numbers from a shared machine; compare within one run.
// At the end, the same downloads by a bare Node process (stream-floor.js): the floor of Node's
// streams. BENCH_FLOOR_ONLY=1 measures only that.
//   BENCH_FILE_SIZES_MB (10,100,500), BENCH_PARALLEL (10), BENCH_FLOOR_ONLY, N8N_VERSION (2.40.7)
const { execFile } = require('node:child_process');
const { createHash } = require('node:crypto');
const { createWriteStream, mkdirSync, rmSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { once } = require('node:events');

const { writeLargePdf } = require('../simulator/files');
const { SigningHubSimulator } = require('../simulator/simulator');
const { N8nSandbox, NODE_TYPE } = require('../e2e/n8n');
const { CLIENT_SECRET, loginCredential } = require('../e2e/workflows');
const { executeMeasured, fetchToken, n8nNodeVersion, nodeStats, HTTP_CLIENT, OWNER } = require('./bench');

const VERSION = process.env.N8N_VERSION || '2.40.7';
const SIZES_MB = (process.env.BENCH_FILE_SIZES_MB || '10,100,500').split(',').map(Number);
const PARALLEL = Number(process.env.BENCH_PARALLEL || 10);
const FLOOR_ONLY = process.env.BENCH_FLOOR_ONLY === '1';
const MB = 1024 * 1024;
const TIMEOUT_MS = 30 * 60 * 1000;
const BIG = 90001;
const DRAFT = 90002;
const MEASURED = 'Measured';

const start = { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

function chain(id, nodes) {
	const all = [start, ...nodes];
	const connections = {};
	for (let i = 0; i + 1 < all.length; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name: id, active: false, settings: { executionOrder: 'v1' }, nodes: all, connections };
}

const items = (count, json) => ({
	id: 'items',
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [200, 0],
	parameters: { jsCode: `return Array.from({ length: ${count} }, () => ({ json: ${JSON.stringify(json)} }));` },
});

const readFile = { id: 'read', name: 'Read file', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1, position: [400, 0], parameters: { operation: 'read', fileSelector: '={{ $json.path }}', options: {} } };

function signingHub(parameters, parallel) {
	return {
		id: 'measured',
		name: MEASURED,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [600, 0],
		credentials: { signingHubApi: { id: 'bench', name: 'SigningHub bench' } },
		parameters: { ...parameters, options: { ...parameters.options, parallelRequests: parallel, requestTimeout: TIMEOUT_MS } },
	};
}

function httpRequest(parameters, token) {
	const { headers = [], options = {}, ...rest } = parameters;
	return {
		id: 'measured',
		name: MEASURED,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [600, 0],
		parameters: {
			...rest,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${token}` }, ...headers] },
			options: { ...options, timeout: TIMEOUT_MS },
		},
	};
}

/** The four workflows of one case: download and upload, by the node and by HTTP Request. */
function caseWorkflows(url, token, { sizeMb, count, path }) {
	const tag = `${sizeMb}x${count}`;
	return {
		download: {
			node: chain(`dlNode${tag}`, [items(count, { packageId: BIG }), signingHub({ resource: 'package', operation: 'download', packageId: '={{ $json.packageId }}', options: { maxFileSize: 1024 } }, count)]),
			http: chain(`dlHttp${tag}`, [
				items(count, { packageId: BIG }),
				httpRequest({ method: 'GET', url: `=${url}/v4/packages/{{ $json.packageId }}`, options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } } }, token),
			]),
		},
		upload: {
			node: chain(`ulNode${tag}`, [items(count, { path }), readFile, signingHub({ resource: 'document', operation: 'upload', packageId: String(DRAFT), binaryPropertyName: 'data' }, count)]),
			http: chain(`ulHttp${tag}`, [
				items(count, { path }),
				readFile,
				httpRequest(
					{
						method: 'POST',
						url: `${url}/v4/packages/${DRAFT}/documents`,
						headers: [
							{ name: 'x-file-name', value: '={{ $binary.data.fileName }}' },
							{ name: 'x-source', value: 'API' },
						],
						sendBody: true,
						contentType: 'binaryData',
						inputDataFieldName: 'data',
					},
					token,
				),
			]),
		},
	};
}

/** The simulator's large PDF of `size` bytes, written to `path` (what uploads send). */
async function writeFileOfSize(path, size) {
	const out = createWriteStream(path);
	await writeLargePdf(out, size);
	out.end();
	await once(out, 'finish');
}

function sha256OfLargePdf(size) {
	const hash = createHash('sha256');
	return writeLargePdf({ write: (part) => (hash.update(part), true), destroyed: false }, size).then(() => hash.digest('hex'));
}

async function main() {
	const simulator = new SigningHubSimulator();
	const url = await simulator.start();
	const credential = loginCredential('bench', url, { apiVersion: 'v4' });
	simulator.reset({
		clients: [{ id: credential.data.clientId, secret: CLIENT_SECRET }, { id: HTTP_CLIENT, secret: CLIENT_SECRET }],
		packages: [
			{ id: BIG, owner: OWNER.username, status: 'IN_PROGRESS', name: 'Big', documents: [{ name: 'big.pdf', content: '%PDF-1.4 small' }] },
			{ id: DRAFT, owner: OWNER.username, status: 'DRAFT', name: 'Uploads' },
		],
		keepBodiesUpTo: MB,
	});
	const n8n = await N8nSandbox.create(VERSION);
	const filesDir = join(n8n.userFolder, 'files');
	mkdirSync(filesDir);
	n8n.useEnv({ N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_RESTRICT_FILE_ACCESS_TO: filesDir });
	await n8n.importCredentials([credential]);
	const token = await fetchToken(url);

	const cases = SIZES_MB.flatMap((sizeMb) => [1, PARALLEL].map((count) => ({ sizeMb, count, path: join(filesDir, `file-${sizeMb}.pdf`) })));
	const workflows = (FLOOR_ONLY ? [] : cases).map((entry) => ({ ...entry, ...caseWorkflows(url, token, entry) }));
	const idle = chain('idle', [items(1, {})]);
	await n8n.importWorkflows([idle, ...workflows.flatMap((w) => [w.download.node, w.download.http, w.upload.node, w.upload.http])]);

	const [load1] = os.loadavg();
	console.log(`n8n ${VERSION} on Node ${n8nNodeVersion(VERSION)}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; filesystem binary mode; load average at start ${load1.toFixed(2)} (${os.loadavg().map((l) => l.toFixed(2)).join(', ')})`);

	const idleRuns = [];
	for (let run = 0; run < 2; run++) idleRuns.push((await executeMeasured(n8n, 'idle')).peakMb);
	const idleMb = Math.max(...idleRuns);
	console.log(`n8n executing a workflow that does nothing: peak ${idleRuns.map((mb) => mb.toFixed(0)).join(' / ')} MB`);

	const rows = [];
	let flip = false;
	for (const entry of workflows) {
		const size = entry.sizeMb * MB;
		await writeFileOfSize(entry.path, size);
		const expected = await sha256OfLargePdf(size);
		simulator.setOptions({ hugeDownloadBytes: size });
		for (const direction of ['download', 'upload']) {
			const result = {};
			// Alternate which tool goes first, so neither always meets a warmer machine.
			flip = !flip;
			for (const tool of flip ? ['node', 'http'] : ['http', 'node']) {
				const logStart = simulator.log.length;
				const { run, peakMb } = await executeMeasured(n8n, entry[direction][tool].id);
				const stats = nodeStats(run.execution, MEASURED);
				const log = simulator.log.slice(logStart);
				const moved = direction === 'download' ? log.filter((e) => e.method === 'GET' && e.path === `/v4/packages/${BIG}` && e.status === 200).length : log.filter((e) => e.path.endsWith('/documents') && e.bodyBytes === size && e.bodySha256 === expected).length;
				if (stats.failed || stats.items !== entry.count || moved !== entry.count) throw new Error(`${entry[direction][tool].id}: ${stats.items} items, ${stats.failed} failed, ${moved} whole files moved`);
				result[tool] = { peakMb, ms: stats.ms };
			}
			rows.push({ ...entry, direction, ...result });
			const last = rows.at(-1);
			console.log(`  ${direction} ${entry.sizeMb} MB x ${entry.count}: node ${last.node.peakMb.toFixed(0)} MB ${last.node.ms} ms, HTTP Request ${last.http.peakMb.toFixed(0)} MB ${last.http.ms} ms (load ${os.loadavg()[0].toFixed(2)})`);
		}
		rmSync(entry.path, { force: true });
	}

	const [load1End] = os.loadavg();
	console.log(`\nPeak resident memory of the n8n process (VmHWM) per execution; idle: ${idleMb.toFixed(0)} MB. Time: the measured node's execution time. Load average at end ${load1End.toFixed(2)}.`);
	if (rows.length) console.log('\n| file | at once | direction | SigningHub node peak | over idle | HTTP Request peak | over idle | SigningHub node time | HTTP Request time |');
	if (rows.length) console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	for (const row of rows) {
		const over = (mb) => `+${Math.round(mb - idleMb)} MB`;
		console.log(
			`| ${row.sizeMb} MB | ${row.count} | ${row.direction} | ${row.node.peakMb.toFixed(0)} MB | ${over(row.node.peakMb)} | ${row.http.peakMb.toFixed(0)} MB | ${over(row.http.peakMb)} | ${(row.node.ms / 1000).toFixed(2)} s | ${(row.http.ms / 1000).toFixed(2)} s |`,
		);
	}
	// The same downloads with no n8n at all: what Node's streams cost by themselves.
	const largest = Math.max(...SIZES_MB);
	simulator.setOptions({ hugeDownloadBytes: largest * MB });
	const floor = async (count, mode) =>
		Number(
			await new Promise((resolve, reject) =>
				execFile(join(n8n.install.nodeBin, 'node'), [require.resolve('./stream-floor'), join(n8n.install.dir, 'node_modules', 'axios'), `${url}/v4/packages/${BIG}`, token, String(count), mode, filesDir], (error, stdout, stderr) =>
					error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout.trim()),
				),
			),
		);
	const floors = [];
	for (const count of [0, 1, PARALLEL]) for (const mode of count ? ['plain', 'map'] : ['plain']) floors.push({ count, mode, mb: await floor(count, mode) });
	const bare = floors[0].mb;
	console.log(
		`\nNode alone (test/bench/stream-floor.js: n8n's axios stream into fs.writeFile, no n8n), ${largest} MB: idle ${bare.toFixed(0)} MB; ${floors
			.slice(1)
			.map((f) => `${f.count} at once${f.mode === 'map' ? ' through Readable.map (the node\'s guard)' : ''} +${Math.round(f.mb - bare)} MB`)
			.join(', ')}.`,
	);

	const worst = Math.max(...rows.map((row) => row.node.peakMb - idleMb));
	if (rows.length) console.log(`\nLargest file tried: ${Math.max(...SIZES_MB)} MB (${PARALLEL} at once). The node's peak over idle: at most ${worst.toFixed(0)} MB.`);
	n8n.cleanup();
	await simulator.stop();
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exit(1);
});
