#!/usr/bin/env node
// `npm run demo`: the package end to end. Builds (via npm), installs a pinned n8n once, starts
// the SigningHub simulator, then two scenes: examples/complete-workflows.json run in n8n (what
// came out of each output), and the round trip of examples/form-to-signed-contract.json in a
// running n8n (a PDF sent for signature from the form, signed in the simulator, the instant
// trigger firing, the signed PDF and the evidence report downloaded and stored). Set
// SIGNINGHUB_BASE_URL (and the variables below) to run the first scene against a real SigningHub
// instead of the simulator; the round trip needs the simulator's signers.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { SigningHubSimulator } = require('./simulator/simulator');
const { runFormToSignedContract } = require('./e2e/form-example');
const { N8nSandbox, nodeOutput } = require('./e2e/n8n');
const { credentialFromEnv, EXAMPLE_CREDENTIAL } = require('./live-env');

const env = process.env;

async function target() {
	if (env.SIGNINGHUB_BASE_URL) {
		const data = credentialFromEnv(env);
		const packageIds = (env.SIGNINGHUB_PACKAGE_IDS || '').split(',').map((id) => id.trim()).filter(Boolean);
		if (packageIds.length === 0) throw new Error('Set SIGNINGHUB_PACKAGE_IDS to the comma-separated package IDs to complete.');
		return { data, packageIds, label: `SigningHub at ${data.baseUrl}`, stop: async () => {} };
	}
	const simulator = new SigningHubSimulator({
		packages: [
			{ id: 101, owner: 'owner@example.com', status: 'IN_PROGRESS' },
			{ id: 102, owner: 'owner@example.com', status: 'COMPLETED' },
			{ id: 103, owner: 'colleague@example.com', status: 'IN_PROGRESS' },
		],
	});
	const url = await simulator.start();
	const data = {
		baseUrl: url,
		apiVersion: 'v4',
		authMethod: 'userLogin',
		clientId: 'n8n-integration',
		clientSecret: 'sim-client-secret-4f9a',
		username: 'owner@example.com',
		password: 'owner-pass-7c1e',
	};
	return { data, packageIds: null, label: `the SigningHub simulator at ${url}`, simulator, stop: () => simulator.stop() };
}

function show(items, describe) {
	if (!items || items.length === 0) return console.log('  (none)');
	for (const item of items) console.log(`  item ${item.pairedItem?.item ?? '?'}: ${describe(item.json)}`);
}

async function main() {
	const version = env.N8N_VERSION || '2.8.4';
	const where = await target();
	console.log(`Preparing n8n ${version} (the first run installs it, a few minutes)...`);
	const n8n = await N8nSandbox.create(version);
	try {
		const example = JSON.parse(readFileSync(join(__dirname, '../examples/complete-workflows.json'), 'utf8'));
		example.id = 'signinghubDemo';
		const codeNode = example.nodes.find((node) => node.name === 'Packages to complete');
		if (where.packageIds) codeNode.parameters.jsCode = `return ${JSON.stringify(where.packageIds.map((packageId) => ({ json: { packageId } })))};`;
		await n8n.importCredentials([{ ...EXAMPLE_CREDENTIAL, data: where.data }]);
		await n8n.importWorkflows([example]);
		console.log(`Running "${example.name}" in n8n ${version} against ${where.label}...\n`);
		const run = await n8n.execute(example.id);
		if (!run.execution) throw new Error(`n8n did not run the workflow (exit code ${run.code}):\n${run.output.slice(-3000)}`);

		console.log('Input items:');
		show(nodeOutput(run.execution, 'Packages to complete').map((item, index) => ({ ...item, pairedItem: { item: index } })), (json) => `packageId ${JSON.stringify(json.packageId)}`);
		console.log('\nSuccess output:');
		show(nodeOutput(run.execution, 'Complete workflow', 0), (json) => `package ${json.packageId} completed${json.alreadyCompleted ? ' (it already was)' : ''}    ${JSON.stringify(json)}`);
		console.log('\nError output:');
		show(nodeOutput(run.execution, 'Complete workflow', 1), ({ error }) => `${error.message}\n      what to do: ${error.description}\n      ${JSON.stringify({ error })}`);
		if (where.simulator) {
			const calls = where.simulator.log.map((entry) => `${entry.method} ${entry.path} -> ${entry.status}`);
			console.log(`\nRequests the simulator saw:\n  ${calls.join('\n  ')}`);
		}
		console.log(`\nn8n finished with status "${run.execution.status}".`);
		if (where.simulator) await roundTrip(n8n, where.simulator, version);
	} finally {
		n8n.cleanup();
		await where.stop();
	}
}

/** The second scene: from a form to a signed contract and back, timed. */
async function roundTrip(n8n, simulator, version) {
	console.log(`\nRound trip: examples/form-to-signed-contract.json in a running n8n ${version}...`);
	const startedAt = Date.now();
	const seconds = () => `${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)} s`;
	let server;
	try {
		const result = await runFormToSignedContract(n8n, simulator, (text) => console.log(`  ${seconds()}  ${text}`));
		server = result.server;
		for (const call of result.calls) console.log(`  SigningHub called the instant trigger (${call.method}, ${call.action}): n8n answered ${call.status} ${call.answer}`);
		for (const [name, content] of Object.entries(result.files)) console.log(`  stored ${name} (${content.length} bytes)`);
		const report = result.files[`contract-${result.packageId}-evidence-report.pdf`].toString('latin1');
		console.log(`  the evidence report says: ${(report.match(/Status: \w+|SIGNER \S+: \w+/g) ?? []).join('; ')}`);
		console.log(`Round trip done in ${seconds().trim()} (executions: ${result.executionStatuses.join(', ')}).`);
	} finally {
		await server?.stop();
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
