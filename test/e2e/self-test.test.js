// The self-test an admin runs against their own SigningHub, in a real n8n: the example workflow
// file itself (examples/self-test.json) imported and run against the simulator, one of whose
// routes answers as an unknown route does on ASP.NET Web API (404 "No HTTP resource was found
// that matches the request URI"). Its listing shows that call as route unknown and every other as
// OK, read-only as shipped and with its write checks on (the draft it creates is gone afterwards).
// And `npm run check:live` from a shell with the demo's variables, its draft's deletion refused:
// the listing names the package left behind.
const { execFile } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { DEFAULT_SCENARIO, SigningHubSimulator } = require('../simulator/simulator');
const { EXAMPLE_CREDENTIAL } = require('../live-env');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, loginCredential } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

const OWNER = 'owner@example.com';
const PACKAGE = { id: 7, owner: OWNER, status: 'COMPLETED', name: 'Signed contract', documents: [{ name: 'contract.pdf' }], recipients: [{ user_email: 'signer@example.com', user_name: 'Sam Signer', process_status: 'SIGNED' }] };
const UNKNOWN_ROUTE = { method: 'GET', path: '^/v4/packages/\\d+/verification$' };
const NO_SUCH_ROUTE = 'No HTTP resource was found that matches the request URI';
const READS = ['Package > Get Many', 'Template > Get Many', 'Workflow > Get', 'Package > Get Documents', 'Document > Get Fields', 'Workflow > Get History', 'Package > Verify Signatures', 'Package > Verify Signatures (one document)', 'Recipient > Get Many', 'Recipient > Get Reminders', 'Package > Download Evidence Report'];
const WRITES = ['Package > Create', 'Document > Upload', 'Recipient > Add', 'Document > Add Field (signature)', 'Document > Add Field (text)', 'Package > Rename', 'Recipient > Set Reminders', 'Package > Delete'];

/** The example as shipped, with an ID; `writeChecks` switches them on in its Settings node, as a user would. */
function example(id, { writeChecks = false } = {}) {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../../examples/self-test.json'), 'utf8'));
	const settings = workflow.nodes.find((node) => node.name === 'Settings');
	if (writeChecks) settings.parameters.jsCode = settings.parameters.jsCode.replace('writeChecks: false,', 'writeChecks: true,');
	expect(settings.parameters.jsCode.includes(`writeChecks: ${writeChecks},`)).toBe(true);
	return { ...workflow, id };
}

const resultOf = (rows) => Object.fromEntries(rows.map((row) => [row.operation, row.result]));

