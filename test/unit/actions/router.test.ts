// The router: every item is read and checked before any is sent, so On Error = Stop fails a run
// with a bad item before the first request; a SigningHub error that stops a run lists the items
// already carried out; an expression n8n refuses names its field.
import { nodeHarness, OWNER } from './harness';

const harness = nodeHarness();

const create = { resource: 'package', operation: 'create', packageName: '={{ $json.name }}', options: {} };

describe('the router', () => {
	beforeEach(() => harness.sim.reset({ packages: [1, 2, 3].map((id) => ({ id, owner: OWNER, status: 'DRAFT' })) }));

	it('with On Error = Stop, fails a run with a bad item before anything is sent', async () => {
		const from = harness.sim.log.length;
		const items = Array.from({ length: 20 }, (_, i) => ({ name: i === 3 ? '' : `Batch ${i}` }));
		await expect(harness.run(create, items)).rejects.toThrow('Package Name is empty [item 3]');
		expect(harness.sim.log.slice(from)).toEqual([]);
	});

	it('with a Continue setting, sends every good item and pairs the bad one to its error', async () => {
		const { output } = await harness.run(create, [{ name: 'A' }, { name: '' }, { name: 'B' }], { continueOnFail: true });
		expect(output.map((item) => [item.pairedItem, item.json.packageName ?? (item.json.error as { message: string }).message])).toEqual([
			[{ item: 0 }, 'A'],
			[{ item: 1 }, 'Package Name is empty'],
			[{ item: 2 }, 'B'],
		]);
	});

	it('when SigningHub stops the run, the description lists the items already carried out', async () => {
		const remove = { resource: 'package', operation: 'delete', packageId: '={{ $json.id }}', options: { parallelRequests: 1 } };
		const run = harness.run(remove, [{ id: 1 }, { id: 2 }, { id: 999999990 }, { id: 3 }]);
		await expect(run).rejects.toMatchObject({
			message: 'Could not delete package 999999990: Document not found [item 2]',
			description: expect.stringMatching(/Before the run stopped, SigningHub carried out items 0 to 1: leave them out when you run the others again\.$/),
		});
		expect(harness.sim.packageOf(3)).toBeDefined();
	});

	it("names the field whose expression n8n refused, with n8n's words (here the fake context's)", async () => {
		const from = harness.sim.log.length;
		const complete = { resource: 'workflow', operation: 'complete', packageId: '={{ $json.id + 1 }}', options: {} };
		const { output } = await harness.run(complete, [{ id: 1 }], { continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringMatching(/^Package ID: the fake context evaluates only/), attempts: 0, httpCode: null });
		expect(harness.sim.log.slice(from)).toEqual([]);
	});
});

describe('an item that failed', () => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 1, owner: OWNER, status: 'COMPLETED' }, { id: 2, owner: 'colleague@example.com', status: 'DRAFT' }] }));
	const verify = { resource: 'package', operation: 'verifySignatures', packageId: '={{ $json.id }}', options: {} };

	it('names the call it failed on, and a call this SigningHub does not know as such', async () => {
		harness.sim.setOptions({ unknownRoutes: [{ method: 'GET', path: '^/v4/packages/1/verification$' }] });
		const [unknown, refused, bad] = await harness.errors(verify, [{ id: 1 }, { id: 2 }, { id: 'x' }]);
		expect(unknown).toMatchObject({
			httpCode: 404,
			signingHubMessage: 'No HTTP resource was found that matches the request URI',
			method: 'GET',
			path: '/v4/packages/1/verification',
			description: expect.stringMatching(/^GET \/v4\/packages\/1\/verification: SigningHub answered that it has no such call at all/),
		});
		expect(refused).toMatchObject({ httpCode: 403, signingHubMessage: 'Document does not belong to user', method: 'GET', path: '/v4/packages/2/verification' });
		expect(bad).toMatchObject({ message: 'Package ID must be a positive whole number, not "x"', method: null, path: null });
	});

	it('names the call of a refusal on v3, where the route is known, and the login call when the login failed', async () => {
		harness.sim.setOptions({ unknownRoutes: [{ path: '^/v4/' }] });
		const [v3] = await harness.errors({ ...verify, packageId: 2 }, [{}], { apiVersion: 'v3' });
		expect(v3).toMatchObject({ httpCode: 403, signingHubMessage: 'Document does not belong to user', method: 'GET', path: '/v3/packages/2/verification' });
		const wrongPassword = { authMethod: 'userLogin', baseUrl: harness.url, apiVersion: 'v3', clientId: 'n8n-integration', clientSecret: 'sim-client-secret-4f9a', username: OWNER, password: 'wrong', sessionToken: '' };
		const [login] = await harness.errors(verify, [{ id: 1 }], { credentials: wrongPassword });
		expect(login).toMatchObject({ httpCode: 400, signingHubMessage: 'Invalid username or password', method: 'POST', path: '/authenticate' });
	});
});
