// Every operation at SigningHub's edges, in a real n8n: search in any script, a bad item stops
// the run before anything is sent, SMS recipients with their mobile number, Act as User only as
// the credential allows, an expression n8n refuses names its field, Create's workflow mode on
// v4, and downloads received under Max File Size.
const { SigningHubSimulator, DEFAULT_SCENARIO } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, loginCredential, workflow } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(15 * 60 * 1000);

const OWNER = 'owner@example.com';
const ADMIN = { user: 'admin@example.com', password: 'admin-pass-9e3f', scope: OWNER, apiVersion: 'v4' };
const keep = 'continueRegularOutput';
const json = (items) => (items ?? []).map((item) => item.json);
const errors = (items) => json(items).map((j) => j.error);

const SEARCHED = [
	{ id: 91001, owner: OWNER, status: 'IN_PROGRESS', name: 'Договор поставки' },
	{ id: 91002, owner: OWNER, status: 'DRAFT', name: 'Договор аренды' },
	{ id: 91003, owner: OWNER, status: 'IN_PROGRESS', name: '合同 2026' },
	{ id: 91004, owner: OWNER, status: 'IN_PROGRESS', name: 'Café contract' },
	{ id: 91005, owner: OWNER, status: 'IN_PROGRESS', name: 'Sales contract' },
];
const TWO_MB = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);

