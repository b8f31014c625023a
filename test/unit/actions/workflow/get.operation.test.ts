// Workflow > Get: each item's package workflow as SigningHub describes it, bad input refused
// before any request, SigningHub's refusals in its words, on v3 and v4.
import { API_VERSIONS, NOT_OWNER, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const get = { resource: 'workflow', operation: 'get', packageId: '={{ $json.packageId }}' };

describe.each(API_VERSIONS)('Workflow > Get (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'IN_PROGRESS', name: 'Contract', documents: [{ name: 'contract.pdf', content: 'PDF' }], recipients: [{ user_email: 'signer@example.com' }] },
				{ id: 8, owner: OWNER, status: 'DRAFT', name: 'Draft' },
				{ id: 9, owner: 'colleague@example.com', status: 'DRAFT' },
			],
		}),
	);

	it("gives each item its package's workflow details as SigningHub sends them", async () => {
		const { output } = await harness.run(get, [{ packageId: 7 }, { packageId: 8 }], { apiVersion });

		expect(harness.calls()).toEqual([`GET /${apiVersion}/packages/7/workflow`, `GET /${apiVersion}/packages/8/workflow`]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json).toMatchObject({
			package_id: 7,
			package_name: 'Contract',
			package_owner: OWNER,
			package_status: 'INPROGRESS',
			workflow: { workflow_type: 'SERIAL', workflow_status: 'IN_PROGRESS' },
			documents: [{ name: 'contract.pdf', size: 3 }],
			users: [{ user_email: 'signer@example.com', role: 'SIGNER', process_status: 'UN_PROCESSED' }],
		});
		expect(output[1].json).toMatchObject({ package_id: 8, package_status: 'DRAFT', documents: [], users: [] });
	});

	it('refuses a Package ID that is not a positive whole number before any request', async () => {
		const errors = await harness.refused(get, [{ packageId: 'PKG-7' }, { packageId: 1.5 }], { apiVersion });
		expect(errors.map((error) => [error.message, error.packageId])).toEqual([
			['Package ID must be a positive whole number, not "PKG-7"', 'PKG-7'],
			['Package ID must be a positive whole number, not "1.5"', 1.5],
		]);
	});

	it("passes SigningHub's refusals on in its words: an unknown package, another owner's", async () => {
		const errors = await harness.errors(get, [{ packageId: 150000 }, { packageId: 9 }], { apiVersion });
		expect(errors).toEqual([
			expect.objectContaining({ httpCode: 404, message: 'Could not read the workflow of package 150000: Document not found', packageId: 150000 }),
			expect.objectContaining({ ...NOT_OWNER, packageId: 9 }),
		]);
	});
});
