// Contact > Get Many: the user's contacts page by page (v4 Get Contacts, records per page first),
// searched by name or email (Base64 in x-search-text), sorted; Return All and Limit; v3 refused.
import { nodeHarness } from '../harness';

const harness = nodeHarness();
const contacts = Array.from({ length: 120 }, (_, n) => ({ user_name: `Person ${String(n).padStart(3, '0')}`, user_email: `person${n}@example.com`, mobile_number: '', enterprise: n % 2 === 0 }));
const getMany = (extra: object = {}) => ({ resource: 'contact', operation: 'getMany', searchText: '', sortBy: 'DEFAULT', returnAll: true, ...extra });

describe('Contact > Get Many', () => {
	beforeEach(() => harness.sim.reset({ contacts: [...contacts, { user_name: 'Chloé Dubois', user_email: 'chloe@example.fr', mobile_number: '+33123456789', enterprise: false }] }));

	it('reads every page with Return All, 50 a page', async () => {
		const { output } = await harness.run(getMany());
		expect(output).toHaveLength(121);
		expect(harness.calls()).toEqual(['GET /v4/settings/contacts/50/1', 'GET /v4/settings/contacts/50/2', 'GET /v4/settings/contacts/50/3']);
		expect(output[120].json).toMatchObject({ id: 121, user_name: 'Chloé Dubois', user_email: 'chloe@example.fr' });
	});

	it('searches in any script and sorts as asked, up to the Limit', async () => {
		const { output } = await harness.run(getMany({ searchText: 'chloé', returnAll: false, limit: 5 }));
		expect(output.map((item) => item.json.user_email)).toEqual(['chloe@example.fr']);
		expect(harness.requests()[0].decoded).toMatchObject({ 'x-search-text': 'chloé' });
		const { output: sorted } = await harness.run(getMany({ sortBy: 'NAME', ascending: false, returnAll: false, limit: 2 }));
		expect(sorted.map((item) => item.json.user_name)).toEqual(['Person 119', 'Person 118']);
		expect(harness.requests().at(-1)?.query).toBe('?sort-by=NAME&asc=false');
	});

	it('refuses v3 and a bad Limit before any request', async () => {
		const [v3] = await harness.refused(getMany(), [{}], { apiVersion: 'v3' });
		expect(v3.message).toBe('Contact > Get Many needs SigningHub API v4');
		const [limit] = await harness.refused(getMany({ returnAll: false, limit: 0 }), [{}]);
		expect(limit.message).toBe('Limit must be a whole number of at least 1, not "0"');
	});
});
