// n8n's community-package scanner (@n8n/scan-community-package, pinned in test/scanner), run the
// way n8n's verification runs it: its analyzePackage on the published tarball's contents
// (compiled .js and package.json) and on the sources the tarball was built from.
const { execFileSync } = require('node:child_process');
const { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const { installScanner } = require('../scanner/install-scanner');
const { packTarball } = require('./n8n');

jest.setTimeout(10 * 60 * 1000);

const repoRoot = resolve(__dirname, '../..');
// The patterns of scanner.mjs's analyzePackageByName: the tarball leg, then the source leg.
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const SOURCE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];

// eslint-plugin-n8n-nodes-base fakes file names when NODE_ENV is "test" (its own tests), which
// jest sets: the scan runs without it, as in n8n's verification.
const scanEnv = { ...process.env };
delete scanEnv.NODE_ENV;

function scan(scanner, dir, patterns) {
	const out = execFileSync(process.execPath, [join(__dirname, '../scanner/scan.mjs'), scanner, dir, JSON.stringify(patterns)], {
		encoding: 'utf8',
		env: scanEnv,
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024,
	});
	return JSON.parse(out.trim().split('\n').pop());
}

describe("n8n's community-package scanner", () => {
	let scanner;
	let work;
	let unpacked;
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
	const nodeJs = manifest.n8n.nodes[0];
	const nodeTs = nodeJs.replace(/^dist\//, '').replace(/\.js$/, '.ts');

	beforeAll(() => {
		scanner = installScanner().scanner;
		work = mkdtempSync(join(tmpdir(), 'signinghub-scan-'));
		unpacked = join(work, 'package');
		mkdirSync(unpacked);
		execFileSync('tar', ['xzf', packTarball(), '-C', unpacked, '--strip-components=1']);
	});

	afterAll(() => work && rmSync(work, { recursive: true, force: true }));

	test('the packed tarball passes', () => {
		const result = scan(scanner, unpacked, TARBALL_PATTERNS);
		expect(result.details ?? result.message).toBeNull();
		expect(result.passed).toBe(true);
	});

	test('the sources pass', () => {
		const result = scan(scanner, repoRoot, SOURCE_PATTERNS);
		expect(result.details ?? result.message).toBeNull();
		expect(result.passed).toBe(true);
	});

	// The scan above could pass by linting nothing (a pattern that matches no file, a parser
	// that is not applied): the same scan must fail a copy with one violation in each leg.
	test('it fails a tarball with a runtime dependency and a node that reads the environment', () => {
		const copy = join(work, 'bad-package');
		cpSync(unpacked, copy, { recursive: true });
		writeFileSync(join(copy, 'package.json'), JSON.stringify({ ...manifest, dependencies: { 'left-pad': '1.3.0' } }, null, 2));
		appendFileSync(join(copy, nodeJs), '\nconsole.log(process.env.HOME);\n');
		const result = scan(scanner, copy, TARBALL_PATTERNS);
		expect(result.passed).toBe(false);
		expect(result.details).toContain(join(copy, 'package.json'));
		expect(result.details).toContain(join(copy, nodeJs));
	});

	test('it fails sources whose node logs to the console', () => {
		const copy = join(work, 'bad-sources');
		for (const entry of ['package.json', 'nodes', 'credentials']) cpSync(join(repoRoot, entry), join(copy, entry), { recursive: true });
		appendFileSync(join(copy, nodeTs), '\nconsole.log(process.env.HOME);\n');
		const result = scan(scanner, copy, SOURCE_PATTERNS);
		expect(result.passed).toBe(false);
		expect(result.details).toContain(join(copy, nodeTs));
	});
});
