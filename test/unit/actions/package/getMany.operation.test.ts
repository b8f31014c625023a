// Package > Get Many: its Status, Search Text and paging read for each item, bad input refused
// before any request, and one output item per package, on v3 and v4; Search Text in any script as
// SigningHub documents it, and Return All bounded when the server keeps answering.
import { API_VERSIONS, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const getMany = (paging: object = { returnAll: true }) => ({ resource: 'package', operation: 'getMany', status: '={{ $json.status }}', searchText: '={{ $json.search }}', ...paging });

/** Packages 1..count, all drafts named "Draft <id>", plus one completed contract. */
const packages = (count: number) => [
	...Array.from({ length: count }, (_, index) => ({ id: index + 1, owner: OWNER, status: 'DRAFT', name: `Draft ${index + 1}` })),
	{ id: 500, owner: OWNER, status: 'COMPLETED', name: 'Signed contract' },
];

describe.each(API_VERSIONS)('Package > Get Many (%s)', (apiVersion) => {
	it("lists each item's own status, one output item per package, paired to its item", async () => {
		harness.sim.reset({ packages: packages(3) });
		const { output } = await harness.run(getMany(), [{ status: 'COMPLETED' }, { status: 'draft' }], { apiVersion });

		expect(harness.calls()).toEqual([`GET /${apiVersion}/packages/COMPLETED/1/50`, `GET /${apiVersion}/packages/DRAFT/1/50`]);
		expect(output.map((item) => [item.json.package_id, item.pairedItem])).toEqual([
			[500, { item: 0 }],
			[3, { item: 1 }],
			[2, { item: 1 }],
			[1, { item: 1 }],
		]);
		expect(output[0].json).toMatchObject({ package_name: 'Signed contract', package_owner: OWNER, package_status: 'COMPLETED', next_signer_email: [] });
	});

	it("finds each item's own Search Text", async () => {
		harness.sim.reset({ packages: packages(3) });
		const { output } = await harness.run(getMany(), [{ status: 'ALL', search: 'Draft 2' }, { status: 'ALL', search: 'signed' }], { apiVersion });
		expect(output.map((item) => [item.json.package_id, item.pairedItem])).toEqual([
			[2, { item: 0 }],
			[500, { item: 1 }],
		]);
	});

	it('reads every page with Return All, and only the first Limit records otherwise', async () => {
		harness.sim.reset({ packages: packages(120) });
		const { output: all } = await harness.run(getMany(), [{ status: 'DRAFT' }], { apiVersion });
		expect(all).toHaveLength(120);
		expect(new Set(all.map((item) => item.json.package_id)).size).toBe(120);
		expect(harness.calls()).toEqual([1, 2, 3].map((page) => `GET /${apiVersion}/packages/DRAFT/${page}/50`));

		const from = harness.sim.log.length;
		const { output: some } = await harness.run(getMany({ returnAll: false, limit: '={{ $json.limit }}' }), [{ status: 'ALL', limit: 3 }, { status: 'ALL', limit: 1 }], { apiVersion });
		expect(some.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }, { item: 1 }]);
		expect(harness.calls(from)).toEqual([`GET /${apiVersion}/packages/ALL/1/1`, `GET /${apiVersion}/packages/ALL/1/3`]);
	});

	it('refuses an unknown status or a limit below 1 before any request', async () => {
		harness.sim.reset();
		const errors = await harness.refused(getMany({ returnAll: false, limit: '={{ $json.limit }}' }), [
			{ status: 'SHARED', limit: 5 },
			{ status: '', limit: 5 },
			{ status: 'ALL', limit: 0 },
		], { apiVersion });
		expect(errors.map((error) => [error.message, error.status])).toEqual([
			[expect.stringContaining(`Status must be one of SigningHub's package states, not "SHARED"`), 'SHARED'],
			['Status is empty', ''],
			['Limit must be a whole number of at least 1, not "0"', 'ALL'],
		]);
	});
});

const NAMES = ['Договор поставки', 'Договор аренды', '合同 2026', 'Café contract', 'Sales contract'];
const getManyFor = (searchText: string, extra: object = {}) => ({ resource: 'package', operation: 'getMany', status: 'ALL', searchText, returnAll: true, ...extra });

describe.each(API_VERSIONS)('Package > Get Many, Search Text in any script and bounded paging (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: NAMES.map((name, i) => ({ id: 100 + i, owner: OWNER, status: 'IN_PROGRESS', name })) }));

	it.each([
		['Договор', [100, 101]],
		['合同', [102]],
		['café', [103]],
		['contract', [103, 104]],
	])('Search Text %p filters to %p, never to every package', async (searchText, expected) => {
		const { output } = await harness.run(getManyFor(searchText), [{}], { apiVersion });
		expect(output.map((item) => item.json.package_id).sort()).toEqual(expected);
	});

	it('sends the search as documented: the package-name filter on v4, Base64 of UTF-8 in x-search-text on v3', async () => {
		const from = harness.sim.log.length;
		await harness.run(getManyFor('Договор'), [{}], { apiVersion });
		const [request] = harness.requests(from).filter((entry) => entry.status === 200);
		if (apiVersion === 'v4') {
			expect(new URLSearchParams(String(request.query)).get('package-name')).toBe('Договор');
			expect((request.headers as Record<string, unknown>)?.['x-search-text']).toBeUndefined();
		} else {
			expect((request.headers as Record<string, unknown>)['x-search-text']).toBe(Buffer.from('Договор', 'utf8').toString('base64'));
		}
	});

	it('stops Return All with a clear error when the server answers the same page whatever page is asked for', async () => {
		harness.sim.reset({ ignorePageNumber: true, packages: Array.from({ length: 60 }, (_, i) => ({ id: 200 + i, owner: OWNER, status: 'IN_PROGRESS' })) });
		const { output } = await harness.run(getManyFor(''), [{}], { apiVersion, continueOnFail: true });
		expect(output).toHaveLength(1);
		expect(output[0].json.error).toMatchObject({ message: 'Stopped reading the packages: page 2 came back the same as page 1' });
	});

});
