// Template > Get Many: the templates the user may apply, one output item per template paired to
// its item, each item's own Search Text (any script, Base64 in x-search-text as documented) and
// Limit, a bad Limit refused before any request, on v3 and v4.
import { API_VERSIONS, nodeHarness } from '../harness';

const harness = nodeHarness();

const getMany = (paging: object = { returnAll: true }) => ({ resource: 'template', operation: 'getMany', searchText: '={{ $json.search }}', ...paging });

const template = (id: number, name: string) => ({ template_id: id, template_name: name, template_public: true, read_only: false, description: `About ${name}`, documents: [], recipients: [] });

describe.each(API_VERSIONS)('Template > Get Many (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ templates: [template(1, 'Sales contract'), template(2, 'Договор поставки'), ...Array.from({ length: 60 }, (_, i) => template(10 + i, `Form ${i + 1}`))] }));

	it("lists each item's own search, one output item per template, paired to its item", async () => {
		const { output } = await harness.run(getMany(), [{ search: 'sales' }, { search: 'договор' }], { apiVersion });
		expect(output.map((item) => [item.json.template_name, item.pairedItem])).toEqual([
			['Sales contract', { item: 0 }],
			['Договор поставки', { item: 1 }],
		]);
		expect(output[0].json).toMatchObject({ template_id: 1, template_public: true, read_only: false, description: 'About Sales contract' });
		expect(harness.sim.log.filter((entry: { path: string }) => entry.path.includes('/settings/templates/')).map((entry: { headers?: object }) => entry.headers)).toEqual([
			{ 'x-search-text': Buffer.from('sales').toString('base64') },
			{ 'x-search-text': Buffer.from('договор').toString('base64') },
		]);
	});

	it('reads every page with Return All, and only the first Limit templates otherwise', async () => {
		const from = harness.sim.log.length;
		const { output: all } = await harness.run(getMany(), [{}], { apiVersion });
		expect(all).toHaveLength(62);
		expect(harness.calls(from)).toEqual([`GET /${apiVersion}/settings/templates/50/1`, `GET /${apiVersion}/settings/templates/50/2`]);
		const { output: some } = await harness.run(getMany({ returnAll: false, limit: 3 }), [{}], { apiVersion });
		expect(some.map((item) => item.json.template_id)).toHaveLength(3);
	});

	it('refuses a Limit below 1 before any request', async () => {
		const [error] = await harness.refused(getMany({ returnAll: false, limit: 0 }), [{}], { apiVersion });
		expect(error.message).toBe('Limit must be a whole number of at least 1, not "0"');
	});
});
