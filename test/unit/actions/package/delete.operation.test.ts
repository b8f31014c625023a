// Package > Delete: each item's package deleted, bad input refused before any request,
// SigningHub's refusals in its words, and its output, on v3 and v4.
import { API_VERSIONS, NOT_OWNER, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const deletion = { resource: 'package', operation: 'delete', packageId: '={{ $json.packageId }}' };

describe.each(API_VERSIONS)('Package > Delete (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'DRAFT' },
				{ id: 8, owner: OWNER, status: 'COMPLETED' },
				{ id: 9, owner: 'colleague@example.com', status: 'DRAFT' },
			],
		}),
	);

	it("deletes each item's package, whatever its state", async () => {
		const { output } = await harness.run(deletion, [{ packageId: 7 }, { packageId: 8 }], { apiVersion });

		expect(harness.calls()).toEqual([`DELETE /${apiVersion}/packages/7`, `DELETE /${apiVersion}/packages/8`]);
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ packageId: 7, deleted: true }, { item: 0 }],
			[{ packageId: 8, deleted: true }, { item: 1 }],
		]);
		expect([harness.sim.packageOf(7), harness.sim.packageOf(8)]).toEqual([undefined, undefined]);
	});

	it('refuses a Package ID that is not a positive whole number before any request', async () => {
		const errors = await harness.refused(deletion, [{ packageId: '7,8' }, { packageId: { id: 7 } }], { apiVersion });
		expect(errors.map((error) => error.message)).toEqual(['Package ID must be a positive whole number, not "7,8"', 'Package ID must be a positive whole number, not "{"id":7}"']);
	});

	it("passes SigningHub's refusals on in its words: a package already deleted, another owner's", async () => {
		await harness.run(deletion, [{ packageId: 7 }], { apiVersion });
		const errors = await harness.errors(deletion, [{ packageId: 7 }, { packageId: 9 }], { apiVersion });
		expect(errors).toEqual([
			expect.objectContaining({ httpCode: 404, message: 'Could not delete package 7: Document not found', packageId: 7 }),
			expect.objectContaining({ ...NOT_OWNER, packageId: 9 }),
		]);
		expect(harness.sim.packageOf(9)).toBeDefined();
	});
});
