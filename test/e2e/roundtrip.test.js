// The whole signing round trip in a real n8n: a PDF as binary -> Create package -> Upload ->
// Add recipient (or Apply template) -> Share; the simulator's recipients sign; a second workflow
// downloads the signed package and the evidence report as binary, lists packages, recipients
// and history; a third recalls and deletes. Bytes are checked end to end.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const { SigningHubSimulator, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { simplePdf } = require('../simulator/files');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, loginCredential, signingHubNode } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(15 * 60 * 1000);

const CREDENTIAL = 'roundtrip';

/** A Code node; `code` is the body of an async function that returns the items. */
const codeNode = (name, position, code) => ({ id: name, name, type: 'n8n-nodes-base.code', typeVersion: 2, position, parameters: { jsCode: code } });

const merge = (name, position) => ({
	id: name,
	name,
	type: 'n8n-nodes-base.merge',
	typeVersion: 3,
	position,
	parameters: { mode: 'combine', combineBy: 'combineByPosition', options: {} },
});

/** Reads each item's file in `field` back as base64, so the test sees the bytes n8n holds. */
const bytesOf = (field) =>
	`const out = [];\nfor (let i = 0; i < $input.all().length; i++) {\n` +
	`  const item = $input.all()[i];\n  const buffer = await this.helpers.getBinaryDataBuffer(i, '${field}');\n` +
	`  out.push({ json: { ...item.json, base64: buffer.toString('base64'), binaryMeta: { ...item.binary['${field}'], data: undefined } } });\n}\nreturn out;`;

function workflowOf(id, nodes, links) {
	const connections = {};
	for (const [from, to, input = 0] of links) {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: input });
	}
	const start = { id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	return { id, name: id, active: false, settings: { executionOrder: 'v1' }, nodes: [start, ...nodes], connections };
}

const sh = (name, position, parameters, onError) => signingHubNode(name, name, CREDENTIAL, position, { parameters, onError });

function roundTripWorkflow(pdfBase64) {
	const file = codeNode(
		'File',
		[200, 0],
		`return [{ json: { title: 'Contract' }, binary: { data: { data: '${pdfBase64}', mimeType: 'application/pdf', fileName: 'contract.pdf', fileExtension: 'pdf' } } }];`,
	);
	const chain = (letter, y, middle) => [
		sh(`Create ${letter}`, [400, y], { resource: 'package', operation: 'create', packageName: `=Round trip ${letter} {{ $json.title }}` }),
		merge(`With file ${letter}`, [600, y]),
		sh(`Upload ${letter}`, [800, y], { resource: 'document', operation: 'upload', packageId: '={{ $json.packageId }}', binaryPropertyName: 'data' }),
		sh(`${middle.name} ${letter}`, [1000, y], { packageId: `={{ $('Upload ${letter}').item.json.packageId }}`, ...middle.parameters }),
		sh(`Share ${letter}`, [1200, y], { resource: 'package', operation: 'share', packageId: `={{ $('Upload ${letter}').item.json.packageId }}` }),
	];
	const a = chain('A', 0, { name: 'Add signer', parameters: { resource: 'recipient', operation: 'add', email: 'signer-a@example.com', name: 'Ada Signer', role: 'SIGNER' } });
	const b = chain('B', 300, { name: 'Apply template', parameters: { resource: 'template', operation: 'apply', templateName: { __rl: true, mode: 'name', value: 'Sales contract' } } });
	const links = [['Start', 'File']];
	for (const [create, withFile, upload, middle, share] of [a, b]) {
		links.push([file.name, create.name], [create.name, withFile.name, 0], [file.name, withFile.name, 1], [withFile.name, upload.name], [upload.name, middle.name], [middle.name, share.name]);
	}
	return workflowOf('wfRoundTrip', [file, ...a, ...b], links);
}

function collectWorkflow(packageIds) {
	const ids = codeNode('Signed packages', [200, 0], `return ${JSON.stringify(packageIds.map((packageId) => ({ json: { packageId } })))};`);
	const nodes = [
		ids,
		sh('Download', [400, -200], { resource: 'package', operation: 'download', packageId: '={{ $json.packageId }}' }),
		codeNode('Downloaded bytes', [600, -200], bytesOf('data')),
		sh('Evidence report', [400, 0], { resource: 'package', operation: 'downloadEvidenceReport', packageId: '={{ $json.packageId }}', options: { binaryPropertyName: 'report' } }),
		codeNode('Report bytes', [600, 0], bytesOf('report')),
		sh('Recipients', [400, 200], { resource: 'recipient', operation: 'getMany', packageId: '={{ $json.packageId }}' }),
		sh('History', [400, 400], { operation: 'getHistory', packageId: '={{ $json.packageId }}', returnAll: true }),
		sh('Completed packages', [400, 600], { resource: 'package', operation: 'getMany', status: 'COMPLETED', returnAll: true }),
	];
	const links = [
		['Start', ids.name],
		[ids.name, 'Download'],
		['Download', 'Downloaded bytes'],
		[ids.name, 'Evidence report'],
		['Evidence report', 'Report bytes'],
		[ids.name, 'Recipients'],
		[ids.name, 'History'],
	];
	// One list call for the run: a Code node with a single item feeds it.
	nodes.push(codeNode('Once', [200, 600], 'return [{ json: {} }];'));
	links.push(['Start', 'Once'], ['Once', 'Completed packages']);
	return workflowOf('wfCollect', nodes, links);
}

