#!/usr/bin/env node
// `npm run check:live`: which calls your SigningHub answers, from a shell. Runs the self-test
// workflow (examples/self-test.json, the one an admin imports) in a real, pinned n8n with a
// credential built from the demo's variables, and prints its listing: one row per call with its
// status, SigningHub's words and OK / refused / route unknown. Read-only unless
// SIGNINGHUB_WRITE_CHECKS=true. Exit code 0 when the listing came, 1 when it did not.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { N8nSandbox, nodeOutput } = require('./e2e/n8n');
const { credentialFromEnv, EXAMPLE_CREDENTIAL } = require('./live-env');

const USAGE = `Set SIGNINGHUB_BASE_URL (your SigningHub's API address) and the login, as for npm run demo:
  SIGNINGHUB_CLIENT_ID, SIGNINGHUB_CLIENT_SECRET, SIGNINGHUB_USERNAME, SIGNINGHUB_PASSWORD
  (or SIGNINGHUB_ACCESS_TOKEN; SIGNINGHUB_SCOPE for an enterprise admin acting for a user),
  SIGNINGHUB_API_VERSION (v4 by default, or v3), SIGNINGHUB_IGNORE_SSL_ISSUES=true for an internal CA.
Optional: SIGNINGHUB_PACKAGE_ID (the package to read; else the newest completed one, else the newest),
  SIGNINGHUB_WRITE_CHECKS=true (also create a draft, change it and delete it again), N8N_VERSION.`;

/** The example with its Settings node set from the variables; fails if the example changed shape. */
function selfTestWorkflow(env) {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../examples/self-test.json'), 'utf8'));
	workflow.id = 'signinghubSelfTest';
	const settings = workflow.nodes.find((node) => node.name === 'Settings');
	const set = (key, value) => {
		const pattern = new RegExp(`^(\\s*${key}: ).*,$`, 'm');
		if (!pattern.test(settings.parameters.jsCode)) throw new Error(`examples/self-test.json: its Settings node has no "${key}:" line`);
		settings.parameters.jsCode = settings.parameters.jsCode.replace(pattern, `$1${JSON.stringify(value)},`);
	};
	set('packageId', env.SIGNINGHUB_PACKAGE_ID?.trim() ?? '');
	set('writeChecks', env.SIGNINGHUB_WRITE_CHECKS === 'true');
	return workflow;
}

function printListing(rows) {
	const width = (key, cap) => Math.min(cap, Math.max(key.length, ...rows.map((row) => String(row[key]).length)));
	const columns = [
		['result', 13],
		['status', 7],
		['operation', 42],
		['call', 90],
		['signingHubSaid', 70],
	].map(([key, cap]) => [key, width(key, cap)]);
	const line = (row) => columns.map(([key, w]) => String(row[key]).slice(0, w).padEnd(w)).join('  ').trimEnd();
	console.log(line(Object.fromEntries(columns.map(([key]) => [key, key]))));
	for (const row of rows) {
		console.log(line({ ...row, call: row.path || row.call }));
		if (row.result !== 'OK' && row.note) console.log(`${' '.repeat(columns[0][1] + 2)}${row.note}`);
	}
}

async function main() {
	const env = process.env;
	if (!env.SIGNINGHUB_BASE_URL) {
		console.error(USAGE);
		process.exit(2);
	}
	const version = env.N8N_VERSION || '2.8.4';
	const workflow = selfTestWorkflow(env);
	console.log(`Preparing n8n ${version} (the first run installs it, a few minutes)...`);
	const n8n = await N8nSandbox.create(version);
	try {
		await n8n.importCredentials([{ ...EXAMPLE_CREDENTIAL, data: credentialFromEnv(env) }]);
		await n8n.importWorkflows([workflow]);
		console.log(`Checking the SigningHub at ${env.SIGNINGHUB_BASE_URL} (${env.SIGNINGHUB_WRITE_CHECKS === 'true' ? 'reads and write checks' : 'read-only'})...\n`);
		const run = await n8n.execute(workflow.id);
		const rows = nodeOutput(run.execution, 'Report')?.map((item) => item.json);
		if (!rows) {
			console.error(`n8n did not finish the self-test (exit code ${run.code}):\n${run.output.slice(-3000)}`);
			process.exitCode = 1;
			return;
		}
		printListing(rows);
		const count = (result) => rows.filter((row) => row.result === result).length;
		console.log(`\n${rows.length} calls: ${['OK', 'refused', 'route unknown', 'no answer', 'not checked'].map((result) => `${count(result)} ${result}`).join(', ')}.`);
		if (count('route unknown') > 0) console.log('A route unknown is a call this SigningHub does not offer: check the API Version, and see docs/SIGNINGHUB-CALLS.md for the call\'s source.');
	} finally {
		n8n.cleanup();
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
