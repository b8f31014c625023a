// Recipient > Get Many: one output item per recipient of each item's package, bad input refused
// before any request, SigningHub's refusals in its words, on v3 and v4.
import { API_VERSIONS, NOT_OWNER, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const getMany = { resource: 'recipient', operation: 'getMany', packageId: '={{ $json.packageId }}' };

describe.each(API_VERSIONS)('Recipient > Get Many (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'IN_PROGRESS', recipients: [{ user_email: 'signer@example.com', user_name: 'Sam', process_status: 'SIGNED' }, { user_email: 'legal@example.com', role: 'REVIEWER' }] },
				{ id: 8, owner: OWNER, status: 'DRAFT', recipients: [{ user_email: 'colleague@example.com', role: 'CARBON_COPY', delivery_method: 'SMS', mobile_number: '+41790000000' }] },
				{ id: 9, owner: OWNER, status: 'DRAFT' },
				{ id: 10, owner: 'colleague@example.com', status: 'DRAFT' },
			],
		}),
	);

	it("gives one item per recipient of each item's package, paired to that item; none for a package without recipients", async () => {
		const { output } = await harness.run(getMany, [{ packageId: 7 }, { packageId: 9 }, { packageId: 8 }], { apiVersion });

		expect(harness.calls()).toEqual([7, 8, 9].map((id) => `GET /${apiVersion}/packages/${id}/workflow/users`));
		expect(output.map((item) => [item.json.packageId, item.json.user_email, item.pairedItem])).toEqual([
			[7, 'signer@example.com', { item: 0 }],
			[7, 'legal@example.com', { item: 0 }],
			[8, 'colleague@example.com', { item: 2 }],
		]);
		expect(output[0].json).toEqual({ packageId: 7, ...harness.sim.packageOf(7).recipients[0] });
		expect(output[2].json).toMatchObject({ role: 'CARBON_COPY', delivery_method: 'SMS', mobile_number: '+41790000000', process_status: 'UN_PROCESSED' });
	});

	it('refuses a Package ID that is not a positive whole number before any request', async () => {
		const errors = await harness.refused(getMany, [{ packageId: '#7' }, {}], { apiVersion });
		expect(errors.map((error) => [error.message, error.packageId])).toEqual([
			['Package ID must be a positive whole number, not "#7"', '#7'],
			['Package ID is empty', null],
		]);
	});

	it("passes SigningHub's refusals on in its words: an unknown package, another owner's", async () => {
		const errors = await harness.errors(getMany, [{ packageId: 150000 }, { packageId: 10 }], { apiVersion });
		expect(errors).toEqual([
			expect.objectContaining({ httpCode: 404, message: 'Could not read the recipients of package 150000: Document not found', packageId: 150000 }),
			expect.objectContaining({ ...NOT_OWNER, packageId: 10 }),
		]);
	});

	// SigningHub's documented 403 for another owner's package (v3 guide, page 1053).
	it("advises the owner's login or Act as User when SigningHub says the package is not the user's", async () => {
		const [error] = await harness.errors(getMany, [{ packageId: 10 }], { apiVersion });
		expect(error).toMatchObject({ ...NOT_OWNER, description: expect.stringContaining('Act as User') });
	});
});