function lifecycleWorkflow() {
	const nodes = [
		codeNode('Names', [200, 0], "return [{ json: { name: 'Recalled then deleted' } }];"),
		sh('Create', [400, 0], { resource: 'package', operation: 'create', packageName: '={{ $json.name }}', options: { workflowMode: 'ONLY_OTHERS' } }),
		sh('Add', [600, 0], { resource: 'recipient', operation: 'add', packageId: '={{ $json.packageId }}', email: 'late@example.com', name: 'Late Signer' }),
		sh('Share', [800, 0], { resource: 'package', operation: 'share', packageId: '={{ $json.packageId }}' }),
		sh('Share again', [1000, 0], { resource: 'package', operation: 'share', packageId: '={{ $json.packageId }}' }, 'continueRegularOutput'),
		sh('Recall', [1200, 0], { resource: 'package', operation: 'recall', packageId: "={{ $('Share').item.json.packageId }}" }),
		sh('Delete', [1400, 0], { resource: 'package', operation: 'delete', packageId: '={{ $json.packageId }}' }),
		sh('Get deleted', [1600, 0], { operation: 'get', packageId: '={{ $json.packageId }}' }, 'continueRegularOutput'),
		sh('Upload without file', [400, 200], { resource: 'document', operation: 'upload', packageId: '123', binaryPropertyName: 'data' }, 'continueRegularOutput'),
	];
	const links = [['Start', 'Names'], ['Names', 'Create'], ['Create', 'Add'], ['Add', 'Share'], ['Share', 'Share again'], ['Share again', 'Recall'], ['Recall', 'Delete'], ['Delete', 'Get deleted'], ['Names', 'Upload without file']];
	return workflowOf('wfLifecycle', nodes, links);
}

/** An example workflow of the README, pointed at this test's credential. */
function example(file, id) {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8'));
	for (const node of workflow.nodes) if (node.credentials?.signingHubApi) node.credentials.signingHubApi = { id: CREDENTIAL, name: `SigningHub ${CREDENTIAL}` };
	return { ...workflow, id, active: false };
}

