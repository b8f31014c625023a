#!/usr/bin/env node
// `npm run bench`: the SigningHub node (Workflow > Complete) against n8n's HTTP Request node
// making the same complete calls, side by side in one real n8n execution, against the
// simulator with an added latency. Two HTTP Request anchors run in each execution:
//   - fast: a static `Authorization: Bearer <token>` header (a token fetched before the run)
//     and the package ID in the URL, the fastest way to call SigningHub from n8n;
//   - expression: the token read from an earlier node by expression,
//     `$('Get token').first().json.access_token`, as many workflows do.
// n8n runs the upper branch first (and the later ones find it warmer): the order of the
// branches is reversed every other run. Each branch completes its own packages. Reports the
// median of each node's execution time (from the run data), ratios, the latency bound, the
// peak memory of n8n running each node alone and, with BENCH_CPU_PROF=1, where the time of the
// 50 ms run goes (a CPU profile of n8n, summarised by test/bench/profile.js).
// Not a test: numbers from a shared machine; compare within one run.
//   BENCH_N (1000), BENCH_RUNS (4), BENCH_LATENCY_MS (50), BENCH_PARALLEL (50,200: the first is
//   also used with no latency), BENCH_CPU_PROF (unset), N8N_VERSION (2.40.7)
const { execFile, execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, readdirSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

const { SigningHubSimulator } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput, NODE_TYPE } = require('../e2e/n8n');
const { CLIENT_SECRET, loginCredential } = require('../e2e/workflows');
const { summariseProfile } = require('./profile');

const VERSION = process.env.N8N_VERSION || '2.40.7';
const N = Number(process.env.BENCH_N || 1000);
const RUNS = Number(process.env.BENCH_RUNS || 4);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS || 50);
const PARALLEL = (process.env.BENCH_PARALLEL || '50,200').split(',').map(Number);
const CPU_PROF = process.env.BENCH_CPU_PROF === '1';

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
};

const SH_NODE = 'SigningHub node';
const FAST_NODE = 'HTTP Request, static header';
const EXPR_NODE = 'HTTP Request, token by expression';
const HTTP_CLIENT = 'client-bench-http';
const OWNER = { username: 'owner@example.com', password: 'owner-pass-7c1e' };

function n8nNodeVersion(version) {
	const { installN8n } = require('../e2e/install-n8n');
	return execFileSync(`${installN8n(version).nodeBin}/node`, ['--version']).toString().trim();
}

function itemsCode(first, count) {
	return `return Array.from({ length: ${count} }, (_, i) => ({ json: { id: ${first} + i } }));`;
}

/**
 * Start -> one branch per node, top to bottom in `order` (n8n runs the upper branch first):
 *   sh:   items -> SigningHub node
 *   fast: items -> HTTP Request with a static bearer header
 *   expr: Get token -> items -> HTTP Request reading the token by expression
 * Each branch gets its own package IDs from `first`.
 */
function benchWorkflow(id, url, { first, count, parallel, token, order }) {
	const nodes = [{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections = { Start: { main: [[]] } };
	const chain = (names) => {
		connections.Start.main[0].push({ node: names[0], type: 'main', index: 0 });
		for (let i = 0; i + 1 < names.length; i++) connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	};
	const code = (name, from, y) => ({ id: `${id}-${name}`, name, type: 'n8n-nodes-base.code', typeVersion: 2, position: [400, y], parameters: { jsCode: itemsCode(from, count) } });
	const complete = (name, y, authorization) => ({
		id: `${id}-${name}`,
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [700, y],
		parameters: {
			method: 'POST',
			url: `=${url}/v3/packages/{{ $json.id }}/complete`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: authorization }] },
			options: {},
		},
	});
	order.forEach((branch, index) => {
		const y = index * 300;
		const from = first + index * count;
		if (branch === 'sh') {
			nodes.push(code('SigningHub items', from, y), {
				id: `${id}-sh`,
				name: SH_NODE,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [700, y],
				credentials: { signingHubApi: { id: 'bench', name: 'SigningHub bench' } },
				parameters: { resource: 'workflow', operation: 'complete', packageId: '={{ $json.id }}', options: { parallelRequests: parallel } },
			});
			chain(['SigningHub items', SH_NODE]);
		} else if (branch === 'fast') {
			nodes.push(code('Fast items', from, y), complete(FAST_NODE, y, `Bearer ${token}`));
			chain(['Fast items', FAST_NODE]);
		} else {
			nodes.push(
				{
					id: `${id}-token`,
					name: 'Get token',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [200, y],
					parameters: {
						method: 'POST',
						url: `${url}/authenticate`,
						sendBody: true,
						contentType: 'form-urlencoded',
						bodyParameters: {
							parameters: [
								{ name: 'grant_type', value: 'password' },
								{ name: 'client_id', value: HTTP_CLIENT },
								{ name: 'client_secret', value: CLIENT_SECRET },
								{ name: 'username', value: OWNER.username },
								{ name: 'password', value: OWNER.password },
							],
						},
						options: {},
					},
				},
				code('Expression items', from, y),
				complete(EXPR_NODE, y, "=Bearer {{ $('Get token').first().json.access_token }}"),
			);
			chain(['Get token', 'Expression items', EXPR_NODE]);
		}
	});
	return { id, name: id, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

async function fetchToken(url) {
	const answer = await fetch(`${url}/authenticate`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'password', client_id: HTTP_CLIENT, client_secret: CLIENT_SECRET, ...OWNER }),
	});
	return (await answer.json()).access_token;
}

