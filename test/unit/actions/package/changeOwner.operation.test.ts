// Package > Change Owner: a leaver's packages to a colleague through an enterprise admin acting
// as the leaver; the old owner loses access; SigningHub's refusals (draft, stranger) with advice.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();
const ADMIN = { authMethod: 'enterpriseScope', clientId: 'n8n-integration', clientSecret: 'sim-client-secret-4f9a', username: 'admin@example.com', password: 'admin-pass-9e3f', scope: 'admin@example.com', actAsUserPolicy: 'anyUser', sessionToken: '' };
const change = (options: object = {}) => ({ resource: 'package', operation: 'changeOwner', packageId: '={{ $json.packageId }}', newOwner: '={{ $json.to }}', options });

describe.each(['v4', 'v3'])('Package > Change Owner (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'IN_PROGRESS' },
				{ id: 8, owner: OWNER, status: 'COMPLETED' },
				{ id: 9, owner: OWNER, status: 'DRAFT' },
			],
		}),
	);

	it("moves a leaver's packages to a colleague, acting as the leaver", async () => {
		const credentials = { ...ADMIN, baseUrl: harness.url, apiVersion };
		const items = [7, 8].map((packageId) => ({ packageId, owner: OWNER, to: 'colleague@example.com' }));
		const { output } = await harness.run(change({ actAsUser: '={{ $json.owner }}' }), items, { apiVersion, credentials });
		expect(output.map((item) => item.json)).toEqual([7, 8].map((packageId) => ({ packageId, newOwner: 'colleague@example.com', ownerChanged: true })));
		expect([7, 8].map((id) => harness.sim.packageOf(id).owner)).toEqual(['colleague@example.com', 'colleague@example.com']);
		// The old owner no longer reaches it.
		const again = await harness.run({ resource: 'workflow', operation: 'get', packageId: 7 }, [{}], { apiVersion, continueOnFail: true });
		expect(again.output[0].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document does not belong to user' });
	});

	it("gives SigningHub's refusal for a draft and for a user of another enterprise, with advice", async () => {
		const { output } = await harness.run(change(), [{ packageId: 9, to: 'colleague@example.com' }, { packageId: 7, to: 'outsider@globex.example' }], { apiVersion, continueOnFail: true });
		for (const item of output) {
			expect(item.json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'You are not allowed to perform the requested operation', description: expect.stringContaining('in progress or completed') });
		}
		expect(harness.sim.packageOf(7).owner).toBe(OWNER);
	});

	it('refuses a new owner that is not an email before any request', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(change(), [{ packageId: 7, to: 'colleague' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'New Owner must be an email address, not "colleague"', attempts: 0, newOwner: 'colleague' });
		expect(harness.requests(from)).toEqual([]);
	});
});
