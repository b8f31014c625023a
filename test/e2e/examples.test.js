// The workflows in examples/, imported as a user imports them and run in a real n8n against the
// simulator: the CRM deal sent from a template, a leaver's packages handed over, the stale
// packages recalled (a dry run, then for real), and, in a running n8n, the form to a signed
// contract: the form submitted over HTTP, the recipients signing in the simulator, SigningHub
// calling the instant trigger, the signed PDF and the evidence report stored on disk.
const { mkdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const { openBrowser, signIn } = require('./browser');

const { SigningHubSimulator, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { runFormToSignedContract, CUSTOMER, COUNTERSIGNER } = require('./form-example');
const { N8nSandbox, nodeOutput, OWNER: N8N_OWNER, waitFor } = require('./n8n');
const { CLIENT_SECRET, loginCredential } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(15 * 60 * 1000);

const EXAMPLES = join(__dirname, '../../examples');
/** The n8n versions whose editor shows the examples (and, with SIGNINGHUB_SCREENSHOTS=1, pictures them into docs/). */
const EDITOR_VERSIONS = ['2.40.7', '2.41.1'];
const docsDir = process.env.SIGNINGHUB_SCREENSHOTS === '1' ? join(__dirname, '../../docs') : null;
/** Each example's workflow ID in the test, by file. */
const IMPORTED = {
	'form-to-signed-contract.json': 'exFormToContract',
	'hand-over-leavers-packages.json': 'exHandOver',
	'recall-stale-packages.json': 'exRecallDryRun',
	'crm-deal-from-template.json': 'exCrmDeal',
};
const OWNER = 'owner@example.com';
const LEAVER = 'leaver@example.com';
const SUCCESSOR = 'successor@example.com';
const DAY_MS = 24 * 60 * 60 * 1000;

const signer = (email) => ({ user_email: email, user_name: email.split('@')[0], role: 'SIGNER', email_notification: true });
const daysAgo = (days) => new Date(Date.now() - days * DAY_MS).toISOString();

/** An example as a user imports it, with an ID for the test; `edit(node)` may change a node. */
function example(file, id, edit = () => {}) {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
	for (const node of workflow.nodes) edit(node);
	return { ...workflow, id, active: false };
}

/** The credentials the examples name, against the simulator: a user login and an enterprise admin one. */
function exampleCredentials(url) {
	const account = { ...loginCredential('example', url, { apiVersion: 'v4' }), id: 'signinghub-example', name: 'SigningHub account' };
	const admin = loginCredential('admin-example', url, { user: 'admin@example.com', password: 'admin-pass-9e3f', scope: OWNER, apiVersion: 'v4', extra: { actAsUserPolicy: 'anyUser' } });
	return [account, { ...admin, id: 'signinghub-admin-example', name: 'SigningHub enterprise admin' }];
}

/** The nodes of an example that the canvas draws as nodes (a sticky note is not one). */
const canvasNodesOf = (file) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')).nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').length;

/**
 * Opens each example in n8n's editor (Debian's Chromium): the nodes each shows on its canvas,
 * and, with SIGNINGHUB_SCREENSHOTS=1, its picture docs/example-<file>.png.
 */
async function openInEditor(server) {
	const browser = await openBrowser({ viewport: { width: 1600, height: 800 } });
	// Generous: the editor's first load takes long on a machine shared with other n8n runs.
	browser.page.setDefaultTimeout(120_000);
	const shown = {};
	try {
		await signIn(browser.page, server, N8N_OWNER);
		for (const [file, id] of Object.entries(IMPORTED)) {
			await browser.page.goto(`${server.url}/workflow/${id}`);
			const nodes = browser.page.getByTestId('canvas-node');
			await nodes.nth(canvasNodesOf(file) - 1).waitFor({ timeout: 60_000 });
			shown[file] = await nodes.count();
			if (docsDir) {
				await browser.page.getByTestId('zoom-to-fit').click();
				let last;
				await waitFor(async () => last === (last = await browser.page.locator('.vue-flow__viewport').getAttribute('style')), 'the canvas to settle', 10_000);
				mkdirSync(docsDir, { recursive: true });
				await browser.page.screenshot({ path: join(docsDir, `example-${file.replace(/\.json$/, '')}.png`) });
			}
		}
	} finally {
		await browser.close();
	}
	return shown;
}

const PACKAGES = [
	// The leaver's: handed over when in progress or completed.
	{ id: 501, owner: LEAVER, status: 'IN_PROGRESS', name: 'Leaver in progress', recipients: [signer('x@example.com')] },
	{ id: 502, owner: LEAVER, status: 'COMPLETED', name: 'Leaver completed', recipients: [signer('y@example.com')] },
	{ id: 503, owner: LEAVER, status: 'DRAFT', name: 'Leaver draft' },
	{ id: 504, owner: OWNER, status: 'IN_PROGRESS', name: 'Not the leaver', recipients: [signer('z@example.com')] },
	// The owner's: two stale, one recent.
	{ id: 601, owner: OWNER, status: 'IN_PROGRESS', name: 'Stale for 45 days', modifiedOn: daysAgo(45), recipients: [signer('s1@example.com')] },
	{ id: 602, owner: OWNER, status: 'IN_PROGRESS', name: 'Stale for 31 days', modifiedOn: daysAgo(31), recipients: [signer('s2@example.com')] },
	{ id: 603, owner: OWNER, status: 'IN_PROGRESS', name: 'Touched 2 days ago', modifiedOn: daysAgo(2), recipients: [signer('s3@example.com')] },
];

describe.each(versionsUnderTest())('the example workflows in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	let server;
	const runs = {};
	let form = {};
	let recallsInDryRun;
	const out = (run, node, output = 0) => (nodeOutput(run?.execution, node, output) ?? []).map((item) => item.json);

	beforeAll(async () => {
		const url = await simulator.start();
		const credentials = exampleCredentials(url);
		simulator.reset({
			clients: credentials.map((credential) => ({ id: credential.data.clientId, secret: CLIENT_SECRET })),
			users: [...DEFAULT_SCENARIO.users, { email: LEAVER, password: 'leaver-pass-4d2a', enterprise: 'acme' }, { email: SUCCESSOR, password: 'successor-pass-8b1c', enterprise: 'acme' }],
			packages: PACKAGES,
		});
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials(credentials);
		const recallForReal = example('recall-stale-packages.json', 'exRecallForReal', (node) => {
			if (node.name === 'Settings') node.parameters.assignments.assignments.find((a) => a.name === 'dryRun').value = false;
		});
		await n8n.importWorkflows([
			example('crm-deal-from-template.json', IMPORTED['crm-deal-from-template.json']),
			example('hand-over-leavers-packages.json', IMPORTED['hand-over-leavers-packages.json']),
			example('recall-stale-packages.json', IMPORTED['recall-stale-packages.json']),
			recallForReal,
		]);

		runs.crm = await n8n.execute('exCrmDeal');
		runs.handOver = await n8n.execute('exHandOver');
		runs.dryRun = await n8n.execute('exRecallDryRun');
		recallsInDryRun = simulator.log.filter((e) => e.method === 'DELETE').length;
		runs.recall = await n8n.execute('exRecallForReal');

		form = await runFormToSignedContract(n8n, simulator);
		server = form.server;
		form.package = simulator.packageOf(form.packageId);
	});

	afterAll(async () => {
		await server?.stop();
		await simulator.stop();
		n8n?.cleanup();
	});

	test("a CRM deal: Send for Signature with the Sales contract template, the deal's contact signing, its fields filled", () => {
		expect(runs.crm.code).toBe(0);
		const [sent] = out(runs.crm, 'Send from template');
		expect(sent).toMatchObject({ packageName: 'ACME Premium for Globex (D-1042)', template: 'Sales contract', fieldsFilled: ['customer_name', 'amount'], shared: true });
		const pkg = simulator.packageOf(sent.packageId);
		expect(pkg.status).toBe('IN_PROGRESS');
		expect(pkg.recipients.map((r) => r.user_email)).toContain('ada@example.com');
		expect(out(runs.crm, 'Deal update')).toEqual([{ dealId: 'D-1042', signingHubPackageId: sent.packageId, contractStatus: 'Sent for signature' }]);
	});

	test("a leaver's packages in progress or completed go to the successor, each call acting as the leaver; the draft stays", () => {
		expect(runs.handOver.code).toBe(0);
		expect(out(runs.handOver, 'Handed over').sort((a, b) => a.packageId - b.packageId)).toEqual([
			{ packageId: 501, newOwner: SUCCESSOR, ownerChanged: true },
			{ packageId: 502, newOwner: SUCCESSOR, ownerChanged: true },
		]);
		expect(out(runs.handOver, 'Not handed over')).toEqual([]);
		expect([501, 502, 503, 504].map((id) => simulator.packageOf(id).owner)).toEqual([SUCCESSOR, SUCCESSOR, LEAVER, OWNER]);
		const changes = simulator.log.filter((e) => e.method === 'PUT' && /\/owner$/.test(e.path));
		expect(changes.map((e) => e.actingUser)).toEqual([LEAVER, LEAVER]);
	});

	test('stale packages: the dry run lists the two untouched for 30 days and recalls nothing; the real run recalls exactly those', () => {
		expect(runs.dryRun.code).toBe(0);
		expect(out(runs.dryRun, 'Would recall').map((item) => [item.package_id, item.wouldRecall]).sort()).toEqual([
			[601, true],
			[602, true],
		]);
		expect(recallsInDryRun).toBe(0);
		expect(runs.recall.code).toBe(0);
		expect(out(runs.recall, 'Recall').map((item) => item.packageId).sort()).toEqual([601, 602]);
		expect(out(runs.recall, 'Would recall')).toEqual([]);
		expect([601, 602, 603].map((id) => simulator.packageOf(id).status)).toEqual(['DRAFT', 'DRAFT', 'IN_PROGRESS']);
	});

	test('a form to a signed contract: the form sends the contract; once both signed, SigningHub calls the instant trigger, which stores the signed PDF and the evidence report', () => {
		expect(form.submitStatus).toBe(200);
		expect(form.executionStatuses).toEqual(['success', 'success']);
		expect(form.package.recipients.map((r) => [r.user_email, r.process_status])).toEqual([
			[CUSTOMER.email, 'SIGNED'],
			[COUNTERSIGNER, 'SIGNED'],
		]);
		expect(form.package.documents.map((d) => d.name)).toEqual(['service-agreement.pdf']);
		const signed = form.files[`contract-${form.packageId}-signed.pdf`].toString('latin1');
		expect(signed.startsWith('%PDF')).toBe(true);
		expect(signed).toContain(`signed by ${CUSTOMER.email}, ${COUNTERSIGNER}`);
		const report = form.files[`contract-${form.packageId}-evidence-report.pdf`].toString('latin1');
		expect(report).toContain('Status: COMPLETED');
		expect(report).toContain(`SIGNER ${CUSTOMER.email}: SIGNED`);
	});

	test("the instant trigger answers SigningHub's calls as the README says: n8n's \"Workflow was started\", or what the trigger found", () => {
		expect(form.calls.length).toBeGreaterThan(0);
		expect(form.calls.every((call) => call.status === 200)).toBe(true);
		const answers = form.calls.map((call) => JSON.parse(call.answer).message);
		expect(answers).toContain('Workflow was started');
		for (const answer of answers) expect(['Workflow was started', 'Looked: no new events', 'A look is planned already: it will see this change']).toContain(answer);
	});

	(EDITOR_VERSIONS.includes(version) ? test : test.skip)("each example opens in n8n's editor with all its nodes", async () => {
		const editor = await openInEditor(server);
		const expected = Object.fromEntries(Object.keys(IMPORTED).map((file) => [file, canvasNodesOf(file)]));
		expect(editor).toEqual(expected);
	});

	test('no secret in any output or log', () => {
		const everything = [...Object.values(runs).map((run) => run.output), server.output(), JSON.stringify(simulator.log)].join('\n');
		for (const secret of [CLIENT_SECRET, ...DEFAULT_SCENARIO.users.map((u) => u.password), ...simulator.issued]) {
			expect(everything.includes(secret) ? secret : null).toBeNull();
		}
	});
});