/** The bare client of plain-client.js, median of RUNS runs, N items at LATENCY_MS. */
async function plainClientMs(simulator, url, token, first, parallel) {
	simulator.scenario.latencyMs = LATENCY_MS;
	const times = [];
	for (let run = 0; run < RUNS; run++) {
		const args = [require.resolve('./plain-client'), url, token, String(first + run * N), String(N), String(parallel)];
		// Async spawn: the simulator answering it lives in this process.
		times.push(await new Promise((resolve, reject) => {
			const child = execFile(process.execPath, args, (error, stdout) => (error ? reject(error) : resolve(Number(stdout.trim()))));
			child.on('error', reject);
		}));
	}
	return median(times);
}

/**
 * The same calls through n8n's request function (what helpers.httpRequest runs), from a bare
 * script with no workflow engine (helper-client.js): the floor for any node inside n8n's
 * request helpers. Median of RUNS runs, N items, `parallel` at a time.
 */
async function helperClientMs(n8n, simulator, url, token, first, latency, parallel) {
	simulator.scenario.latencyMs = latency;
	const times = [];
	for (let run = 0; run < RUNS; run++) {
		const args = [require.resolve('./helper-client'), n8n.install.dir, url, token, String(first + run * (N + 1)), String(N), String(parallel)];
		times.push(await new Promise((resolve, reject) => {
			const child = execFile(join(n8n.install.nodeBin, 'node'), args, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(Number(stdout.trim()))));
			child.on('error', reject);
		}));
	}
	return median(times);
}

/** Executes while sampling the n8n process's peak resident memory (VmHWM). */
async function executeMeasured(n8n, id, extraEnv) {
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
	const run = await n8n.execute(id, extraEnv);
	clearInterval(timer);
	if (run.code !== 0 || !run.execution) throw new Error(`n8n failed (${run.code}):\n${run.output.slice(-2000)}`);
	return { run, peakMb: peakKb / 1024 };
}

function nodeStats(execution, name) {
	const [task] = execution.data.resultData.runData[name];
	const items = nodeOutput(execution, name);
	const failed = items.filter((item) => item.json.error).length;
	return { ms: task.executionTime, items: items.length, failed, startTime: task.startTime };
}

const ORDERS = [
	['sh', 'fast', 'expr'],
	['expr', 'fast', 'sh'],
];

