// An on-premises SigningHub behind a certificate from an internal authority: refused with a
// clear message, accepted with the credential's Ignore SSL Issues switch.
const { SigningHubSimulator } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput } = require('./n8n');
const { CLIENT_SECRET, ids, loginCredential, workflow } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

describe.each(versionsUnderTest())('HTTPS with an internal certificate authority in n8n %s', (version) => {
	const simulator = new SigningHubSimulator({}, { https: true });
	let n8n;
	let run;

	beforeAll(async () => {
		const url = await simulator.start();
		const strict = loginCredential('tls-strict', url);
		const lenient = loginCredential('tls-ignore', url);
		lenient.data.ignoreSslIssues = true;
		simulator.reset({ clients: [strict, lenient].map((c) => ({ id: c.data.clientId, secret: CLIENT_SECRET })) });
		n8n = await N8nSandbox.create(version);
		await n8n.importCredentials([strict, lenient]);
		await n8n.importWorkflows([
			workflow('wfTls', [
				{ name: 'Strict', credential: 'tls-strict', items: ids(40001, 2), onError: 'continueRegularOutput' },
				{ name: 'Ignore SSL Issues', credential: 'tls-ignore', items: ids(40101, 2), onError: 'continueRegularOutput' },
			]),
		]);
		run = await n8n.execute('wfTls');
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	test('an untrusted certificate fails every item with the way out, and nothing is sent', () => {
		const errors = nodeOutput(run.execution, 'Strict').map((item) => item.json.error);
		expect(errors).toHaveLength(2);
		expect(errors[0].message).toMatch(/certificate .* is not trusted/);
		expect(errors[0].description).toMatch(/Ignore SSL Issues/);
		expect(errors[0].httpCode).toBeNull();
		expect(simulator.log.filter((e) => e.clientId === 'client-tls-strict')).toHaveLength(0);
	});

	test('with Ignore SSL Issues on, login and completes go through', () => {
		expect(nodeOutput(run.execution, 'Ignore SSL Issues').map((item) => item.json)).toEqual(
			ids(40101, 2).map(({ id }) => ({ packageId: id, completed: true })),
		);
		expect(simulator.log.filter((e) => e.clientId === 'client-tls-ignore').map((e) => e.path)).toEqual([
			'/authenticate',
			'/v3/packages/40101/complete',
			'/v3/packages/40102/complete',
		]);
	});
});
