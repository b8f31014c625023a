// Recipients' own actions, protected documents and bulk sharing in a real n8n, one workflow run
// once per version: a reviewer approves with their own login, then a signer of the same package
// declines with a reason (and SigningHub's refusal when it is not the recipient's turn, in its
// words); a recipient's opening is protected by a password and an access window, on v4's
// enterprise path and v3's path, the password in no output, and once shared the recipient is
// refused outside the window; 20 packages shared in one SigningHub call, every item's result
// paired to it; v3 and bad input refused before any request.
const { DEFAULT_SCENARIO, SigningHubSimulator } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput, requestsSent, runSummary } = require('./n8n');
const { CLIENT_SECRET, loginCredential, workflow } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

const OWNER = 'owner@example.com';
const REVIEWER = { email: 'reviewer@example.com', password: 'reviewer-pass-6a1d', enterprise: 'acme' };
const SIGNER = { email: 'signer@example.com', password: 'signer-pass-3e9b', enterprise: 'acme' };
const OPENING_PASSWORD = 'Open-Sesame-8472';
const BULK_IDS = Array.from({ length: 20 }, (_, n) => 101 + n);

const SCENARIO_PACKAGES = [
	{ id: 70, owner: OWNER, status: 'IN_PROGRESS', name: 'Approve then decline', recipients: [{ user_email: REVIEWER.email, role: 'REVIEWER' }, { user_email: SIGNER.email, role: 'SIGNER', signing_order: 2 }] },
	{ id: 71, owner: OWNER, status: 'IN_PROGRESS', name: 'Not the reviewer yet', recipients: [{ user_email: SIGNER.email, role: 'SIGNER' }, { user_email: REVIEWER.email, role: 'REVIEWER', signing_order: 2 }] },
	{ id: 73, owner: OWNER, status: 'DRAFT', name: 'Protected', recipients: [{ user_email: REVIEWER.email, role: 'REVIEWER' }, { user_email: SIGNER.email, role: 'SIGNER', signing_order: 2 }] },
	{ id: 74, owner: OWNER, status: 'IN_PROGRESS', name: 'Already shared', recipients: [{ user_email: SIGNER.email, role: 'SIGNER' }] },
	{ id: 75, owner: OWNER, status: 'DRAFT', name: 'Protected on v3', recipients: [{ user_email: SIGNER.email, role: 'SIGNER' }] },
	...BULK_IDS.map((id) => ({ id, owner: OWNER, status: 'DRAFT', name: `Bulk ${id}`, recipients: [{ user_email: SIGNER.email, role: 'SIGNER' }] })),
];

