// Workflow > Get History: one output item per action of each item's package, oldest first, its
// paging read for each item, bad input refused before any request, on v3 (one call) and v4 (paged).
import { API_VERSIONS, NOT_OWNER, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const getHistory = (paging: object = { returnAll: true }) => ({ resource: 'workflow', operation: 'getHistory', packageId: '={{ $json.packageId }}', ...paging });

const actions = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		date_time: new Date(Date.UTC(2025, 0, 1, 0, index)).toISOString(),
		action_type: index === 0 ? 'CREATED' : 'VIEWED',
		user_email: OWNER,
		user_name: 'Owner',
		information: { type: 'PACKAGE', value: `step ${index + 1}` },
	}));

describe.each(API_VERSIONS)('Workflow > Get History (%s)', (apiVersion) => {
	/** The calls that read a package's history: the whole at once on v3, page by page on v4. */
	const historyCalls = (packageId: number, pages: string[]) =>
		apiVersion === 'v3' ? [`GET /v3/packages/${packageId}/log`] : pages.map((page) => `GET /v4/packages/${packageId}/log/${page}`);

	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'IN_PROGRESS', history: actions(60) },
				{ id: 8, owner: OWNER, status: 'DRAFT', history: actions(2) },
				{ id: 9, owner: 'colleague@example.com', status: 'DRAFT', history: actions(1) },
			],
		}),
	);

	it("gives every action of each item's package with Return All, oldest first, paired to its item", async () => {
		const { output } = await harness.run(getHistory(), [{ packageId: 7 }, { packageId: 8 }], { apiVersion });

		expect(harness.calls()).toEqual([...historyCalls(7, ['1/50', '2/50']), ...historyCalls(8, ['1/50'])]);
		expect(output).toHaveLength(62);
		expect(output.slice(0, 60).map((item) => (item.json.information as { value: string }).value)).toEqual(actions(60).map((action) => action.information.value));
		expect(output[60]).toEqual({ json: { packageId: 8, log_id: expect.any(Number), ...actions(1)[0] }, pairedItem: { item: 1 } });
	});

	it("gives only each item's own Limit of actions", async () => {
		const { output } = await harness.run(getHistory({ returnAll: false, limit: '={{ $json.limit }}' }), [{ packageId: 7, limit: 3 }, { packageId: 8, limit: 1 }], { apiVersion });
		expect(output.map((item) => [item.json.packageId, (item.json.information as { value: string }).value, item.pairedItem])).toEqual([
			[7, 'step 1', { item: 0 }],
			[7, 'step 2', { item: 0 }],
			[7, 'step 3', { item: 0 }],
			[8, 'step 1', { item: 1 }],
		]);
		expect(harness.calls()).toEqual([...historyCalls(7, ['1/3']), ...historyCalls(8, ['1/1'])]);
	});

	it('refuses a bad Package ID or a Limit below 1 before any request', async () => {
		const errors = await harness.refused(getHistory({ returnAll: false, limit: '={{ $json.limit }}' }), [{ packageId: '', limit: 5 }, { packageId: 7, limit: 0 }], { apiVersion });
		expect(errors.map((error) => [error.message, error.packageId])).toEqual([
			['Package ID is empty', ''],
			['Limit must be a whole number of at least 1, not "0"', 7],
		]);
	});

	it("passes SigningHub's refusals on in its words: an unknown package, another owner's", async () => {
		const errors = await harness.errors(getHistory(), [{ packageId: 150000 }, { packageId: 9 }], { apiVersion });
		expect(errors).toEqual([
			expect.objectContaining({ httpCode: 404, message: 'Could not read the history of package 150000: Document not found', packageId: 150000 }),
			expect.objectContaining({ ...NOT_OWNER, packageId: 9 }),
		]);
	});
});
