// Long-running processes for the end-to-end tests: started in their own process group, stopped
// with the whole group at the end, and killed by a reaper process when the test process ends any
// other way (a failed, interrupted or killed run must leave nothing behind). Also Redis and
// Postgres on loopback, for n8n's queue mode.
const { execFileSync, spawn } = require('node:child_process');
const { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { connect, createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolvePort(port));
		});
	});
}

/**
 * The reaper (reaper.js): a detached process that kills the groups listed to it once this
 * process is gone, however it ended. Inside jest, `process.on('exit')` and signal handlers do not
 * reach the real process, so cleanup after a crash or an interrupt cannot live here.
 */
let reaper;
function tellReaper(line) {
	if (!reaper) {
		reaper = spawn(process.execPath, [join(__dirname, 'reaper.js')], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
		reaper.on('error', () => {});
		reaper.unref();
		reaper.stdin.on('error', () => {});
		reaper.stdin.unref?.();
	}
	reaper.stdin.write(`${line}\n`);
}

/** A fresh temporary folder that the reaper removes if this process ends without removing it. */
function tempDir(prefix) {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	tellReaper(`+dir:${dir}`);
	return dir;
}

/** Removes a folder made by `tempDir`. */
function removeDir(dir) {
	rmSync(dir, { recursive: true, force: true });
	tellReaper(`-dir:${dir}`);
}

/**
 * Starts a long-running process in its own process group (its children, such as n8n's task
 * runner, go with it), keeping its output. `stop()` sends `stopSignal` to the group, waits up to
 * `graceMs`, then kills the group.
 */
function startProcess(name, command, args, { env, cwd, uid, gid, stopSignal = 'SIGTERM', graceMs = 20_000 } = {}) {
	const child = spawn(command, args, { cwd, env, uid, gid, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	tellReaper(`+${child.pid}`);
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
	child.on('error', (error) => (output += `\n[${name}] ${error.message}\n`));
	const running = () => child.exitCode === null && child.signalCode === null;
	const stop = async () => {
		if (running()) {
			try {
				process.kill(-child.pid, stopSignal);
			} catch {
				// already gone
			}
			let timer;
			const timedOut = await Promise.race([exited.then(() => false), new Promise((resolve) => (timer = setTimeout(resolve, graceMs, true)))]);
			clearTimeout(timer);
			if (timedOut) {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					// already gone
				}
				await exited;
			}
		}
		// Children that outlived the leader (the group may still hold some).
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// none left
		}
		tellReaper(`-${child.pid}`);
	};
	return { name, child, pid: child.pid, output: () => output, running, exited, stop };
}

/**
 * Polls `check` until it returns something truthy, and returns that; fails after `timeoutMs`,
 * with `describe()` (e.g. the tail of a process's output) in the message. An error thrown by
 * `check` ends the wait.
 */
async function waitFor(check, what, timeoutMs = 60_000, { describe = () => '', intervalMs = 250 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${describe() ? `\n${describe()}` : ''}`);
		await sleep(intervalMs);
	}
}

function which(command) {
	try {
		return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
	} catch {
		return undefined;
	}
}

/** Redis on loopback, without persistence (Debian's `redis-server`). */
async function startRedis() {
	const binary = which('redis-server');
	if (!binary) throw new Error('redis-server is not installed (Debian: apt-get install redis-server; .ci/run does it)');
	const port = await freePort();
	const dir = tempDir('signinghub-redis-');
	const proc = startProcess('redis', binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]);
	const ping = () =>
		new Promise((resolve) => {
			const socket = connect(port, '127.0.0.1');
			socket.setTimeout(2000);
			socket.on('connect', () => socket.write('PING\r\n'));
			socket.on('data', (data) => {
				resolve(data.toString().startsWith('+PONG'));
				socket.destroy();
			});
			socket.on('error', () => resolve(false));
			socket.on('timeout', () => {
				resolve(false);
				socket.destroy();
			});
		});
	await waitFor(async () => proc.running() && (await ping()), 'Redis answering PING', 30_000, { describe: proc.output });
	return {
		name: 'redis',
		host: '127.0.0.1',
		port,
		output: proc.output,
		stop: async () => {
			await proc.stop();
			removeDir(dir);
		},
	};
}

/** The newest Debian Postgres server binaries (`postgresql` package). */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin/postgres'))) : [];
	if (!versions.length) throw new Error('Postgres is not installed (Debian: apt-get install postgresql; .ci/run does it)');
	return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** The user Postgres runs as: the current one, or, for root (whom Postgres refuses), `postgres`. */
function postgresUser() {
	if (process.getuid() !== 0) return {};
	const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()));
	return { uid, gid };
}

/**
 * A throwaway Postgres cluster on loopback: a fresh data folder owned by an unprivileged user,
 * a password login for n8n over TCP, one empty database. `query(sql)` runs psql over the
 * cluster's own socket and returns rows of tab-separated fields.
 */
async function startPostgres({ database = 'n8n', user = 'n8n' } = {}) {
	const bin = postgresBin();
	const owner = postgresUser();
	const port = await freePort();
	const dir = tempDir('signinghub-pg-');
	const password = `pg-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
	writeFileSync(join(dir, 'pwfile'), `${password}\n`);
	if (owner.uid !== undefined) {
		chownSync(dir, owner.uid, owner.gid);
		chownSync(join(dir, 'pwfile'), owner.uid, owner.gid);
	}
	const data = join(dir, 'data');
	execFileSync(
		join(bin, 'initdb'),
		['-D', data, '-U', user, `--pwfile=${join(dir, 'pwfile')}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-sync'],
		{ ...owner, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	rmSync(join(dir, 'pwfile'));
	const proc = startProcess(
		'postgres',
		join(bin, 'postgres'),
		['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
		{ ...owner, cwd: dir, stopSignal: 'SIGINT' },
	);
	const psql = (db, sql) =>
		execFileSync(join(bin, 'psql'), ['-h', dir, '-p', String(port), '-U', user, '-d', db, '-v', 'ON_ERROR_STOP=1', '-At', '-F', '\t', '-c', sql], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	const ready = () => {
		try {
			return psql('postgres', 'select 1').trim() === '1';
		} catch {
			return false;
		}
	};
	await waitFor(() => proc.running() && ready(), 'Postgres accepting connections', 60_000, { describe: proc.output });
	psql('postgres', `CREATE DATABASE ${database}`);
	return {
		name: 'postgres',
		host: '127.0.0.1',
		port,
		database,
		user,
		password,
		query: (sql) =>
			psql(database, sql)
				.split('\n')
				.filter(Boolean)
				.map((line) => line.split('\t')),
		output: proc.output,
		stop: async () => {
			await proc.stop();
			removeDir(dir);
		},
	};
}

/** What every n8n process of one queue-mode set-up shares: the queue (Redis) and the database (Postgres). */
function queueModeEnv(redis, postgres) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// n8n's default pool of 2 connections timed out (20 s) under a burst of 100 webhook calls on a
		// machine loaded by other work, and that burst's event never reached the workflow; the
		// queue-mode docs advise a larger pool, as here.
		DB_POSTGRESDB_POOL_SIZE: '10',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
}

module.exports = { queueModeEnv, freePort, removeDir, sleep, tempDir, startPostgres, startProcess, startRedis, waitFor, which };
