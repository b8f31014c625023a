// Act as User per item: one Enterprise Admin credential completes the packages of many owners
// in one run, each with its owner's token, one token request per user. Beside it: the email
// sent is the one checked, and a Client Credentials (No Password) credential runs, but refuses
// Act as User.
const { SigningHubSimulator, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, clientCredential, loginCredential, workflow } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

const OWNERS = ['owner@example.com', 'colleague@example.com', 'third@example.com'];

describe.each(versionsUnderTest())('Act as User in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	let run;
	const items = Array.from({ length: 30 }, (_, i) => ({ id: 81001 + i, owner: OWNERS[i % 3] }));

	const logOf = (credentialId) => simulator.log.filter((entry) => entry.clientId === `client-${credentialId}`);

	beforeAll(async () => {
		const url = await simulator.start();
		const admin = { user: 'admin@example.com', password: 'admin-pass-9e3f', scope: 'owner@example.com', apiVersion: 'v4', extra: { actAsUserPolicy: 'anyUser' } };
		const listed = { ...admin, extra: { actAsUserPolicy: 'listed', actAsUserAllowed: 'kim@example.com' } };
		const credentials = [loginCredential('admin', url, admin), loginCredential('plain-login', url), loginCredential('admin-listed', url, listed), clientCredential('cc', url)];
		simulator.reset({
			// The client-credentials integration's token acts as the admin who registered it (simulator README, "Client credentials").
			clients: credentials.map((c) => ({ id: c.data.clientId, secret: CLIENT_SECRET, registeredBy: c.id === 'cc' ? 'admin@example.com' : undefined })),
			users: [
				...DEFAULT_SCENARIO.users,
				{ email: 'third@example.com', password: 'third-pass-6a1d', enterprise: 'acme' },
				{ email: 'kim@example.com', password: 'kim-pass-3d9a', enterprise: 'acme' },
			],
			packages: [
				...items.map(({ id, owner }) => ({ id, owner, status: 'IN_PROGRESS' })),
				{ id: 83001, owner: 'admin@example.com', status: 'IN_PROGRESS' },
				{ id: 84001, owner: 'kim@example.com', status: 'IN_PROGRESS' },
			],
		});
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials(credentials);
		await n8n.importWorkflows([
			workflow('wfActAs', [
				{ name: 'Each owner', credential: 'admin', items, options: { actAsUser: '={{ $json.owner }}' } },
				{ name: 'Not an admin', credential: 'plain-login', items: [{ id: 82001, owner: 'colleague@example.com' }], options: { actAsUser: '={{ $json.owner }}' }, onError: 'continueRegularOutput' },
				{ name: 'Not an email', credential: 'admin', items: [{ id: 82002, owner: 'colleague' }], options: { actAsUser: '={{ $json.owner }}' }, onError: 'continueRegularOutput' },
				{ name: 'Kelvin sign', credential: 'admin-listed', items: [{ id: 84001, owner: '\u212Aim@Example.com' }], options: { actAsUser: '={{ $json.owner }}' } },
				{ name: 'Client credentials', credential: 'cc', items: [{ id: 83001 }] },
				{ name: 'Client credentials acting', credential: 'cc', items: [{ id: 83002, owner: 'owner@example.com' }], options: { actAsUser: '={{ $json.owner }}' }, onError: 'continueRegularOutput' },
			]),
		]);
		run = await n8n.execute('wfActAs');
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	test('30 packages of three owners: each completed by its own owner\'s token, three token requests in all', () => {
		expect(run.code).toBe(0);
		expect(nodeOutput(run.execution, 'Each owner').map((item) => item.json)).toEqual(items.map(({ id }) => ({ packageId: id, completed: true })));
		for (const { id, owner } of items) {
			const completes = logOf('admin').filter((e) => e.path === `/v4/packages/${id}/complete`);
			expect(completes.map((e) => e.actingUser)).toEqual([owner]);
			expect(simulator.packageOf(id).completedBy).toBe(owner);
		}
		const logins = logOf('admin').filter((e) => e.path === '/authenticate');
		expect(logins.map((e) => e.scope).sort()).toEqual([...OWNERS].sort());
		expect(logins.every((e) => e.username === 'admin@example.com' && e.grantType === 'password')).toBe(true);
	});

	test('Act as User with a credential that is not an Enterprise Admin one fails the item, before any request', () => {
		const [item] = nodeOutput(run.execution, 'Not an admin').map((i) => i.json);
		expect(item.error.message).toBe('Act as User needs an Enterprise Admin credential');
		expect(logOf('plain-login')).toHaveLength(0);
	});

	test('an Act as User that is not an email fails the item, before any request', () => {
		const [item] = nodeOutput(run.execution, 'Not an email').map((i) => i.json);
		expect(item.error.message).toMatch(/Act as User must be an email address/);
		expect(simulator.log.some((e) => e.path.includes('82002'))).toBe(false);
	});

	test('Act as User sends the email it checked: a Kelvin sign listed as K is sent as K', () => {
		expect(nodeOutput(run.execution, 'Kelvin sign').map((item) => item.json)).toEqual([{ packageId: 84001, completed: true }]);
		expect(logOf('admin-listed').filter((e) => e.path === '/authenticate').map((e) => e.scope)).toEqual(['kim@example.com']);
		expect(simulator.packageOf(84001).completedBy).toBe('kim@example.com');
	});

	test('a Client Credentials credential runs with one client-credentials login, and refuses Act as User before any request', () => {
		expect(nodeOutput(run.execution, 'Client credentials').map((item) => item.json)).toEqual([{ packageId: 83001, completed: true }]);
		expect(logOf('cc').map((e) => `${e.method} ${e.path} ${e.grantType ?? e.actingUser} ${e.status}`)).toEqual([
			'POST /authenticate client_credentials 200',
			'POST /v4/packages/83001/complete admin@example.com 200',
		]);
		const [refused] = nodeOutput(run.execution, 'Client credentials acting').map((i) => i.json);
		expect(refused.error.message).toBe("Act as User is not available with 'Client Credentials (No Password)'");
		expect(simulator.log.some((e) => e.path.includes('83002'))).toBe(false);
	});

	test('no secret in any output or log', () => {
		const everything = [run.output, JSON.stringify(simulator.log)].join('\n');
		for (const secret of [CLIENT_SECRET, 'admin-pass-9e3f', 'third-pass-6a1d', 'kim-pass-3d9a', ...simulator.issued]) {
			expect(everything.includes(secret) ? secret : null).toBeNull();
		}
	});
});
