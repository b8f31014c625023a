// Runs the packed package inside a real, pinned n8n through its CLI, the way a user's n8n
// loads it after an install from the Community Nodes screen.
const { execFileSync, spawn } = require('node:child_process');
const { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const { whenInstalled } = require('./install-n8n');
const { freePort, removeDir, sleep, startProcess, tempDir, waitFor, which } = require('./services');

const repoRoot = resolve(__dirname, '../..');
const PACKAGE_NAME = 'n8n-nodes-signinghub';
const NODE_TYPE = `${PACKAGE_NAME}.signingHub`;
/**
 * n8n answers every route with 503 "Database is not ready!" while its database connection is
 * down: at start-up, and whenever a database ping times out (on a loaded machine, a few seconds
 * at a time). A REST call that meets it waits this long for the database to come back.
 */
const DATABASE_NOT_READY = /Database is not ready/;
const DATABASE_PATIENCE_MS = 120_000;
/** The owner account startServer() sets up (a throwaway sandbox login). */
const OWNER = { email: 'owner@n8n.test', firstName: 'Test', lastName: 'Owner', password: 'Owner-pass-9x' };

let packed;
/** `npm pack` of the built package (dist/ must be built), once per process. */
function packTarball() {
	if (!packed) {
		const dir = mkdtempSync(join(tmpdir(), 'signinghub-pack-'));
		execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
		packed = join(dir, readdirSync(dir).find((name) => name.endsWith('.tgz')));
	}
	return packed;
}

class N8nSandbox {
	/** A fresh n8n user folder with the package installed, for one pinned n8n version. */
	static async create(version = process.env.N8N_TEST_VERSION || '2.8.4') {
		const install = await whenInstalled(version);
		const userFolder = tempDir(`signinghub-n8n-${version}-`);
		const packageDir = join(userFolder, '.n8n/nodes/node_modules', PACKAGE_NAME);
		mkdirSync(packageDir, { recursive: true });
		execFileSync('tar', ['xzf', packTarball(), '-C', packageDir, '--strip-components=1']);
		return new N8nSandbox(install, userFolder, await freePort());
	}

	constructor(install, userFolder, brokerPort) {
		this.install = install;
		this.version = install.version;
		this.userFolder = userFolder;
		this.brokerPort = brokerPort;
		this.children = new Set();
		/** Added to the environment of every n8n command of this sandbox (see `useEnv`). */
		this.sharedEnv = {};
	}

	/** Environment every later command of this sandbox gets, e.g. queue mode's database and Redis. */
	useEnv(extra) {
		Object.assign(this.sharedEnv, extra);
	}

	/** Process IDs of the n8n CLI commands running now (for memory sampling). */
	runningPids() {
		return [...this.children].map((child) => child.pid);
	}

	env(extra = {}) {
		const env = {
			PATH: `${this.install.nodeBin}:${process.env.PATH}`,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'signinghub-e2e-encryption-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_FORMAT: 'json',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_SECURE_COOKIE: 'false',
			...this.sharedEnv,
			...extra,
		};
		return env;
	}

	/** Runs an n8n CLI command; resolves with its exit code and output, never rejects on exit codes. */
	cli(args, extraEnv) {
		return new Promise((resolveRun, reject) => {
			const child = spawn(join(this.install.nodeBin, 'node'), [this.install.n8nBin, ...args], {
				cwd: this.userFolder,
				env: this.env(extraEnv),
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			this.children.add(child);
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk) => (stdout += chunk));
			child.stderr.on('data', (chunk) => (stderr += chunk));
			child.on('error', reject);
			child.on('close', (code) => {
				this.children.delete(child);
				resolveRun({ code, stdout, stderr });
			});
		});
	}

	async importJson(kind, list) {
		const file = join(this.userFolder, `${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
		writeFileSync(file, JSON.stringify(list));
		const result = await this.cli([`import:${kind}`, `--input=${file}`]);
		rmSync(file);
		if (result.code !== 0) throw new Error(`n8n import:${kind} failed (${result.code}): ${result.stdout}${result.stderr}`);
	}

	async importCredentials(credentials) {
		await this.importJson('credentials', credentials);
	}

	async importWorkflows(workflows) {
		await this.importJson('workflow', workflows);
	}

	/** Activates an imported workflow for the next `n8n start` (n8n 2.x publishes it). */
	async activate(workflowId) {
		const result = await this.cli(['publish:workflow', `--id=${workflowId}`]);
		if (result.code !== 0) throw new Error(`n8n publish:workflow failed (${result.code}): ${result.stdout}${result.stderr}`);
	}

	/**
	 * Executes a workflow and returns the exit code, the whole output (for secret scans) and
	 * the execution n8n printed: the last log line whose message is a JSON document.
	 * `extraEnv` adds to n8n's environment, e.g. NODE_OPTIONS for a CPU profile.
	 */
	async execute(workflowId, extraEnv) {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], extraEnv);
		const output = `${result.stdout}\n${result.stderr}`;
		let execution;
		for (const line of output.split('\n')) {
			if (!line.startsWith('{')) continue;
			try {
				const message = JSON.parse(line).message;
				if (typeof message === 'string' && message.trimStart().startsWith('{')) execution = JSON.parse(message);
			} catch {
				// a log line that is not JSON, or whose message is plain text
			}
		}
		return { code: result.code, output, execution };
	}

	/**
	 * Starts a long-running n8n command (`start`, `worker`) in its own process group, with the
	 * sandbox's environment plus `extraEnv`: see `startProcess` in services.js.
	 */
	spawn(name, args, extraEnv, options = {}) {
		const { prefix = [], ...rest } = options;
		const node = join(this.install.nodeBin, 'node');
		const [command, commandArgs] = prefix.length ? [prefix[0], [...prefix.slice(1), node, this.install.n8nBin, ...args]] : [node, [this.install.n8nBin, ...args]];
		return startProcess(name, command, commandArgs, { cwd: this.userFolder, env: this.env(extraEnv), ...rest });
	}

	/**
	 * Starts `n8n start` on a free loopback port and signs in as the owner, for what only the
	 * editor's REST API offers (the credential Test button). Returns a small REST client.
	 * `extraEnv` adds to (or overrides) the environment, e.g. for queue mode.
	 */
	async startServer(extraEnv = {}) {
		const port = await freePort();
		const server = this.spawn('n8n-main', ['start'], {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...extraEnv,
		});
		const base = `http://127.0.0.1:${port}`;
		let cookie = '';
		/** A REST call as the owner; its answer's `data`, or with `whole` the whole JSON (a static file such as /types/nodes.json). */
		const request = async (method, path, body, { whole = false } = {}) => {
			const deadline = Date.now() + DATABASE_PATIENCE_MS;
			for (;;) {
				const response = await fetch(`${base}${path}`, {
					method,
					headers: { 'content-type': 'application/json', 'browser-id': 'signinghub-e2e', cookie },
					body: body === undefined ? undefined : JSON.stringify(body),
				});
				const setCookie = response.headers.get('set-cookie');
				if (setCookie) cookie = setCookie.split(';')[0];
				const text = await response.text();
				// n8n answered before the route ran: the call did nothing, and is made again.
				if (response.status === 503 && DATABASE_NOT_READY.test(text) && Date.now() < deadline) {
					await sleep(250);
					continue;
				}
				if (!response.ok) throw Object.assign(new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`), { status: response.status });
				return whole ? JSON.parse(text) : JSON.parse(text).data;
			}
		};
		await waitFor(
			async () => {
				if (!server.running()) throw new Error(`n8n start ended before it was ready\n${server.output().slice(-3000)}`);
				return (await fetch(`${base}/healthz/readiness`).catch(() => undefined))?.ok;
			},
			'n8n ready (/healthz/readiness)',
			180_000,
			{ describe: () => server.output().slice(-3000) },
		).catch(async (error) => {
			await server.stop();
			throw error;
		});
		// n8n 2.8 says it is ready a moment before its REST routes exist (404 until then). A folder
		// whose owner is set up already (n8n started again) signs in instead.
		const signIn = () =>
			request('POST', '/rest/owner/setup', OWNER).catch(async (error) =>
				error.status === 400 && /already/i.test(error.message) ? await request('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password }) : Promise.reject(error),
			);
		await waitFor(
			() =>
				signIn().then(
					() => true,
					(error) => (error.status === 404 && server.running() ? false : Promise.reject(error)),
				),
			"n8n's REST routes",
			180_000,
		).catch(async (error) => {
			await server.stop();
			throw new Error(`n8n started but its owner could not sign in: ${error.message}\n${server.output().slice(-3000)}`);
		});
		return {
			name: 'n8n-main',
			url: base,
			port,
			request,
			output: server.output,
			stop: server.stop,
		};
	}

	/**
	 * Starts an `n8n worker` (queue mode: `useEnv(queueModeEnv(...))` first) and waits until it is
	 * ready. Each has its own task-runner broker and health port, and its own hostname (when the
	 * machine allows a UTS namespace) so that n8n tells workers apart.
	 */
	async startWorker(name) {
		const healthPort = await freePort();
		const ownHostname = process.getuid() === 0 && which('unshare');
		const worker = this.spawn(
			name,
			['worker'],
			{ N8N_RUNNERS_BROKER_PORT: String(await freePort()), QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' },
			ownHostname ? { prefix: ['unshare', '-u', 'sh', '-c', `hostname ${name} && exec "$@"`, 'sh'] } : {},
		);
		Object.assign(worker, { healthPort });
		return worker;
	}

	/** Waits until a worker from `startWorker` answers its readiness check. */
	static async workerReady(worker) {
		await waitFor(
			async () => worker.running() && (await fetch(`http://127.0.0.1:${worker.healthPort}/healthz/readiness`).catch(() => undefined))?.ok,
			`${worker.name} ready`,
			180_000,
			{ describe: () => worker.output().slice(-3000) },
		);
	}

	cleanup() {
		removeDir(this.userFolder);
	}
}

/** The items a node put on one of its outputs (0: main, 1: error output). */
function nodeOutput(execution, nodeName, output = 0) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	return (runs[0].data?.main?.[output] ?? []).map((item) => item);
}

/** How a workflow run ended: its exit code, how many nodes ran, and the first errors n8n logged when it failed. */
function runSummary(run) {
	const failure = run.code === 0 ? '' : run.output.split('\n').filter((line) => /"level":"error"/.test(line)).slice(0, 2).join('\n').slice(0, 3000);
	return { code: run.code, nodes: Object.keys(run.execution?.data?.resultData?.runData ?? {}).length, failure };
}

/** The requests the simulator answered with `method` on `path`, logins' 401s left out. */
function requestsSent(simulator, method, path) {
	return simulator.log.filter((entry) => entry.method === method && entry.path === path && entry.status !== 401);
}

module.exports = { N8nSandbox, nodeOutput, packTarball, runSummary, requestsSent, waitFor, NODE_TYPE, OWNER, PACKAGE_NAME };
