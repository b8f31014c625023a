// Package > Rename: per item, bad input before any request, a stranger's package refused.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();
const rename = { resource: 'package', operation: 'rename', packageId: '={{ $json.packageId }}', packageName: '={{ $json.name }}' };

describe.each(['v4', 'v3'])('Package > Rename (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT', name: 'Old' }, { id: 8, owner: 'colleague@example.com', status: 'DRAFT' }] }));

	it('renames each package to its own name', async () => {
		const { output } = await harness.run(rename, [{ packageId: 7, name: '  Contract ACME  ' }], { apiVersion });
		expect(output[0].json).toEqual({ packageId: 7, packageName: 'Contract ACME', renamed: true });
		expect(harness.sim.packageOf(7).name).toBe('Contract ACME');
	});

	it('refuses an empty name before any request, and says whose package it is not', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(rename, [{ packageId: 7, name: ' ' }, { packageId: 8, name: 'Mine' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'New Name is empty', attempts: 0 });
		expect(output[1].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document does not belong to user' });
		expect(harness.requests(from).filter((entry) => entry.method === 'PUT' && entry.status !== 401).map((entry) => entry.path)).toEqual([`/${apiVersion}/packages/8`]);
	});
});