describe.each(versionsUnderTest({ core: true }))('the signing round trip in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	const pdf = simplePdf(['Contract between ACME and Globex', 'Sign below']);
	let n8n;
	const runs = {};
	let signedIds;

	const out = (run, node) => (nodeOutput(run.execution, node) ?? []).map((item) => item.json);

	beforeAll(async () => {
		const url = await simulator.start();
		const credential = loginCredential(CREDENTIAL, url, { apiVersion: 'v4' });
		simulator.reset({ clients: [{ id: credential.data.clientId, secret: CLIENT_SECRET }] });
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows([roundTripWorkflow(pdf.toString('base64')), lifecycleWorkflow(), example('send-for-signature.json', 'wfExample')]);
		runs.roundTrip = await n8n.execute('wfRoundTrip');
		signedIds = ['A', 'B'].map((letter) => out(runs.roundTrip, `Share ${letter}`)[0]?.packageId);
		// The recipients act in SigningHub: A's signer; B's template signer (its carbon copy does not act).
		if (signedIds.every(Boolean)) {
			simulator.sign(signedIds[0], 'signer-a@example.com');
			simulator.sign(signedIds[1], 'signer@example.com');
		}
		await n8n.importWorkflows([collectWorkflow(signedIds)]);
		runs.collect = await n8n.execute('wfCollect');
		runs.lifecycle = await n8n.execute('wfLifecycle');
		runs.example = await n8n.execute('wfExample');
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	test('a PDF becomes a shared package, with a recipient added or a template applied', () => {
		expect(runs.roundTrip.code).toBe(0);
		for (const letter of ['A', 'B']) {
			const [created] = out(runs.roundTrip, `Create ${letter}`);
			expect(created).toMatchObject({ packageName: `Round trip ${letter} Contract`, packageId: expect.any(Number) });
			const [uploaded] = out(runs.roundTrip, `Upload ${letter}`);
			expect(uploaded).toMatchObject({ packageId: created.packageId, fileName: 'contract.pdf', documentId: expect.any(Number) });
			expect(out(runs.roundTrip, `Share ${letter}`)).toEqual([expect.objectContaining({ packageId: created.packageId, shared: true })]);
			const stored = simulator.packageOf(created.packageId);
			expect(stored.owner).toBe('owner@example.com');
			expect(Buffer.compare(stored.documents[0].content, pdf)).toBe(0);
		}
		expect(out(runs.roundTrip, 'Add signer A')).toEqual([{ packageId: signedIds[0], email: 'signer-a@example.com', name: 'Ada Signer', role: 'SIGNER', added: true }]);
		expect(out(runs.roundTrip, 'Apply template B')).toEqual([{ packageId: signedIds[1], templateName: 'Sales contract', documentId: null, applied: true }]);
		expect(simulator.packageOf(signedIds[1]).recipients.map((r) => r.user_email)).toEqual(['signer@example.com', 'sales@example.com']);
	});

	test('the signed package and its evidence report come back as binary, byte for byte', () => {
		expect(runs.collect.code).toBe(0);
		const downloads = out(runs.collect, 'Downloaded bytes');
		expect(downloads.map((d) => d.packageId)).toEqual(signedIds);
		for (const download of downloads) {
			const bytes = Buffer.from(download.base64, 'base64');
			expect(bytes.subarray(0, pdf.length).equals(pdf)).toBe(true);
			expect(bytes.toString('latin1')).toMatch(/signed by/);
			expect(download).toMatchObject({ fileName: expect.stringMatching(/\.pdf$/), mimeType: 'application/pdf', fileSize: bytes.length });
			expect(download.binaryMeta).toMatchObject({ mimeType: 'application/pdf', fileName: download.fileName });
		}
		const reports = out(runs.collect, 'Report bytes');
		expect(reports).toHaveLength(2);
		for (const [index, report] of reports.entries()) {
			const bytes = Buffer.from(report.base64, 'base64').toString('latin1');
			expect(bytes.startsWith('%PDF-')).toBe(true);
			expect(bytes).toContain(String(signedIds[index]));
			expect(report.binaryMeta.mimeType).toBe('application/pdf');
		}
	});

	test('recipients, history and the package list read back one item per record, paired to their input', () => {
		const recipients = nodeOutput(runs.collect.execution, 'Recipients');
		expect(recipients.map((item) => [item.json.packageId, item.json.user_email, item.json.process_status, item.pairedItem.item])).toEqual([
			[signedIds[0], 'signer-a@example.com', 'SIGNED', 0],
			[signedIds[1], 'signer@example.com', 'SIGNED', 1],
			[signedIds[1], 'sales@example.com', 'UN_PROCESSED', 1],
		]);
		const history = out(runs.collect, 'History');
		for (const id of signedIds) {
			const actions = history.filter((a) => a.packageId === id).map((a) => a.action_type);
			expect(actions).toEqual(expect.arrayContaining(['SHARED', 'SIGNED', 'COMPLETED']));
		}
		const completed = out(runs.collect, 'Completed packages').map((p) => p.package_id);
		expect(completed.sort()).toEqual([...signedIds].sort());
	});

	test('a package can be recalled to draft and deleted; a second share and a missing file fail their items clearly', () => {
		expect(runs.lifecycle.code).toBe(0);
		const [created] = out(runs.lifecycle, 'Create');
		expect(out(runs.lifecycle, 'Share again')[0].error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document is no longer in draft state', packageId: created.packageId });
		expect(out(runs.lifecycle, 'Recall')).toEqual([{ packageId: created.packageId, recalled: true }]);
		expect(out(runs.lifecycle, 'Delete')).toEqual([{ packageId: created.packageId, deleted: true }]);
		expect(out(runs.lifecycle, 'Get deleted')[0].error).toMatchObject({ httpCode: 404, packageId: created.packageId });
		const [missing] = out(runs.lifecycle, 'Upload without file');
		expect(missing.error).toMatchObject({ httpCode: null, attempts: 0, message: 'The input item has no file in the binary field "data"' });
		expect(simulator.log.some((e) => e.path === '/v4/packages/123/documents')).toBe(false);
	});

	test('the example workflow examples/send-for-signature.json imports and sends its PDF for signature', () => {
		expect(runs.example.code).toBe(0);
		const [shared] = out(runs.example, 'Share package');
		expect(shared).toMatchObject({ shared: true, packageId: expect.any(Number) });
		const stored = simulator.packageOf(shared.packageId);
		expect(stored.recipients.map((r) => r.user_email)).toEqual(['signer@example.com']);
		expect(stored.documents.map((d) => d.name)).toEqual(['contract.pdf']);
	});

	test('no secret in any output or log', () => {
		const everything = [...Object.values(runs).map((run) => run.output), JSON.stringify(simulator.log)].join('\n');
		for (const secret of [CLIENT_SECRET, ...DEFAULT_SCENARIO.users.map((u) => u.password), ...simulator.issued]) {
			expect(everything.includes(secret) ? secret : null).toBeNull();
		}
	});
});
