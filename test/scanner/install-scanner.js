#!/usr/bin/env node
// Installs n8n's community-package scanner (pinned in package.json and package-lock.json beside
// this file) into the test cache, keyed on those two files, so later runs reuse it. Its peer
// dependencies conflict with this package's devDependencies (it wants TypeScript 7, whose
// parser support breaks its own ESLint setup), hence its own folder and --legacy-peer-deps.
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const { cacheRoot, cleanEnv } = require('../e2e/install-n8n');

const FILES = ['package.json', 'package-lock.json'];

function installScanner() {
	const hash = createHash('sha256');
	for (const file of FILES) hash.update(readFileSync(join(__dirname, file)));
	const dir = join(cacheRoot, `scan-community-package-${hash.digest('hex').slice(0, 12)}`);
	if (!existsSync(join(dir, '.complete'))) {
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		for (const file of FILES) copyFileSync(join(__dirname, file), join(dir, file));
		process.stderr.write(`Installing @n8n/scan-community-package into ${dir} (once)\n`);
		execFileSync('npm', ['ci', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: dir,
			env: cleanEnv(),
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		writeFileSync(join(dir, '.complete'), '');
	}
	return { dir, scanner: join(dir, 'node_modules/@n8n/scan-community-package/scanner/scanner.mjs') };
}

module.exports = { installScanner };

if (require.main === module) console.log(JSON.stringify(installScanner()));
