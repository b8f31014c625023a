#!/usr/bin/env node
// `npm run bench`: this node against n8n's HTTP Request node making the same complete calls
// with a bearer header, side by side in one real n8n execution, against the simulator with
// an added latency. Reports each node's execution time from the run data, their ratio, the
// latency bound, token requests, and the peak memory of n8n running each node alone.
// Not a test: numbers from a shared machine; compare within one run.
const { execFile, execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const os = require('node:os');

const { SigningHubSimulator } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput, NODE_TYPE } = require('../e2e/n8n');
const { CLIENT_SECRET, loginCredential } = require('../e2e/workflows');

const VERSION = process.env.N8N_VERSION || '2.40.7';
const PARALLEL = Number(process.env.BENCH_PARALLEL || 50);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS || 50);
const SIZES = (process.env.BENCH_SIZES || '200,1000').split(',').map(Number);
/** Each workflow runs this many times; the table shows the median of each node's time. */
const RUNS = Number(process.env.BENCH_RUNS || 3);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const SH_NODE = 'SigningHub node';
const HTTP_NODE = 'HTTP Request node';

function n8nNodeVersion(version) {
	const { installN8n } = require('../e2e/install-n8n');
	return execFileSync(`${installN8n(version).nodeBin}/node`, ['--version']).toString().trim();
}

function itemsCode(first, count) {
	return `return Array.from({ length: ${count} }, (_, i) => ({ json: { id: ${first} + i } }));`;
}

/** Start -> items -> SigningHub node, and/or Start -> token request -> items -> HTTP Request node. */
function benchWorkflow(id, url, { first, count, signingHub = true, httpRequest = true }) {
	const nodes = [{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections = { Start: { main: [[]] } };
	const code = (name, from, y) => ({ id: `${id}-${name}`, name, type: 'n8n-nodes-base.code', typeVersion: 2, position: [400, y], parameters: { jsCode: itemsCode(from, count) } });
	if (signingHub) {
		nodes.push(code('SigningHub items', first, 0), {
			id: `${id}-sh`,
			name: SH_NODE,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [700, 0],
			credentials: { signingHubApi: { id: 'bench', name: 'SigningHub bench' } },
			parameters: { resource: 'workflow', operation: 'complete', packageId: '={{ $json.id }}', options: { parallelRequests: PARALLEL } },
		});
		connections.Start.main[0].push({ node: 'SigningHub items', type: 'main', index: 0 });
		connections['SigningHub items'] = { main: [[{ node: SH_NODE, type: 'main', index: 0 }]] };
	}
	if (httpRequest) {
		nodes.push(
			{
				id: `${id}-token`,
				name: 'Get token',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [200, 300],
				parameters: {
					method: 'POST',
					url: `${url}/authenticate`,
					sendBody: true,
					contentType: 'form-urlencoded',
					bodyParameters: {
						parameters: [
							{ name: 'grant_type', value: 'password' },
							{ name: 'client_id', value: 'client-bench-http' },
							{ name: 'client_secret', value: CLIENT_SECRET },
							{ name: 'username', value: 'owner@example.com' },
							{ name: 'password', value: 'owner-pass-7c1e' },
						],
					},
					options: {},
				},
			},
			code('HTTP items', first + count, 300),
			{
				id: `${id}-http`,
				name: HTTP_NODE,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [700, 300],
				parameters: {
					method: 'POST',
					url: `=${url}/v3/packages/{{ $json.id }}/complete`,
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'Authorization', value: "=Bearer {{ $('Get token').first().json.access_token }}" }] },
					options: {},
				},
			},
		);
		connections.Start.main[0].push({ node: 'Get token', type: 'main', index: 0 });
		connections['Get token'] = { main: [[{ node: 'HTTP items', type: 'main', index: 0 }]] };
		connections['HTTP items'] = { main: [[{ node: HTTP_NODE, type: 'main', index: 0 }]] };
	}
	return { id, name: id, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** The bare client of plain-client.js, median of RUNS runs, N = count at LATENCY_MS. */
async function plainClientMs(simulator, url, count, first) {
	const { access_token: token } = await fetch(`${url}/authenticate`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'password', client_id: 'client-bench-http', client_secret: CLIENT_SECRET, username: 'owner@example.com', password: 'owner-pass-7c1e' }),
	}).then((response) => response.json());
	simulator.scenario.latencyMs = LATENCY_MS;
	const times = [];
	for (let run = 0; run < RUNS; run++) {
		const args = [require.resolve('./plain-client'), url, token, String(first + run * count), String(count), String(PARALLEL)];
		// Async spawn: the simulator answering it lives in this process.
		times.push(await new Promise((resolve, reject) => {
			const child = execFile(process.execPath, args, (error, stdout) => (error ? reject(error) : resolve(Number(stdout.trim()))));
			child.on('error', reject);
		}));
	}
	return median(times);
}

