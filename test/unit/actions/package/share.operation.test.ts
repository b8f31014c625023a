// Package > Share: each item's draft package shared, bad input refused before any request,
// SigningHub's documented refusals in its words, and its output, on v3 and v4.
import { API_VERSIONS, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const share = { resource: 'package', operation: 'share', packageId: '={{ $json.packageId }}' };

const signer = { user_email: 'signer@example.com', role: 'SIGNER' };

describe.each(API_VERSIONS)('Package > Share (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'DRAFT', documents: [{ name: 'contract.pdf', content: 'PDF' }], recipients: [signer] },
				{ id: 8, owner: OWNER, status: 'DRAFT', recipients: [signer] },
				{ id: 9, owner: OWNER, status: 'IN_PROGRESS', recipients: [signer] },
				{ id: 10, owner: OWNER, status: 'DRAFT' },
			],
		}),
	);

	it("starts each item's package workflow and passes on SigningHub's answer", async () => {
		const { output } = await harness.run(share, [{ packageId: 7 }, { packageId: '8' }], { apiVersion });

		expect(harness.calls()).toEqual([`POST /${apiVersion}/packages/7/workflow`, `POST /${apiVersion}/packages/8/workflow`]);
		expect([7, 8].map((id) => harness.sim.packageOf(id).status)).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
		const [contract] = harness.sim.packageOf(7).documents;
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ packageId: 7, shared: true, packages: [{ package_id: 7, documents: [{ document_id: contract.id, document_name: 'contract.pdf' }] }] }, { item: 0 }],
			[{ packageId: 8, shared: true, packages: [{ package_id: 8, documents: [] }] }, { item: 1 }],
		]);
	});

	it('refuses a Package ID that is not a positive whole number before any request', async () => {
		const errors = await harness.refused(share, [{ packageId: '7.5' }, { packageId: null }], { apiVersion });
		expect(errors.map((error) => [error.message, error.packageId])).toEqual([
			['Package ID must be a positive whole number, not "7.5"', '7.5'],
			['Package ID is empty', null],
		]);
	});

	it("passes SigningHub's documented refusals on in its words, each to its own item", async () => {
		const errors = await harness.errors(share, [{ packageId: 9 }, { packageId: 10 }, { packageId: 7 }], { apiVersion });
		expect(errors).toEqual([
			expect.objectContaining({ httpCode: 403, message: 'Could not share package 9: Document is no longer in draft state', packageId: 9 }),
			expect.objectContaining({ httpCode: 404, signingHubMessage: 'You must add 1 or more signers before sharing the document', packageId: 10 }),
			undefined,
		]);
		expect(harness.sim.packageOf(10).status).toBe('DRAFT');
	});

	it('never shares twice: an answer lost after SigningHub shared fails the item without a second try', async () => {
		harness.sim.addFaults({ path: '/packages/7/workflow$', method: 'POST', kind: 'drop', after: true, times: 1 });
		const [error] = await harness.errors(share, [{ packageId: 7 }], { apiVersion });
		expect(error).toMatchObject({ httpCode: null, attempts: 1, packageId: 7 });
		expect(harness.calls()).toEqual([`POST /${apiVersion}/packages/7/workflow`]);
		expect(harness.sim.packageOf(7).status).toBe('IN_PROGRESS');
	});

	it('advises adding a recipient, not checking the ID, when SigningHub says the package has no signers', async () => {
		const [error] = await harness.errors(share, [{ packageId: 10 }], { apiVersion });
		expect(error?.description).not.toMatch(/Check the ID/);
	});
});