describe.each(versionsUnderTest({ newestOnly: true }))('The self-test in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	let readOnly;
	let withWrites;
	let live;
	let readOnlyLog;
	let draftId;

	beforeAll(async () => {
		const url = await simulator.start();
		const credential = loginCredential('self-test', url, { apiVersion: 'v4' });
		simulator.reset({ clients: [{ id: credential.data.clientId, secret: CLIENT_SECRET }], packages: [PACKAGE], unknownRoutes: [UNKNOWN_ROUTE] });
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials([{ ...EXAMPLE_CREDENTIAL, data: credential.data }]);
		await n8n.importWorkflows([example('selfTestReadOnly'), example('selfTestWrites', { writeChecks: true })]);

		readOnly = await n8n.execute('selfTestReadOnly');
		readOnlyLog = [...simulator.log];
		withWrites = await n8n.execute('selfTestWrites');
		const deletion = simulator.log.slice(readOnlyLog.length).find((entry) => entry.method === 'DELETE');
		draftId = Number(deletion?.path.split('/').pop());

		// npm run check:live (built already), with its draft's deletion refused.
		simulator.addFaults({ method: 'DELETE', path: '^/v4/packages/\\d+$', status: 403, body: { Message: 'You are not allowed to perform the requested operation' } });
		const env = {
			...process.env,
			N8N_VERSION: version,
			SIGNINGHUB_BASE_URL: url,
			SIGNINGHUB_API_VERSION: 'v4',
			SIGNINGHUB_CLIENT_ID: credential.data.clientId,
			SIGNINGHUB_CLIENT_SECRET: CLIENT_SECRET,
			SIGNINGHUB_USERNAME: OWNER,
			SIGNINGHUB_PASSWORD: credential.data.password,
			SIGNINGHUB_WRITE_CHECKS: 'true',
		};
		live = await new Promise((resolve) => {
			execFile(process.execPath, [join(__dirname, '../check-live.js')], { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
		});
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	const rowsOf = (run) => (nodeOutput(run.execution, 'Report') ?? []).map((item) => item.json);

	test('read-only as shipped: every read listed, the unknown route as such, every other OK, the run finished', () => {
		expect({ code: readOnly.code, status: readOnly.execution?.status }).toEqual({ code: 0, status: 'success' });
		const rows = rowsOf(readOnly);
		expect(rows.map((row) => row.operation)).toEqual(READS);
		expect(resultOf(rows)).toEqual({ ...Object.fromEntries(READS.map((operation) => [operation, 'OK'])), 'Package > Verify Signatures': 'route unknown' });
		expect(rows.find((row) => row.result === 'route unknown')).toMatchObject({
			step: 7,
			call: 'GET /{v}/packages/{packageId}/verification',
			path: 'GET /v4/packages/7/verification',
			status: 404,
			signingHubSaid: NO_SUCH_ROUTE,
		});
		expect(rows.find((row) => row.operation === 'Package > Verify Signatures (one document)')).toMatchObject({ result: 'OK', status: 'success', call: 'GET /{v}/packages/{packageId}/documents/{documentId}/verification' });
		expect(readOnlyLog.filter((entry) => entry.method !== 'GET' && entry.path !== '/authenticate')).toEqual([]);
	});

	test('with its write checks on: a draft created with a PDF, a recipient and two fields, renamed, reminded, deleted', () => {
		expect({ code: withWrites.code, status: withWrites.execution?.status }).toEqual({ code: 0, status: 'success' });
		const rows = rowsOf(withWrites);
		expect(rows.map((row) => [row.operation, row.result])).toEqual([...READS, ...WRITES].map((operation) => [operation, operation === 'Package > Verify Signatures' ? 'route unknown' : 'OK']));
		expect(draftId).toBeGreaterThan(200_000);
		expect(simulator.packageOf(draftId)).toBeUndefined();
		const draftCalls = simulator.log.filter((entry) => entry.path.startsWith(`/v4/packages/${draftId}`)).map((entry) => `${entry.method} ${entry.path.replace(/\/\d{6}\b/g, '/{id}')} ${entry.status}`);
		expect(draftCalls).toEqual([
			'POST /v4/packages/{id}/documents 201',
			'POST /v4/packages/{id}/workflow/users 200',
			'POST /v4/packages/{id}/documents/{id}/fields/signature 200',
			'POST /v4/packages/{id}/documents/{id}/fields/text 200',
			'PUT /v4/packages/{id} 200',
			'PUT /v4/packages/{id}/workflow/1/reminders 200',
			'DELETE /v4/packages/{id} 200',
		]);
	});

	test('npm run check:live lists the same from a shell, and names the draft whose deletion was refused', () => {
		expect({ code: live.code, stderr: live.stderr.slice(-2000) }).toEqual({ code: 0, stderr: '' });
		expect(live.stdout).toMatch(/^route unknown\s+404\s+Package > Verify Signatures\s+GET \/v4\/packages\/7\/verification\s+No HTTP resource was found that matches the request URI$/m);
		expect(live.stdout).toMatch(/^refused\s+403\s+Package > Delete\s+DELETE \/v4\/packages\/(\d+)\s+You are not allowed to perform the requested operation$/m);
		const leftId = /DELETE \/v4\/packages\/(\d+)/.exec(live.stdout)[1];
		expect(live.stdout).toContain(`The draft package ${leftId} ("n8n self-test `);
		expect(live.stdout).toContain(`was NOT deleted: delete it in SigningHub. Could not delete package ${leftId}: You are not allowed to perform the requested operation`);
		expect(simulator.packageOf(leftId)).toMatchObject({ status: 'DRAFT', name: expect.stringMatching(/^n8n self-test .* \(renamed\)$/) });
		expect(live.stdout).toMatch(/19 calls: 17 OK, 1 refused, 1 route unknown, 0 no answer, 0 not checked\./);
	});

	test('no secret in any output', () => {
		const everything = [readOnly.output, withWrites.output, live.stdout, live.stderr, JSON.stringify(simulator.log)].join('\n');
		for (const secret of [CLIENT_SECRET, ...DEFAULT_SCENARIO.users.map((user) => user.password), ...simulator.issued]) expect(everything.includes(secret) ? secret : null).toBeNull();
	});
});