/** Executes while sampling the n8n process's peak resident memory (VmHWM). */
async function executeMeasured(n8n, id) {
	let peakKb = 0;
	const timer = setInterval(() => {
		for (const pid of n8n.runningPids()) {
			try {
				const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/);
				if (match) peakKb = Math.max(peakKb, Number(match[1]));
			} catch {
				// the process has just exited
			}
		}
	}, 20);
	const run = await n8n.execute(id);
	clearInterval(timer);
	if (run.code !== 0 || !run.execution) throw new Error(`n8n failed (${run.code}):\n${run.output.slice(-2000)}`);
	return { run, peakMb: peakKb / 1024 };
}

function nodeStats(execution, name) {
	const [task] = execution.data.resultData.runData[name];
	const items = nodeOutput(execution, name);
	const failed = items.filter((item) => item.json.error).length;
	return { ms: task.executionTime, items: items.length, failed };
}

async function main() {
	const simulator = new SigningHubSimulator({ packageRange: { from: 1, to: 10_000_000, owner: 'owner@example.com' } });
	const url = await simulator.start();
	const credential = loginCredential('bench', url);
	const n8n = await N8nSandbox.create(VERSION);
	simulator.reset({
		packageRange: { from: 1, to: 10_000_000, owner: 'owner@example.com' },
		clients: [{ id: credential.data.clientId, secret: CLIENT_SECRET }, { id: 'client-bench-http', secret: CLIENT_SECRET }],
	});
	console.log(`n8n ${VERSION} on Node ${n8nNodeVersion(VERSION)}, ${os.cpus().length} cores (${os.cpus()[0].model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; Parallel Requests ${PARALLEL}`);
	await n8n.importCredentials([credential]);

	const scenarios = [
		...SIZES.map((count) => ({ count, latency: LATENCY_MS })),
		{ count: Math.max(...SIZES), latency: 0 },
	];
	let first = 1_000_000;
	const nextRange = (count) => {
		const from = first;
		first += count;
		return from;
	};
	// Each run completes its own packages: completing one twice would be an error, not a benchmark.
	const workflows = scenarios.flatMap((scenario, index) =>
		Array.from({ length: RUNS }, (_, run) => ({
			...scenario,
			id: `bench${index}r${run}`,
			workflow: benchWorkflow(`bench${index}r${run}`, url, { first: nextRange(2 * scenario.count), count: scenario.count }),
		})),
	);
	const biggest = Math.max(...SIZES);
	const alone = [
		{ id: 'aloneSh', workflow: benchWorkflow('aloneSh', url, { first: nextRange(2 * biggest), count: biggest, httpRequest: false }) },
		{ id: 'aloneHttp', workflow: benchWorkflow('aloneHttp', url, { first: nextRange(2 * biggest), count: biggest, signingHub: false }) },
	];
	await n8n.importWorkflows([...workflows, ...alone].map((w) => w.workflow));

	const rows = [];
	for (const scenario of scenarios) {
		simulator.scenario.latencyMs = scenario.latency;
		const measured = [];
		for (const { id } of workflows.filter((w) => w.count === scenario.count && w.latency === scenario.latency)) {
			const logStart = simulator.log.length;
			const { run } = await executeMeasured(n8n, id);
			const log = simulator.log.slice(logStart);
			measured.push({
				sh: nodeStats(run.execution, SH_NODE),
				http: nodeStats(run.execution, HTTP_NODE),
				shLogins: log.filter((e) => e.path === '/authenticate' && e.clientId === credential.data.clientId).length,
				httpLogins: log.filter((e) => e.path === '/authenticate' && e.clientId === 'client-bench-http').length,
			});
		}
		rows.push({
			N: scenario.count,
			latency: scenario.latency,
			sh: { ms: median(measured.map((m) => m.sh.ms)), failed: Math.max(...measured.map((m) => m.sh.failed)) },
			http: { ms: median(measured.map((m) => m.http.ms)), failed: Math.max(...measured.map((m) => m.http.failed)) },
			bound: Math.ceil(scenario.count / PARALLEL) * scenario.latency,
			shLogins: measured.map((m) => m.shLogins).join('/'),
			httpLogins: measured.map((m) => m.httpLogins).join('/'),
		});
	}
	const plainFloor = await plainClientMs(simulator, url, biggest, nextRange(RUNS * biggest));
	simulator.scenario.latencyMs = LATENCY_MS;
	const memory = {};
	for (const { id } of alone) memory[id] = (await executeMeasured(n8n, id)).peakMb;

	const fixed = rows.find((row) => row.latency === 0);
	const ownMsPerItem = fixed.sh.ms / fixed.N;
	console.log(`\nMedian of ${RUNS} runs; token requests listed per run.`);
	console.log('\n| N | latency | SigningHub node | HTTP Request node | HTTP / SigningHub | latency bound | max(bound, N x own) | SigningHub / that | token requests (SH, HTTP) | failed items (SH, HTTP) |');
	console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	for (const row of rows) {
		const floor = Math.max(row.bound, row.N * ownMsPerItem);
		console.log(
			`| ${row.N} | ${row.latency} ms | ${row.sh.ms} ms | ${row.http.ms} ms | ${(row.http.ms / row.sh.ms).toFixed(2)}x | ${row.bound} ms | ${Math.round(floor)} ms | ${(row.sh.ms / floor).toFixed(2)}x | ${row.shLogins}, ${row.httpLogins} | ${row.sh.failed}, ${row.http.failed} |`,
		);
	}
	console.log(`\nWith no added latency: SigningHub node ${Math.round((fixed.N / fixed.sh.ms) * 1000)} items/s, HTTP Request node ${Math.round((fixed.N / fixed.http.ms) * 1000)} items/s (${(fixed.http.ms / fixed.sh.ms).toFixed(2)}x); own cost ${ownMsPerItem.toFixed(2)} ms an item.`);
	const plainRatio = (rows.find((row) => row.N === biggest && row.latency === LATENCY_MS).sh.ms / plainFloor).toFixed(2);
	console.log(`A bare Node HTTP client (test/bench/plain-client.js), same N = ${biggest}, ${LATENCY_MS} ms, ${PARALLEL} at once: ${plainFloor} ms (the SigningHub node takes ${plainRatio}x that).`);
	console.log(`Peak memory of n8n running each node alone (N = ${biggest}, ${LATENCY_MS} ms): SigningHub node ${memory.aloneSh.toFixed(0)} MB, HTTP Request node ${memory.aloneHttp.toFixed(0)} MB.`);

	const chartRows = rows.map((row) => [`N=${row.N}, ${row.latency} ms`, row.sh.ms, row.http.ms]);
	const scale = Math.max(...chartRows.flatMap(([, a, b]) => [a, b])) / 50;
	console.log('\n```');
	for (const [label, sh, http] of chartRows) {
		console.log(`${label.padEnd(16)} SigningHub   ${'#'.repeat(Math.max(1, Math.round(sh / scale)))} ${sh} ms`);
		console.log(`${''.padEnd(16)} HTTP Request ${'#'.repeat(Math.max(1, Math.round(http / scale)))} ${http} ms`);
	}
	console.log('```');
	n8n.cleanup();
	await simulator.stop();
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exit(1);
});
