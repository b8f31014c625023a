// Package > Recall: each item's shared package back to draft, bad input refused before any
// request, SigningHub's refusals in its words, and its output, on v3 and v4.
import { API_VERSIONS, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const recall = { resource: 'package', operation: 'recall', packageId: '={{ $json.packageId }}' };

const recipients = [
	{ user_email: 'signer@example.com', role: 'SIGNER', process_status: 'SIGNED' },
	{ user_email: 'colleague@example.com', role: 'SIGNER' },
];

describe.each(API_VERSIONS)('Package > Recall (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'IN_PROGRESS', recipients },
				{ id: 8, owner: OWNER, status: 'IN_PROGRESS', recipients },
				{ id: 9, owner: OWNER, status: 'DRAFT', recipients },
			],
		}),
	);

	it("takes each item's package back to draft, every recipient to act again", async () => {
		const { output } = await harness.run(recall, [{ packageId: 7 }, { packageId: 8 }], { apiVersion });

		expect(harness.calls()).toEqual([`DELETE /${apiVersion}/packages/7/workflow`, `DELETE /${apiVersion}/packages/8/workflow`]);
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ packageId: 7, recalled: true }, { item: 0 }],
			[{ packageId: 8, recalled: true }, { item: 1 }],
		]);
		const recalled = harness.sim.packageOf(7);
		expect([recalled.status, ...recalled.recipients.map((r: { process_status: string }) => r.process_status)]).toEqual(['DRAFT', 'UN_PROCESSED', 'UN_PROCESSED']);
	});

	it('refuses a Package ID that is not a positive whole number before any request', async () => {
		const errors = await harness.refused(recall, [{ packageId: '1e3' }, { packageId: ' ' }], { apiVersion });
		expect(errors.map((error) => error.message)).toEqual(['Package ID must be a positive whole number, not "1e3"', 'Package ID is empty']);
	});

	it("passes SigningHub's documented refusal of a package not in progress on in its words (v3 guide, 1091)", async () => {
		const documented = 'Document should be recalled by owner in In Progress or Pending state';
		const errors = await harness.errors(recall, [{ packageId: 9 }, { packageId: 7 }], { apiVersion });
		expect(errors).toEqual([expect.objectContaining({ httpCode: 403, message: `Could not recall package 9: ${documented}`, packageId: 9 }), undefined]);
	});
});
