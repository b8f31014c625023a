// examples/form-to-signed-contract.json in a running n8n, end to end: published as a user
// publishes it, its form submitted over HTTP as a customer would, both recipients signing in the
// simulator, SigningHub calling the instant trigger, the signed PDF and the evidence report
// stored. For test/e2e/examples.test.js and `npm run demo`.
const { existsSync, mkdirSync, readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const { waitFor } = require('./n8n');

const EXAMPLE = join(__dirname, '../../examples/form-to-signed-contract.json');
const WORKFLOW_ID = 'exFormToContract';
/** The folder the example stores files in: n8n's files folder in its Docker image. */
const DOCKER_FILES_FOLDER = '/home/node/.n8n-files';
const CUSTOMER = { name: 'Ada Lovelace', email: 'ada@example.com', plan: 'Premium', amount: '1200' };
const COUNTERSIGNER = 'sales@example.com';

/** The example as a user imports it, storing its files in `filesFolder` instead of Docker's. */
function formExample(filesFolder) {
	const workflow = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.readWriteFile') node.parameters.fileName = node.parameters.fileName.replace(DOCKER_FILES_FOLDER, filesFolder);
	}
	return { ...workflow, id: WORKFLOW_ID, active: false };
}

/**
 * Runs the example in `n8n` (a sandbox whose credentials the example names are imported) against
 * `simulator`. `step(text)` hears what happens. Returns the server (the caller stops it), the
 * package, the calls SigningHub made to the trigger and the stored files.
 */
async function runFormToSignedContract(n8n, simulator, step = () => {}) {
	const filesFolder = join(n8n.userFolder, 'n8n-files');
	mkdirSync(filesFolder, { recursive: true });
	const workflow = formExample(filesFolder);
	await n8n.importWorkflows([workflow]);
	await n8n.activate(WORKFLOW_ID);
	const logBeforeStart = simulator.log.length;
	step('starting n8n with the workflow published');
	const server = await n8n.startServer({ N8N_RESTRICT_FILE_ACCESS_TO: filesFolder });
	try {
		return await roundTrip({ server, workflow, filesFolder, simulator, step, logBeforeStart });
	} catch (error) {
		await server.stop();
		throw error;
	}
}

/** From the published workflow to the stored files (see runFormToSignedContract). */
async function roundTrip({ server, workflow, filesFolder, simulator, step, logBeforeStart }) {
	const result = { server };
	const formUrl = `${server.url}/form/${workflow.nodes.find((node) => node.type === 'n8n-nodes-base.formTrigger').webhookId}`;
	const webhookUrl = `${server.url}/webhook/${workflow.nodes.find((node) => node.type === 'n8n-nodes-signinghub.signingHubInstantTrigger').webhookId}/webhook`;
	const serverLog = { describe: () => server.output().slice(-3000) };
	await waitFor(async () => (await fetch(formUrl).catch(() => undefined))?.status === 200, 'the form published', 180_000, serverLog);
	// The instant trigger notes where SigningHub stands when it is published: changes before that are no events.
	await waitFor(() => simulator.log.slice(logBeforeStart).some((entry) => /\/packages\/ALL\//.test(entry.path)), 'the instant trigger taking stock', 180_000, serverLog);
	simulator.callbacks.configure({ url: webhookUrl, style: 'json' });
	const callsBefore = simulator.callbacks.sent.length;

	step(`${CUSTOMER.name} submits the order form`);
	const submission = new FormData();
	for (const [index, value] of [CUSTOMER.name, CUSTOMER.email, CUSTOMER.plan, CUSTOMER.amount].entries()) submission.append(`field-${index}`, value);
	result.submitStatus = (await fetch(formUrl, { method: 'POST', body: submission })).status;
	const packageName = `Service agreement ${CUSTOMER.name}`;
	result.packageId = await waitFor(() => [...simulator.packages.values()].find((pkg) => pkg.name === packageName && pkg.status === 'IN_PROGRESS')?.id, 'the package sent from the form', 120_000, serverLog);
	step(`package ${result.packageId} "${packageName}" sent for signature to ${CUSTOMER.email}, then ${COUNTERSIGNER}`);

	simulator.sign(result.packageId, CUSTOMER.email);
	step(`${CUSTOMER.email} signs in SigningHub`);
	simulator.sign(result.packageId, COUNTERSIGNER);
	step(`${COUNTERSIGNER} signs in SigningHub: the package is completed, SigningHub calls the instant trigger`);
	const stored = [`contract-${result.packageId}-signed.pdf`, `contract-${result.packageId}-evidence-report.pdf`];
	await waitFor(() => stored.every((name) => existsSync(join(filesFolder, name))), 'the signed PDF and the evidence report stored', 120_000, {
		describe: () => `calls: ${JSON.stringify(simulator.callbacks.sent.slice(callsBefore))}\n${server.output().slice(-3000)}`,
	});
	const finished = await waitFor(
		async () => {
			const { results } = await server.request('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }))}`);
			return results.length >= 2 && results.every((execution) => !['new', 'running', 'waiting'].includes(execution.status)) && results;
		},
		'the executions of the form and of the trigger finished',
		120_000,
		serverLog,
	);
	result.executionStatuses = finished.map((execution) => execution.status);
	step(`the trigger's execution stored the signed PDF and the evidence report in ${filesFolder}`);
	await simulator.callbacks.settled();
	result.calls = simulator.callbacks.sent.slice(callsBefore);
	result.files = Object.fromEntries(readdirSync(filesFolder).map((name) => [name, readFileSync(join(filesFolder, name))]));
	result.filesFolder = filesFolder;
	return result;
}

module.exports = { runFormToSignedContract, CUSTOMER, COUNTERSIGNER };