async function main() {
	const range = { from: 1, to: 100_000_000, owner: OWNER.username };
	const simulator = new SigningHubSimulator({ packageRange: range });
	const url = await simulator.start();
	const credential = loginCredential('bench', url);
	const n8n = await N8nSandbox.create(VERSION);
	simulator.reset({
		packageRange: range,
		clients: [{ id: credential.data.clientId, secret: CLIENT_SECRET }, { id: HTTP_CLIENT, secret: CLIENT_SECRET }],
	});
	const [load1] = os.loadavg();
	console.log(
		`n8n ${VERSION} on Node ${n8nNodeVersion(VERSION)}, ${os.cpus().length} cores (${os.cpus()[0].model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB; load average at start ${load1.toFixed(2)}`,
	);
	await n8n.importCredentials([credential]);
	const token = await fetchToken(url);

	const scenarios = [{ latency: 0, parallel: PARALLEL[0] }, ...PARALLEL.map((parallel) => ({ latency: LATENCY_MS, parallel }))];
	let first = 1_000_000;
	const nextRange = (count) => {
		const from = first;
		first += count;
		return from;
	};
	// Each run completes its own packages: completing one twice would be an error, not a benchmark.
	const workflows = scenarios.flatMap((scenario, index) =>
		Array.from({ length: RUNS }, (_, run) => ({
			scenario,
			run,
			id: `bench${index}r${run}`,
			workflow: benchWorkflow(`bench${index}r${run}`, url, { first: nextRange(3 * N), count: N, parallel: scenario.parallel, token, order: ORDERS[run % 2] }),
		})),
	);
	const top = Math.max(...PARALLEL);
	const alone = [
		{ id: 'aloneSh50', label: `SigningHub node, Parallel Requests ${PARALLEL[0]}`, order: ['sh'], parallel: PARALLEL[0] },
		{ id: 'aloneSh', label: `SigningHub node, Parallel Requests ${top}`, order: ['sh'], parallel: top },
		{ id: 'aloneFast', label: 'HTTP Request, static header', order: ['fast'], parallel: top },
	].flatMap((entry) =>
		Array.from({ length: 2 }, (_, run) => ({
			...entry,
			run,
			workflowId: `${entry.id}r${run}`,
			workflow: benchWorkflow(`${entry.id}r${run}`, url, { first: nextRange(N), count: N, parallel: entry.parallel, token, order: entry.order }),
		})),
	);
	const profiled = CPU_PROF
		? ['sh', 'fast'].map((branch) => ({
				branch,
				id: `profile-${branch}`,
				workflow: benchWorkflow(`profile-${branch}`, url, { first: nextRange(N), count: N, parallel: PARALLEL[0], token, order: [branch] }),
			}))
		: [];
	await n8n.importWorkflows([...workflows, ...alone, ...profiled].map((w) => w.workflow));

	const rows = [];
	for (const scenario of scenarios) {
		simulator.scenario.latencyMs = scenario.latency;
		const measured = [];
		for (const { id } of workflows.filter((w) => w.scenario === scenario)) {
			const logStart = simulator.log.length;
			const { run } = await executeMeasured(n8n, id);
			const log = simulator.log.slice(logStart);
			const completes = (clientId) => log.filter((e) => e.path.endsWith('/complete') && e.clientId === clientId).length;
			measured.push({
				sh: nodeStats(run.execution, SH_NODE),
				fast: nodeStats(run.execution, FAST_NODE),
				expr: nodeStats(run.execution, EXPR_NODE),
				shLogins: log.filter((e) => e.path === '/authenticate' && e.clientId === credential.data.clientId).length,
				shCompletes: completes(credential.data.clientId),
				httpCompletes: completes(HTTP_CLIENT),
			});
		}
		const stat = (key) => ({ ms: median(measured.map((m) => m[key].ms)), failed: Math.max(...measured.map((m) => m[key].failed)), runs: measured.map((m) => m[key].ms) });
		rows.push({
			...scenario,
			sh: stat('sh'),
			fast: stat('fast'),
			expr: stat('expr'),
			bound: Math.ceil(N / scenario.parallel) * scenario.latency,
			shLogins: measured.map((m) => m.shLogins).join('/'),
			completes: measured.map((m) => `${m.shCompletes}+${m.httpCompletes}`).join(', '),
		});
		console.log(`  done: ${scenario.latency} ms, Parallel Requests ${scenario.parallel}: SigningHub ${rows.at(-1).sh.runs.join('/')} ms, fast ${rows.at(-1).fast.runs.join('/')} ms, expression ${rows.at(-1).expr.runs.join('/')} ms; completes (SH+HTTP) ${rows.at(-1).completes}`);
	}
	const plainFloor = await plainClientMs(simulator, url, token, nextRange(RUNS * N), PARALLEL[0]);
	const plainTop = await plainClientMs(simulator, url, token, nextRange(RUNS * N), top);
	const helper = [];
	for (const scenario of scenarios) {
		helper.push({ ...scenario, ms: await helperClientMs(n8n, simulator, url, token, nextRange(RUNS * (N + 1)), scenario.latency, scenario.parallel) });
	}

	simulator.scenario.latencyMs = LATENCY_MS;
	const memory = {};
	for (const entry of alone) {
		const { peakMb } = await executeMeasured(n8n, entry.workflowId);
		(memory[entry.label] ??= []).push(peakMb);
	}

	const [load1End] = os.loadavg();
	console.log(`\nN = ${N}; median of ${RUNS} runs, branch order reversed every other run; load average at end ${load1End.toFixed(2)}.`);
	console.log('\n| latency | Parallel Requests | SigningHub node | HTTP Request, static header | HTTP Request, token by expression | fast / SigningHub | latency bound | SigningHub / bound | failed items (SH, fast, expr) |');
	console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
	for (const row of rows) {
		const vsBound = row.bound ? `${(row.sh.ms / row.bound).toFixed(2)}x` : '-';
		console.log(
			`| ${row.latency} ms | ${row.parallel} | ${row.sh.ms} ms | ${row.fast.ms} ms | ${row.expr.ms} ms | ${(row.fast.ms / row.sh.ms).toFixed(2)}x | ${row.bound} ms | ${vsBound} | ${row.sh.failed}, ${row.fast.failed}, ${row.expr.failed} |`,
		);
	}
	const fixed = rows[0];
	const perSecond = (ms) => Math.round((N / ms) * 1000);
	console.log(
		`\nWith no added latency: SigningHub node ${perSecond(fixed.sh.ms)} items/s, HTTP Request with a static header ${perSecond(fixed.fast.ms)} items/s (${(fixed.fast.ms / fixed.sh.ms).toFixed(2)}x), by expression ${perSecond(fixed.expr.ms)} items/s.`,
	);
	const best = rows.filter((row) => row.latency === LATENCY_MS).reduce((a, b) => (b.sh.ms < a.sh.ms ? b : a));
	console.log(`At ${LATENCY_MS} ms: the SigningHub node's best is ${best.sh.ms} ms at Parallel Requests ${best.parallel}; the static-header HTTP Request node (all items at once) takes ${best.fast.ms} ms in the same runs (${(best.fast.ms / best.sh.ms).toFixed(2)}x).`);
	console.log(`A bare Node HTTP client (test/bench/plain-client.js), N = ${N}, ${LATENCY_MS} ms: ${plainFloor} ms with ${PARALLEL[0]} at once, ${plainTop} ms with ${top} at once.`);
	console.log(`\nThe same calls through n8n's request function from a bare script (test/bench/helper-client.js: no workflow engine, no node), median of ${RUNS}:`);
	console.log('\n| latency | at once | n8n request function alone | SigningHub node | SigningHub / alone | alone / latency bound | HTTP Request, static header / alone |');
	console.log('| --- | --- | --- | --- | --- | --- | --- |');
	helper.forEach((entry, index) => {
		const row = rows[index];
		const vsBound = row.bound ? `${(entry.ms / row.bound).toFixed(2)}x` : '-';
		console.log(`| ${entry.latency} ms | ${entry.parallel} | ${entry.ms} ms | ${row.sh.ms} ms | ${(row.sh.ms / entry.ms).toFixed(2)}x | ${vsBound} | ${(row.fast.ms / entry.ms).toFixed(2)}x |`);
	});
	console.log(`\nSigningHub logins per run: ${rows.map((row) => row.shLogins).join(', ')}.`);
	console.log(
		`Peak memory of n8n running each node alone (N = ${N}, ${LATENCY_MS} ms, max of 2 runs): ${Object.entries(memory)
			.map(([label, values]) => `${label} ${Math.max(...values).toFixed(0)} MB`)
			.join(', ')}.`,
	);

	const chartRows = rows.map((row) => [`${row.latency} ms, P ${row.parallel}`, row.sh.ms, row.fast.ms, row.expr.ms]);
	const scale = Math.max(...chartRows.flatMap(([, ...values]) => values)) / 50;
	const bar = (ms) => '#'.repeat(Math.max(1, Math.round(ms / scale)));
	console.log('\n```');
	for (const [label, sh, fast, expr] of chartRows) {
		console.log(`${label.padEnd(14)} SigningHub          ${bar(sh)} ${sh} ms`);
		console.log(`${''.padEnd(14)} HTTP, static header ${bar(fast)} ${fast} ms`);
		console.log(`${''.padEnd(14)} HTTP, expression    ${bar(expr)} ${expr} ms`);
	}
	console.log('```');

	for (const { branch, id } of profiled) {
		const dir = mkdtempSync(join(os.tmpdir(), `signinghub-prof-${branch}-`));
		const { run } = await executeMeasured(n8n, id, { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` });
		const name = branch === 'sh' ? SH_NODE : FAST_NODE;
		const stats = nodeStats(run.execution, name);
		// n8n's task runner gets NODE_OPTIONS too: the main process's profile is the biggest.
		const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
		const main = files.map((file) => join(dir, file)).sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
		const [marker, entry] = branch === 'sh' ? ['node_modules/n8n-nodes-signinghub/dist/', 'router'] : ['HttpRequestV3', 'execute'];
		console.log(`\nCPU profile of n8n running the ${name} alone, N = ${N}, ${LATENCY_MS} ms, ${branch === 'sh' ? `Parallel Requests ${PARALLEL[0]}` : 'all at once'} (${stats.ms} ms; ${main}):`);
		console.log(summariseProfile(JSON.parse(readFileSync(main, 'utf8')), { marker, entry, windowMs: stats.ms, items: N }));
	}
	n8n.cleanup();
	await simulator.stop();
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error.stack || error.message);
		process.exit(1);
	});
}

module.exports = { executeMeasured, fetchToken, median, n8nNodeVersion, nodeStats, HTTP_CLIENT, OWNER };
