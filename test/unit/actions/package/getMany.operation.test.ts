// Package > Get Many: Search Text in any script, as SigningHub documents it on each version,
// and Return All bounded when the server keeps answering.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const NAMES = ['Договор поставки', 'Договор аренды', '合同 2026', 'Café contract', 'Sales contract'];
const getMany = (searchText: string, extra: object = {}) => ({ resource: 'package', operation: 'getMany', status: 'ALL', searchText, returnAll: true, ...extra });

describe.each(['v3', 'v4'])('Package > Get Many (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: NAMES.map((name, i) => ({ id: 100 + i, owner: OWNER, status: 'IN_PROGRESS', name })) }));

	it.each([
		['Договор', [100, 101]],
		['合同', [102]],
		['café', [103]],
		['contract', [103, 104]],
	])('Search Text %p filters to %p, never to every package', async (searchText, expected) => {
		const { output } = await harness.run(getMany(searchText), [{}], { apiVersion });
		expect(output.map((item) => item.json.package_id).sort()).toEqual(expected);
	});

	it('sends the search as documented: the package-name filter on v4, Base64 of UTF-8 in x-search-text on v3', async () => {
		const from = harness.sim.log.length;
		await harness.run(getMany('Договор'), [{}], { apiVersion });
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
		const { output } = await harness.run(getMany(''), [{}], { apiVersion, continueOnFail: true });
		expect(output).toHaveLength(1);
		expect(output[0].json.error).toMatchObject({ message: 'Stopped reading the packages: page 2 came back the same as page 1' });
	});

	it('stops after the pages the total announces, even when the server would go on', async () => {
		harness.sim.reset({ packages: Array.from({ length: 120 }, (_, i) => ({ id: 300 + i, owner: OWNER, status: 'IN_PROGRESS' })) });
		const from = harness.sim.log.length;
		const { output } = await harness.run(getMany(''), [{}], { apiVersion });
		expect(output).toHaveLength(120);
		expect(harness.requests(from).filter((entry) => entry.status === 200).map((entry) => entry.path)).toEqual([1, 2, 3].map((page) => `/${apiVersion}/packages/ALL/${page}/50`));
	});
});
