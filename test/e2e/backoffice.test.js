// The back office in a real n8n, one workflow run once per version: a recipient corrected and
// removed, reminders set and read back, a leaver's packages moved to a colleague (the leaver
// loses access, the colleague has it), a package renamed, one document downloaded and one
// deleted, signatures verified on a signed package, a signing link produced; each with its bad
// input (refused before any request) and SigningHub's refusal. And the node's AI-agent tools
// as that n8n builds them (its own convertNodeToAiTool and createNodeAsTool).
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const { DEFAULT_SCENARIO, SigningHubSimulator } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput, requestsSent, runSummary } = require('./n8n');
const { CLIENT_SECRET, loginCredential, workflow } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

const OWNER = 'owner@example.com';
const LEAVER = { email: 'leaver@example.com', password: 'leaver-pass-4d7e', enterprise: 'acme' };
const CALLBACK = 'https://portal.example.com/signed?case=12';
const BINARY_ONLY = ['document.download', 'document.upload', 'package.download', 'package.downloadEvidenceReport'];
const DESTRUCTIVE = ['document.delete', 'document.deleteField', 'package.changeOwner', 'package.decline', 'package.delete', 'package.recall', 'recipient.remove', 'recipient.update', 'workflow.complete'];

const SCENARIO_PACKAGES = [
	{ id: 10, owner: OWNER, status: 'DRAFT', name: 'Recipients', recipients: [{ user_email: 'wrong@example.com', user_name: 'Wrong' }, { user_email: 'second@example.com', user_name: 'Second' }] },
	{ id: 11, owner: OWNER, status: 'IN_PROGRESS', name: 'Locked', recipients: [{ user_email: 'a@example.com' }], lockedWorkflow: true },
	{ id: 20, owner: LEAVER.email, status: 'IN_PROGRESS', name: 'Leaver in progress' },
	{ id: 21, owner: LEAVER.email, status: 'COMPLETED', name: 'Leaver completed' },
	{ id: 22, owner: LEAVER.email, status: 'DRAFT', name: 'Leaver draft' },
	{ id: 30, owner: OWNER, status: 'DRAFT', name: 'Old name' },
	{ id: 31, owner: 'colleague@example.com', status: 'DRAFT', name: "Colleague's" },
	{ id: 40, owner: OWNER, status: 'COMPLETED', name: 'Signed', documents: [{ name: 'contract.pdf', content: '%PDF-1.4 contract' }, { name: 'annex.pdf', content: '%PDF-1.4 annex' }] },
	{ id: 41, owner: OWNER, status: 'DRAFT', name: 'Tidy up', documents: [{ name: 'keep.pdf' }, { name: 'drop.pdf' }] },
	{
		id: 50,
		owner: OWNER,
		status: 'IN_PROGRESS',
		name: 'To verify',
		documents: [{ name: 'deal.pdf' }],
		recipients: [{ user_email: 'signer@example.com', user_name: 'Sam Signer' }, { user_email: 'forger@example.com', user_name: 'Fay Forger' }],
		signatureStatuses: { 'forger@example.com': 'INVALID' },
	},
	{ id: 60, owner: OWNER, status: 'IN_PROGRESS', name: 'Embedded', documents: [{ name: 'contract.pdf', content: '%PDF-1.4 embedded' }], recipients: [{ user_email: 'signer@example.com' }] },
];

