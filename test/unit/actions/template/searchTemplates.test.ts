// The editor's Template list: its search in any script (Base64 of UTF-8 in x-search-text, both
// versions) and its paging under the one bounded rule.
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchTemplates } from '../../../../nodes/SigningHub/methods/listSearch';
import { fakeExecuteContext } from '../../fakeContext';
import { nodeHarness, ownerLogin } from '../harness';

const harness = nodeHarness();

const template = (id: number, name: string) => ({ template_id: id, template_name: name, template_public: true, read_only: false, description: `About ${name}`, documents: [], recipients: [] });

async function list(apiVersion: string, filter?: string) {
	const { context } = fakeExecuteContext(ownerLogin(harness.url, apiVersion), {});
	return await searchTemplates.call(context as unknown as ILoadOptionsFunctions, filter);
}

describe.each(['v3', 'v4'])('Template list (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ templates: [template(1, 'Договор поставки'), template(2, '合同'), template(3, 'Sales contract')] }));

	it('filters by name in any script', async () => {
		expect((await list(apiVersion, 'договор')).results.map((result) => result.name)).toEqual(['Договор поставки']);
		expect((await list(apiVersion, '合同')).results.map((result) => result.name)).toEqual(['合同']);
		expect((await list(apiVersion)).results).toHaveLength(3);
	});

	it('reads every page, and stops with a clear error when the server ignores the page number', async () => {
		harness.sim.reset({ templates: Array.from({ length: 120 }, (_, i) => template(i + 1, `Template ${i + 1}`)) });
		expect((await list(apiVersion)).results).toHaveLength(120);
		harness.sim.reset({ ignorePageNumber: true, templates: Array.from({ length: 120 }, (_, i) => template(i + 1, `Template ${i + 1}`)) });
		await expect(list(apiVersion)).rejects.toThrow('Stopped reading the workflow templates: page 2 came back the same as page 1');
	});
});