describe.each(versionsUnderTest({ newestOnly: true }))('SigningHub at its edges in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	const runs = {};

	const logOf = (credentialId, { from = 0, to = undefined } = {}) => simulator.log.slice(from, to).filter((entry) => entry.clientId === `client-${credentialId}`);

	beforeAll(async () => {
		const url = await simulator.start();
		const credentials = [
			loginCredential('owner-v3', url),
			loginCredential('owner-v4', url, { apiVersion: 'v4' }),
			loginCredential('admin-default', url, ADMIN),
			loginCredential('admin-listed', url, { ...ADMIN, extra: { actAsUserPolicy: 'listed', actAsUserAllowed: 'colleague@example.com, @globex.example' } }),
			loginCredential('stop', url),
		];
		simulator.reset({
			clients: credentials.map((c) => ({ id: c.data.clientId, secret: CLIENT_SECRET })),
			users: [...DEFAULT_SCENARIO.users, { email: 'third@example.com', password: 'third-pass-6a1d', enterprise: 'acme' }],
			packages: [
				...SEARCHED,
				{ id: 91101, owner: OWNER, status: 'DRAFT' },
				{ id: 91102, owner: OWNER, status: 'DRAFT' },
				{ id: 91201, owner: 'colleague@example.com', status: 'IN_PROGRESS' },
				{ id: 91202, owner: 'colleague@example.com', status: 'IN_PROGRESS' },
				{ id: 91203, owner: 'third@example.com', status: 'IN_PROGRESS' },
				{ id: 91301, owner: OWNER, status: 'COMPLETED', documents: [{ name: 'big.pdf', content: TWO_MB }] },
				{ id: 91401, owner: OWNER, status: 'DRAFT' },
				{ id: 91402, owner: OWNER, status: 'DRAFT' },
				{ id: 91403, owner: OWNER, status: 'DRAFT' },
			],
		});
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials(credentials);
		const search = (credential) => ({
			credential,
			onError: keep,
			operation: 'getMany',
			items: [{ q: 'Договор' }, { q: '合同' }, { q: 'café' }],
			parameters: { resource: 'package', status: 'ALL', searchText: '={{ $json.q }}', returnAll: true },
		});
		const addRecipient = { resource: 'recipient', operation: 'add', email: '={{ $json.email }}', name: '={{ $json.name }}', role: 'SIGNER' };
		await n8n.importWorkflows([
			workflow('wfEdges', [
				{ name: 'Search v3', ...search('owner-v3') },
				{ name: 'Search v4', ...search('owner-v4') },
				{
					name: 'SMS v4',
					credential: 'owner-v4',
					onError: keep,
					packageId: '={{ $json.packageId }}',
					items: [
						{ packageId: 91101, email: 'sms@example.com', name: 'By SMS', mobile: '+44 7700 900123', delivery: 'SMS' },
						{ packageId: 91101, email: 'both@example.com', name: 'Both', mobile: '0044 (7700) 900-124', delivery: 'EMAIL_AND_SMS' },
						{ packageId: 91101, email: 'none@example.com', name: 'No number', mobile: '', delivery: 'SMS' },
						{ packageId: 91101, email: 'bad@example.com', name: 'Bad number', mobile: '12345', delivery: 'SMS' },
					],
					parameters: addRecipient,
					options: { deliveryMethod: '={{ $json.delivery }}', mobileNumber: '={{ $json.mobile }}' },
				},
				{
					name: 'SMS v3',
					credential: 'owner-v3',
					onError: keep,
					packageId: '={{ $json.packageId }}',
					items: [{ packageId: 91102, email: 'sms@example.com', name: 'By SMS', mobile: '+447700900123', delivery: 'SMS' }],
					parameters: addRecipient,
					options: { deliveryMethod: '={{ $json.delivery }}', mobileNumber: '={{ $json.mobile }}' },
				},
				{ name: 'Expression refused', credential: 'owner-v3', onError: keep, items: [{ id: 91501 }], packageId: '={{ $json.constructor }}' },
				{ name: 'Act as User not allowed', credential: 'admin-default', onError: keep, operation: 'get', items: [{ id: 91201, owner: 'colleague@example.com' }], options: { actAsUser: '={{ $json.owner }}' } },
				{
					name: 'Act as User listed',
					credential: 'admin-listed',
					onError: keep,
					operation: 'get',
					items: [
						{ id: 91202, owner: 'colleague@example.com' },
						{ id: 91203, owner: 'third@example.com' },
					],
					options: { actAsUser: '={{ $json.owner }}' },
				},
				{ name: 'Create v4', credential: 'owner-v4', onError: keep, operation: 'create', items: [{ name: 'Mode by default' }], parameters: { resource: 'package', packageName: '={{ $json.name }}' } },
				{ name: 'Download', credential: 'owner-v3', onError: keep, operation: 'download', items: [{ id: 91301 }], parameters: { resource: 'package' } },
				{ name: 'Download too large', credential: 'owner-v3', onError: keep, operation: 'download', items: [{ id: 91301 }], parameters: { resource: 'package' }, options: { maxFileSize: 1 } },
			]),
			workflow('wfStopBadItem', [
				{
					name: 'Create 20',
					credential: 'stop',
					operation: 'create',
					items: Array.from({ length: 20 }, (_, i) => ({ name: i === 3 ? '' : `Batch ${i}` })),
					parameters: { resource: 'package', packageName: '={{ $json.name }}' },
				},
			]),
			workflow('wfStopAfterSome', [
				{ name: 'Delete', credential: 'stop', operation: 'delete', items: [{ id: 91401 }, { id: 91402 }, { id: 999999990 }, { id: 91403 }], parameters: { resource: 'package' }, options: { parallelRequests: 1 } },
			]),
		]);
		for (const id of ['wfEdges', 'wfStopBadItem', 'wfStopAfterSome']) {
			const from = simulator.log.length;
			runs[id] = { ...(await n8n.execute(id)), from, to: undefined };
			runs[id].to = simulator.log.length;
		}
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	const main = (node) => nodeOutput(runs.wfEdges.execution, node);

	test('the workflow ran to the end', () => {
		expect({ code: runs.wfEdges.code, output: runs.wfEdges.code === 0 ? '' : runs.wfEdges.output.slice(-4000) }).toEqual({ code: 0, output: '' });
	});

	test.each(['Search v3', 'Search v4'])('%s: Search Text filters in any script, each search paired to its item', (node) => {
		const found = main(node).map((item) => [item.pairedItem.item, item.json.package_id]);
		expect(found.sort()).toEqual([
			[0, 91001],
			[0, 91002],
			[1, 91003],
			[2, 91004],
		]);
	});

	test('the search goes as SigningHub documents it: Base64 of UTF-8 in x-search-text on v3, the package-name filter on v4', () => {
		const v3 = logOf('owner-v3').filter((e) => e.path.startsWith('/v3/packages/ALL/'));
		expect(v3.map((e) => e.decoded?.['x-search-text'])).toEqual(['Договор', '合同', 'café']);
		const v4 = logOf('owner-v4').filter((e) => e.path.startsWith('/v4/packages/ALL/'));
		expect(v4.map((e) => new URLSearchParams(e.query).get('package-name'))).toEqual(['Договор', '合同', 'café']);
	});

	test('Recipient > Add by SMS sends the mobile number in international form; a missing or bad number fails its item before any request', () => {
		const out = json(main('SMS v4'));
		expect(out.slice(0, 2)).toEqual([
			{ packageId: 91101, email: 'sms@example.com', name: 'By SMS', role: 'SIGNER', added: true },
			{ packageId: 91101, email: 'both@example.com', name: 'Both', role: 'SIGNER', added: true },
		]);
		expect(out[2].error).toMatchObject({ message: 'Mobile Number is empty', httpCode: null, attempts: 0 });
		expect(out[3].error.message).toBe('Mobile Number must be an international number such as +447700900123, not "12345"');
		const recipients = simulator.packageOf(91101).recipients.map((r) => [r.user_email, r.delivery_method, r.mobile_number]);
		expect(recipients).toEqual([
			['sms@example.com', 'SMS', '+447700900123'],
			['both@example.com', 'EMAIL_AND_SMS', '+447700900124'],
		]);
		expect(logOf('owner-v4').filter((e) => e.path === '/v4/packages/91101/workflow/users')).toHaveLength(2);
	});

	test('SMS on v3 fails the item, saying v4 is needed', () => {
		expect(errors(main('SMS v3'))[0]).toMatchObject({ message: "Delivery Method SMS needs SigningHub's API v4", attempts: 0 });
		expect(simulator.packageOf(91102).recipients).toEqual([]);
	});

	test("an expression n8n refuses fails its item with the field's name and n8n's words", () => {
		const [error] = errors(main('Expression refused'));
		expect(error.message).toMatch(/^Package ID: \S/);
		expect(error.message).not.toMatch(/unexpected/i);
		expect(error.description).not.toMatch(/unexpected error happened/i);
		expect(error).toMatchObject({ httpCode: null, attempts: 0 });
	});

	test('Act as User is refused unless the credential allows it, and then only for the users and domains it lists', () => {
		const [refused] = errors(main('Act as User not allowed'));
		expect(refused.message).toBe('The SigningHub credential does not allow nodes to act for other users');
		expect(refused.description).toMatch(/Allow Act as User From Nodes/);
		const listed = json(main('Act as User listed'));
		expect(listed[0]).toMatchObject({ package_id: 91202, package_owner: 'colleague@example.com' });
		expect(listed[1].error.message).toBe('The SigningHub credential does not list third@example.com among the users nodes may act for');
		const scopes = [...logOf('admin-default'), ...logOf('admin-listed')].filter((e) => e.path === '/authenticate').map((e) => e.scope);
		expect(scopes).not.toContain('third@example.com');
		expect(logOf('admin-default').filter((e) => e.path !== '/authenticate')).toEqual([]);
	});

	test('Create on v4 always sends a workflow mode: Only Others unless the option says otherwise', () => {
		const [created] = json(main('Create v4'));
		expect(created).toMatchObject({ packageName: 'Mode by default', workflow_mode: 'ONLY_OTHERS' });
		expect(simulator.packageOf(created.packageId).workflowMode).toBe('ONLY_OTHERS');
	});

	test('a download is received whole under Max File Size, and fails its item clearly above it', () => {
		const [item] = main('Download');
		expect(item.json).toMatchObject({ packageId: 91301, fileName: 'big.pdf', mimeType: 'application/pdf' });
		// The whole file, and the simulator's "signed by" mark after it.
		expect(item.json.fileSize).toBeGreaterThan(TWO_MB.length);
		const [error] = errors(main('Download too large'));
		expect(error).toMatchObject({ message: 'Could not download package 91301: the file is larger than 1 MB (Max File Size)', httpCode: null });
	});

	test('On Error = Stop: a bad item stops the run before anything is sent', () => {
		const run = runs.wfStopBadItem;
		expect(run.code).not.toBe(0);
		expect(run.output).toMatch(/Package Name is empty \[item 3\]/);
		expect(logOf('stop', run).filter((e) => e.path !== '/authenticate')).toEqual([]);
	});

	test('a SigningHub error that stops the run lists the items already carried out', () => {
		const run = runs.wfStopAfterSome;
		expect(run.code).not.toBe(0);
		expect(run.output).toMatch(/Document not found \[item 2\]/);
		expect(run.output).toMatch(/SigningHub carried out items 0 to 1: leave them out when you run the others again/);
		expect(simulator.packageOf(91401)).toBeUndefined();
		expect(simulator.packageOf(91403)).toBeDefined();
	});

	test('no secret in any output or log', () => {
		const everything = [...Object.values(runs).map((run) => run.output), JSON.stringify(simulator.log)].join('\n');
		for (const secret of [CLIENT_SECRET, ...simulator.issued, ...DEFAULT_SCENARIO.users.map((u) => u.password)]) {
			expect(everything.includes(secret) ? secret : null).toBeNull();
		}
	});
});