describe.each(versionsUnderTest({ newestOnly: true }))('The back office in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	let run;
	let docs;
	let agentTools;

	beforeAll(async () => {
		const url = await simulator.start();
		const owner = loginCredential('bo-owner', url, { apiVersion: 'v4' });
		const ownerV3 = loginCredential('bo-owner-v3', url, { apiVersion: 'v3' });
		const admin = loginCredential('bo-admin', url, { user: 'admin@example.com', password: 'admin-pass-9e3f', scope: 'admin@example.com', apiVersion: 'v4', extra: { actAsUserPolicy: 'anyUser' } });
		simulator.reset({
			clients: [owner, ownerV3, admin].map((c) => ({ id: c.data.clientId, secret: CLIENT_SECRET })),
			users: [...DEFAULT_SCENARIO.users, LEAVER],
			packages: SCENARIO_PACKAGES,
		});
		simulator.sign(50, 'signer@example.com');
		simulator.sign(50, 'forger@example.com');
		docs = Object.fromEntries([40, 41, 50].map((id) => [id, simulator.packageOf(id).documents.map((d) => d.id)]));

		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials([owner, ownerV3, admin]);
		const recipient = (operation, parameters, items, options = {}) => ({ credential: 'bo-owner', operation, packageId: '={{ $json.id }}', items, options, onError: 'continueRegularOutput', parameters: { resource: 'recipient', ...parameters } });
		const of = (resource, credential, operation, parameters, items, options = {}) => ({ credential, operation, packageId: '={{ $json.id }}', items, options, onError: 'continueRegularOutput', parameters: { resource, ...parameters } });
		await n8n.importWorkflows([
			workflow('wfBackOffice', [
				{
					name: 'Correct recipient',
					...recipient('update', { findBy: 'email', recipientEmail: '={{ $json.find }}', updateFields: { email: '={{ $json.email }}', name: '={{ $json.name }}', role: '={{ $json.role }}' } }, [
						{ id: 10, find: 'wrong@example.com', email: 'right@example.com', name: 'Right', role: 'SIGNER' },
						{ id: 10, find: 'second@example.com', email: 'second@example.com', name: 'Second', role: 'BOSS' },
						{ id: 11, find: 'a@example.com', email: 'a@example.com', name: 'A', role: 'SIGNER' },
					]),
				},
				{
					name: 'Set reminders',
					...recipient('setReminders', { findBy: '={{ $json.findBy }}', recipientOrder: 1, remindAfter: '={{ $json.after }}', frequency: 'HOURS', repeat: true, repeatEvery: 12, totalReminders: 3 }, [
						{ id: 10, findBy: 'all', after: 6 },
						{ id: 10, findBy: 'all', after: 0 },
						{ id: 60, findBy: 'order', after: 6 },
					]),
				},
				{ name: 'Read reminders', ...recipient('getReminders', { findBy: 'all' }, [{ id: 10 }]) },
				{
					name: 'Remove recipient',
					...recipient('remove', { findBy: 'order', recipientOrder: '={{ $json.order }}' }, [
						{ id: 10, order: 2 },
						{ id: 10, order: 'second' },
						{ id: 10, order: 9 },
					]),
				},
				{ name: 'Recipients left', ...recipient('getMany', {}, [{ id: 10 }]) },
				{
					name: 'Hand over',
					...of('package', 'bo-admin', 'changeOwner', { newOwner: '={{ $json.to }}' }, [
						{ id: 20, owner: LEAVER.email, to: 'colleague@example.com' },
						{ id: 21, owner: LEAVER.email, to: 'colleague@example.com' },
						{ id: 22, owner: LEAVER.email, to: 'colleague@example.com' },
						{ id: 21, owner: LEAVER.email, to: 'colleague' },
					], { actAsUser: '={{ $json.owner }}' }),
				},
				{ name: 'Leaver after', ...of('workflow', 'bo-admin', 'get', {}, [{ id: 20, user: LEAVER.email }], { actAsUser: '={{ $json.user }}' }) },
				{ name: 'Colleague after', ...of('workflow', 'bo-admin', 'get', {}, [20, 21].map((id) => ({ id, user: 'colleague@example.com' })), { actAsUser: '={{ $json.user }}' }) },
				{ name: 'Rename', ...of('package', 'bo-owner', 'rename', { packageName: '={{ $json.name }}' }, [{ id: 30, name: 'New name' }, { id: 30, name: ' ' }, { id: 31, name: 'Mine now' }]) },
				{
					name: 'Download document',
					...of('document', 'bo-owner', 'download', { documentId: '={{ $json.doc }}' }, [
						{ id: 40, doc: docs[40][1] },
						{ id: 40, doc: 'annex' },
						{ id: 41, doc: docs[41][0] },
					]),
				},
				{
					name: 'Delete document',
					...of('document', 'bo-owner', 'delete', { documentId: '={{ $json.doc }}' }, [
						{ id: 41, doc: docs[41][1] },
						{ id: 41, doc: '' },
						{ id: 40, doc: docs[40][0] },
					]),
				},
				{ name: 'Documents left', ...of('package', 'bo-owner', 'getDocuments', {}, [{ id: 41 }]) },
				{
					name: 'Verify',
					...of('package', 'bo-owner', 'verifySignatures', {}, [{ id: 50 }, { id: 50, doc: 'x' }, { id: 50, doc: 999 }], { documentId: '={{ $json.doc }}' }),
				},
				{
					name: 'Signing link',
					...of('package', 'bo-owner', 'getSigningLink', { email: '={{ $json.email }}', callbackUrl: '={{ $json.back }}' }, [
						{ id: 60, email: 'signer@example.com', back: CALLBACK },
						{ id: 60, email: 'signer@example.com', back: 'ftp://portal.example.com' },
						{ id: 60, email: 'stranger@example.com', back: CALLBACK },
					]),
				},
				{ name: 'Signing link v3', ...of('package', 'bo-owner-v3', 'getSigningLink', { email: 'signer@example.com', callbackUrl: CALLBACK }, [{ id: 60 }]) },
			]),
		]);
		run = await n8n.execute('wfBackOffice');
		const modules = join(n8n.install.dir, 'node_modules');
		agentTools = JSON.parse(execFileSync(join(n8n.install.nodeBin, 'node'), [join(__dirname, 'agent-tools.js'), modules], { encoding: 'utf8' }));
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	const items = (name) => (nodeOutput(run.execution, name) ?? []).map((item) => item.json);
	const sent = (method, path) => requestsSent(simulator, method, path);

	test('the workflow ran', () => {
		expect(runSummary(run)).toEqual({ code: 0, nodes: 31, failure: '' });
	});

	test('a recipient is corrected, and removed; a bad role and a locked workflow refused', () => {
		const [corrected, badRole, locked] = items('Correct recipient');
		expect(corrected).toMatchObject({ packageId: 10, order: 1, user_email: 'right@example.com', user_name: 'Right', role: 'SIGNER', updated: true });
		expect(badRole.error).toMatchObject({ message: 'Role must be one of SIGNER, REVIEWER, EDITOR, CARBON_COPY, INPERSON_HOST, not "BOSS"', httpCode: null });
		expect(locked.error).toMatchObject({ httpCode: 403, signingHubMessage: 'You are not allowed to perform this action on locked workflow', description: expect.stringContaining('locked') });
		expect(sent('PUT', '/v4/packages/10/workflow/2/user')).toHaveLength(0);

		const [removed, badOrder, noSuch] = items('Remove recipient');
		expect(removed).toEqual({ packageId: 10, order: 2, removed: true });
		expect(badOrder.error).toMatchObject({ message: 'Recipient Order must be a positive whole number, not "second"', attempts: 0 });
		expect(noSuch.error).toMatchObject({ httpCode: 404, signingHubMessage: 'No user found at given order', description: expect.stringContaining('Recipient > Get Many') });
		expect(items('Recipients left').map((r) => r.user_email)).toEqual(['right@example.com']);
	});

	test('reminders are set for all recipients and read back; bad input and a shared package refused', () => {
		const [set, badAfter, shared] = items('Set reminders');
		expect(set).toMatchObject({ packageId: 10, apply_to_all: true, enabled: true, frequency: 'HOURS', remind_after: 6, updated: true });
		expect(badAfter.error).toMatchObject({ message: 'Remind After must be a whole number of at least 1, not "0"', attempts: 0 });
		expect(shared.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document is no longer in draft state', description: expect.stringContaining('Recall the package') });
		expect(items('Read reminders').map((r) => [r.email, r.enabled, r.frequency, r.remind_after, r.repeat])).toEqual(
			['right@example.com', 'second@example.com'].map((email) => [email, true, 'HOURS', 6, { enabled: true, frequency: 'HOURS', keep_reminding_after: 12, total_reminders: 3 }]),
		);
	});

	test("a leaver's packages go to a colleague: the leaver loses access, the colleague has it", () => {
		const [inProgress, completed, draft, notEmail] = items('Hand over');
		expect([inProgress, completed]).toEqual([20, 21].map((packageId) => ({ packageId, newOwner: 'colleague@example.com', ownerChanged: true })));
		expect(draft.error).toMatchObject({ httpCode: 403, signingHubMessage: 'You are not allowed to perform the requested operation', description: expect.stringContaining('in progress or completed') });
		expect(notEmail.error).toMatchObject({ message: 'New Owner must be an email address, not "colleague"', attempts: 0 });
		expect(sent('PUT', '/v4/packages/20/owner').map((e) => e.actingUser)).toEqual([LEAVER.email]);
		expect(items('Leaver after')[0].error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document does not belong to user' });
		expect(items('Colleague after').map((w) => [w.package_id, w.package_owner])).toEqual([
			[20, 'colleague@example.com'],
			[21, 'colleague@example.com'],
		]);
		expect(simulator.packageOf(22).owner).toBe(LEAVER.email);
	});

	test("a package is renamed; an empty name and a colleague's package refused", () => {
		const [renamed, empty, stranger] = items('Rename');
		expect(renamed).toEqual({ packageId: 30, packageName: 'New name', renamed: true });
		expect(simulator.packageOf(30).name).toBe('New name');
		expect(empty.error).toMatchObject({ message: 'New Name is empty', attempts: 0 });
		expect(stranger.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document does not belong to user' });
	});

	test('one document is downloaded and one deleted; bad IDs and the wrong package state refused', () => {
		const downloads = nodeOutput(run.execution, 'Download document');
		expect(downloads[0].json).toMatchObject({ packageId: 40, documentId: docs[40][1], fileName: 'annex.pdf', mimeType: 'application/pdf' });
		expect(Object.keys(downloads[0].binary)).toEqual(['data']);
		expect(downloads[1].json.error).toMatchObject({ message: 'Document ID must be a positive whole number, not "annex"', attempts: 0 });
		expect(downloads[2].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Downloading document is not allowed in draft mode' });

		const [deleted, empty, shared] = items('Delete document');
		expect(deleted).toEqual({ packageId: 41, documentId: docs[41][1], package_name: 'Tidy up', deleted: true });
		expect(empty.error).toMatchObject({ message: 'Document ID is empty', attempts: 0 });
		expect(shared.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document is no longer in draft state' });
		expect(items('Documents left').map((d) => [d.documentId, d.name])).toEqual([[docs[41][0], 'keep.pdf']]);
	});

	test('the signatures of a signed package are verified, one item each with valid to gate on', () => {
		const [signer, forger, badDoc, unknownDoc] = items('Verify');
		expect(signer).toMatchObject({ packageId: 50, documentId: docs[50][0], valid: true, signer_name: 'Sam Signer', signature_status: 'VALID', signing_time: expect.any(String), timestamp_at: expect.any(String), subject_dn: expect.stringContaining('Sam Signer'), issuer_dn: expect.any(String), cert_valid_to: expect.any(String) });
		expect(forger).toMatchObject({ valid: false, signer_name: 'Fay Forger', signature_status: 'INVALID' });
		expect(badDoc.error).toMatchObject({ message: 'Document ID must be a positive whole number, not "x"', attempts: 0 });
		expect(unknownDoc.error).toMatchObject({ httpCode: 404, signingHubMessage: 'Document not found' });
	});

	test('a signing link is produced with the callback URL; bad input, a stranger and v3 refused', () => {
		const [link, badCallback, stranger] = items('Signing link');
		expect(link).toEqual({ packageId: 60, email: 'signer@example.com', url: expect.stringContaining('/web/Integration?') });
		expect(new URL(link.url).searchParams.get('callback_url')).toBe(CALLBACK);
		expect(badCallback.error).toMatchObject({ message: 'Callback URL must be an https address, not "ftp://portal.example.com"', attempts: 0 });
		expect(stranger.error).toMatchObject({ httpCode: 400, signingHubMessage: 'The user is not a recipient of this document' });
		expect(items('Signing link v3')[0].error).toMatchObject({ message: 'Get Signing Link needs API v4', attempts: 0 });
		expect(simulator.log.filter((e) => e.path === '/v4/links/integration' && e.status !== 401)).toHaveLength(2);
	});

	test("n8n's AI-agent tool offers every operation but the binary-only ones, each with its own description", () => {
		expect(agentTools).toMatchObject({ name: 'signingHubTool', displayName: 'SigningHub Tool', outputs: ['ai_tool'] });
		const offered = agentTools.tools.map((t) => `${t.resource}.${t.operation}`);
		// Every operation of the node's own menus but those not offered to agents: the binary-only
		// ones, Sign (no unattended signing by an agent) and Send for Signature (it needs files).
		const { SigningHub } = require('../../dist/nodes/SigningHub/SigningHub.node');
		const fullMenus = new SigningHub().description.properties.filter((p) => p.name === 'operation' && p.displayOptions.show['@tool']?.[0] !== true);
		const every = fullMenus.flatMap((menu) => menu.options.map((option) => `${menu.displayOptions.show.resource[0]}.${option.value}`));
		const notForAgents = [...BINARY_ONLY, 'document.sign', 'package.sendForSignature', 'package.sendFromTemplate'];
		expect(offered.sort()).toEqual(every.filter((key) => !notForAgents.includes(key)).sort());
		expect(offered.filter((key) => BINARY_ONLY.includes(key))).toEqual([]);
		for (const tool of agentTools.tools) {
			const key = `${tool.resource}.${tool.operation}`;
			expect({ key, long: tool.description.length > 80, generic: / in SigningHub$/.test(tool.description) }).toEqual({ key, long: true, generic: false });
			expect({ key, destructive: tool.description.startsWith('Destructive:') }).toEqual({ key, destructive: DESTRUCTIVE.includes(key) });
		}
	});

	test('no secret in any output or log', () => {
		const everything = [run.output, JSON.stringify(simulator.log), JSON.stringify(agentTools)].join('\n');
		for (const secret of [CLIENT_SECRET, LEAVER.password, ...DEFAULT_SCENARIO.users.map((u) => u.password), ...simulator.issued]) {
			expect(everything.includes(secret) ? secret : null).toBeNull();
		}
	});
});