describe.each(versionsUnderTest({ newestOnly: true }))('Recipient actions, protection and bulk in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	let run;

	beforeAll(async () => {
		const url = await simulator.start();
		const owner = loginCredential('ba-owner', url, { apiVersion: 'v4' });
		const ownerV3 = loginCredential('ba-owner-v3', url, { apiVersion: 'v3' });
		const reviewer = loginCredential('ba-reviewer', url, { user: REVIEWER.email, password: REVIEWER.password, apiVersion: 'v4' });
		const signer = loginCredential('ba-signer', url, { user: SIGNER.email, password: SIGNER.password, apiVersion: 'v3' });
		simulator.reset({
			clients: [owner, ownerV3, reviewer, signer].map((c) => ({ id: c.data.clientId, secret: CLIENT_SECRET })),
			users: [...DEFAULT_SCENARIO.users, REVIEWER, SIGNER],
			packages: SCENARIO_PACKAGES,
		});

		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials([owner, ownerV3, reviewer, signer]);
		const branch = (name, credential, resource, operation, parameters, items, options = {}) => ({ name, credential, operation, items, options, onError: 'continueRegularOutput', parameters: { resource, ...parameters } });
		const protect = { findBy: 'order', recipientOrder: '={{ $json.order }}', opening: 'PASSWORD', password: '={{ $json.password }}', accessWindow: 'DATES', accessFrom: '={{ $json.from }}', accessUntil: '={{ $json.until }}' };
		await n8n.importWorkflows([
			workflow('wfActions', [
				branch('Approve', 'ba-reviewer', 'package', 'approve', { reason: '={{ $json.reason }}' }, [
					{ id: 70, reason: 'Terms checked' },
					{ id: 71, reason: 'Too early' },
				]),
				branch('Decline', 'ba-signer', 'package', 'decline', { reason: '={{ $json.reason }}' }, [
					{ id: 70, reason: 'The amount is wrong' },
					{ id: 70, reason: ' ' },
				]),
				branch('Protect', 'ba-owner', 'recipient', 'protect', protect, [
					{ id: 73, order: 1, password: OPENING_PASSWORD, from: '2020-01-01T00:00:00Z', until: '2020-01-31T00:00:00Z' },
					{ id: 74, order: 1, password: OPENING_PASSWORD, from: '2026-01-01T00:00:00Z', until: '2026-12-31T00:00:00Z' },
					{ id: 73, order: 2, password: '', from: '2026-01-01T00:00:00Z', until: '2026-12-31T00:00:00Z' },
				]),
				branch('Protect v3', 'ba-owner-v3', 'recipient', 'protect', { ...protect, opening: 'SMS_OTP', mobileNumber: '+447700900123', accessWindow: 'DAYS', accessDays: 3 }, [{ id: 75, order: 1 }]),
				branch('Share protected', 'ba-owner', 'package', 'share', {}, [{ id: 73 }]),
				branch('Approve protected', 'ba-reviewer', 'package', 'approve', { reason: 'Late' }, [{ id: 73 }]),
				branch('Bulk share', 'ba-owner', 'package', 'bulk', { bulkAction: 'SHARE' }, [...BULK_IDS.map((id) => ({ id })), { id: 74 }, { id: 'x' }]),
				branch('Bulk v3', 'ba-owner-v3', 'package', 'bulk', { bulkAction: 'SHARE' }, [{ id: 101 }]),
			]),
		]);
		run = await n8n.execute('wfActions');
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	const items = (name) => (nodeOutput(run.execution, name) ?? []).map((item) => item.json);
	const sent = (method, path) => requestsSent(simulator, method, path);

	test('the workflow ran', () => {
		expect(runSummary(run)).toEqual({ code: 0, nodes: 17, failure: '' });
	});

	test('a reviewer approves with their own login, then a signer of the same package declines with a reason', () => {
		const [approved, early] = items('Approve');
		expect(approved).toEqual({ packageId: 70, approved: true, reason: 'Terms checked' });
		expect(early.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document does not belong to user', message: 'Could not approve package 71: Document does not belong to user' });
		const [declined, noReason] = items('Decline');
		expect(declined).toEqual({ packageId: 70, declined: true, reason: 'The amount is wrong' });
		expect(noReason.error).toMatchObject({ message: 'Reason is empty', attempts: 0 });
		const pkg = simulator.packageOf(70);
		expect([pkg.status, ...pkg.recipients.map((r) => [r.user_email, r.process_status, r.reason])]).toEqual([
			'DECLINED',
			[REVIEWER.email, 'REVIEWED', 'Terms checked'],
			[SIGNER.email, 'DECLINED', 'The amount is wrong'],
		]);
		expect(sent('POST', '/v4/packages/70/approve').map((e) => e.actingUser)).toEqual([REVIEWER.email]);
		expect(sent('POST', '/v3/packages/70/decline').map((e) => e.actingUser)).toEqual([SIGNER.email]);
		expect(simulator.packageOf(71).recipients[1].process_status).toBe('UN_PROCESSED');
	});

	test('a protected document: password and access window set on each version\'s path, the recipient refused outside the window', () => {
		const [protectedOne, shared, noPassword] = items('Protect');
		expect(protectedOne).toEqual({ packageId: 73, order: 1, opening: 'PASSWORD', accessWindow: { from: '2020-01-01T00:00:00.000Z', until: '2020-01-31T00:00:00.000Z' } });
		expect(shared.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document is no longer in draft state' });
		expect(noPassword.error).toMatchObject({ message: 'Password is empty', attempts: 0 });
		expect(sent('PUT', '/v4/enterprise/packages/73/workflow/1/authentication')).toHaveLength(1);
		expect(simulator.packageOf(73).recipients[0].access.authentication.password).toEqual({ enabled: true, user_password: OPENING_PASSWORD });
		expect(items('Protect v3')).toEqual([{ packageId: 75, order: 1, opening: 'SMS_OTP', mobileNumber: '+447700900123', accessWindow: { days: 3 } }]);
		expect(sent('PUT', '/v3/packages/75/workflow/1/authentication')).toHaveLength(1);
		expect(items('Share protected')[0]).toMatchObject({ packageId: 73, shared: true });
		expect(items('Approve protected')[0].error).toMatchObject({ httpCode: 403, signingHubMessage: 'You cannot access this document after the access period ends' });
		expect(simulator.packageOf(73).recipients[0].process_status).toBe('UN_PROCESSED');
	});

	test('20 packages shared in one SigningHub call, every item with its own result; v3 and a bad ID refused before any request', () => {
		const results = nodeOutput(run.execution, 'Bulk share');
		expect(results).toHaveLength(22);
		expect(results.map((item) => item.pairedItem)).toEqual(results.map((_, item) => ({ item })));
		expect(results.slice(0, 20).map((item) => item.json)).toEqual(BULK_IDS.map((packageId) => ({ packageId, action: 'share', status: 'COMPLETED', requiredAction: null, transactionId: expect.stringMatching(/^sim-bulk-/) })));
		expect(results[20].json.error).toMatchObject({ message: 'Could not share package 74: Document is no longer in draft state', packageId: 74 });
		expect(results[21].json.error).toMatchObject({ message: 'Package ID must be a positive whole number, not "x"', attempts: 0 });
		expect(sent('POST', '/v4/packages/SHARE')).toHaveLength(1);
		expect(sent('POST', '/v4/packages/SHARE/status').length).toBeGreaterThanOrEqual(3);
		expect(BULK_IDS.every((id) => simulator.packageOf(id).status === 'IN_PROGRESS')).toBe(true);
		expect(items('Bulk v3')[0].error).toMatchObject({ message: 'Share or Sign in Bulk needs SigningHub API v4', attempts: 0 });
	});

	test('no secret in any output or log; the opening password in no SigningHub node output', () => {
		const everything = [run.output, JSON.stringify(simulator.log)].join('\n');
		for (const secret of [CLIENT_SECRET, REVIEWER.password, SIGNER.password, ...DEFAULT_SCENARIO.users.map((u) => u.password), ...simulator.issued]) {
			expect(everything.includes(secret) ? secret : null).toBeNull();
		}
		// The items given to Protect hold it (the workflow's own data); what the node puts out must not.
		const signingHubNodes = ['Approve', 'Decline', 'Protect', 'Protect v3', 'Share protected', 'Approve protected', 'Bulk share', 'Bulk v3'];
		expect(signingHubNodes.every((name) => nodeOutput(run.execution, name)?.length > 0)).toBe(true);
		const outputs = JSON.stringify(signingHubNodes.map((name) => nodeOutput(run.execution, name))) + JSON.stringify(simulator.log);
		expect(outputs.includes(OPENING_PASSWORD)).toBe(false);
	});
});
