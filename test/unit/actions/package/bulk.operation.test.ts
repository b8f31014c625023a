// Package > Share or Sign in Bulk: n items, one SigningHub call (v4 Bulk Sign Packages), progress
// followed through Bulk Signing Status until done, each package's result paired to its item;
// a write whose answer was lost is not sent again; v3 and bad input fail before any request.
import { nodeHarness, OWNER, ownerLogin } from '../harness';

const harness = nodeHarness();
const SIGNER = 'colleague@example.com';
const bulk = (extra: object = {}) => ({ resource: 'package', operation: 'bulk', packageId: '={{ $json.packageId }}', bulkAction: 'SHARE', ...extra });
const drafts = Array.from({ length: 20 }, (_, n) => ({ id: 101 + n, owner: OWNER, status: 'DRAFT', recipients: [{ user_email: SIGNER, role: 'SIGNER' }] }));
const items = drafts.map(({ id }) => ({ packageId: id }));

describe('Package > Share or Sign in Bulk', () => {
	beforeEach(() => harness.sim.reset({ packages: [...drafts, { id: 7, owner: OWNER, status: 'IN_PROGRESS', recipients: [{ user_email: SIGNER, role: 'SIGNER' }] }, { id: 8, owner: OWNER, status: 'IN_PROGRESS', recipients: [{ user_email: SIGNER, role: 'SIGNER' }] }] }));

	it('shares 20 packages in one SigningHub call and follows its progress until every one is done', async () => {
		const { output } = await harness.run(bulk(), items);
		const calls = harness.calls();
		expect(calls.filter((call) => call === 'POST /v4/packages/SHARE')).toHaveLength(1);
		// The simulator carries out 8 packages per status call: three calls to see all 20 done.
		expect(calls.filter((call) => call === 'POST /v4/packages/SHARE/status')).toHaveLength(3);
		expect(calls).toHaveLength(4);
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output.map((item) => item.json)).toEqual(items.map(({ packageId }) => ({ packageId, action: 'share', status: 'COMPLETED', requiredAction: null, transactionId: expect.stringMatching(/^sim-bulk-/) })));
		expect(drafts.every(({ id }) => harness.sim.packageOf(id).status === 'IN_PROGRESS')).toBe(true);
	});

	it("pairs SigningHub's refusal of one package, in its words, to its item; the others are shared", async () => {
		const errors = await harness.errors(bulk(), [{ packageId: 101 }, { packageId: 7 }, { packageId: 102 }]);
		expect(errors).toEqual([undefined, expect.objectContaining({ message: 'Could not share package 7: Document is no longer in draft state', packageId: 7 }), undefined]);
		expect(harness.calls().filter((call) => call === 'POST /v4/packages/SHARE')).toHaveLength(1);
	});

	it("signs as the credential's user the packages whose turn is theirs, with the signing options", async () => {
		const signer = { ...ownerLogin(harness.url), username: SIGNER, password: 'colleague-pass-2b8d' };
		const { output } = await harness.run(bulk({ bulkAction: 'SIGN', options: { signingReason: 'Agreed' } }), [{ packageId: 7 }, { packageId: 8 }], { credentials: signer });
		expect(harness.calls()).toEqual(['POST /v4/packages/SIGN', 'POST /v4/packages/SIGN/status']);
		expect(output.map((item) => item.json.status)).toEqual(['COMPLETED', 'COMPLETED']);
		expect(harness.sim.packageOf(7).recipients[0].process_status).toBe('SIGNED');
	});

	it('sends one bulk call per user the items act as (Act as User), each result paired to its item', async () => {
		harness.sim.addPackages({ id: 130, owner: SIGNER, status: 'DRAFT', recipients: [{ user_email: OWNER, role: 'SIGNER' }] });
		const admin = { ...ownerLogin(harness.url), authMethod: 'enterpriseScope', username: 'admin@example.com', password: 'admin-pass-9e3f', scope: 'admin@example.com', actAsUserPolicy: 'anyUser' };
		const { output } = await harness.run(bulk({ options: { actAsUser: '={{ $json.owner }}' } }), [{ packageId: 101, owner: OWNER }, { packageId: 130, owner: SIGNER }, { packageId: 102, owner: OWNER }], { credentials: admin });
		expect(output.map((item) => [item.json.packageId, item.json.status, item.pairedItem])).toEqual([
			[101, 'COMPLETED', { item: 0 }],
			[130, 'COMPLETED', { item: 1 }],
			[102, 'COMPLETED', { item: 2 }],
		]);
		expect(harness.requests().filter((entry) => entry.path === '/v4/packages/SHARE').map((entry) => entry.actingUser).sort()).toEqual([SIGNER, OWNER]);
	});

	it('never sends the bulk call twice: a lost answer fails every item, outcome unknown', async () => {
		harness.sim.addFaults({ path: '/v4/packages/SHARE$', method: 'POST', kind: 'drop', after: true, times: 1 });
		const errors = await harness.errors(bulk(), [{ packageId: 101 }, { packageId: 102 }]);
		expect(errors).toEqual([expect.objectContaining({ httpCode: null, attempts: 1 }), expect.objectContaining({ httpCode: null, attempts: 1 })]);
		expect(harness.calls()).toEqual(['POST /v4/packages/SHARE']);
	});

	it('stops following after Wait Up To, failing the packages still in progress without sending them again', async () => {
		harness.sim.setOptions({ bulkStep: 1 });
		const errors = await harness.errors(bulk({ options: { maxWaitSeconds: 1 } }), items.slice(0, 6));
		expect(errors.filter((error) => error === undefined).length).toBeGreaterThanOrEqual(1);
		expect(errors.at(-1)).toMatchObject({ message: expect.stringMatching(/^SigningHub was still working on package 106 after \d+ seconds$/) });
		expect(harness.calls().filter((call) => call === 'POST /v4/packages/SHARE')).toHaveLength(1);
	});

	it('refuses v3 and bad input before any request, naming the field', async () => {
		const [v3] = await harness.refused(bulk(), [{ packageId: 101 }], { apiVersion: 'v3' });
		expect(v3.message).toBe('Share or Sign in Bulk needs SigningHub API v4');
		const errors = await harness.refused(bulk({ bulkAction: '={{ $json.action }}' }), [{ packageId: 'x' }, { packageId: 101, action: 'DELETE' }]);
		expect(errors.map((error) => error.message)).toEqual(['Package ID must be a positive whole number, not "x"', 'Action must be one of SHARE, SIGN, not "DELETE"']);
	});
});
