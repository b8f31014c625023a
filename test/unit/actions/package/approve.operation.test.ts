// Package > Approve: the reviewer whose turn it is approves with their own login; SigningHub's
// refusal of anyone else in its words (v3 guide 1088, 1090); bad input before any request; never
// sent twice after a lost answer. v3 and v4.
import { API_VERSIONS, nodeHarness, OWNER, ownerLogin } from '../harness';

const harness = nodeHarness();
const REVIEWER = 'colleague@example.com';
const approve = { resource: 'package', operation: 'approve', packageId: '={{ $json.packageId }}', reason: '={{ $json.reason }}' };
const reviewerLogin = (apiVersion: string) => ({ ...ownerLogin(harness.url, apiVersion), username: REVIEWER, password: 'colleague-pass-2b8d' });

describe.each(API_VERSIONS)('Package > Approve (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'IN_PROGRESS', recipients: [{ user_email: REVIEWER, role: 'REVIEWER' }, { user_email: 'signer@example.com', role: 'SIGNER', signing_order: 2 }] },
				{ id: 8, owner: OWNER, status: 'IN_PROGRESS', recipients: [{ user_email: 'signer@example.com', role: 'SIGNER' }, { user_email: REVIEWER, role: 'REVIEWER', signing_order: 2 }] },
			],
		}),
	);

	it("approves as the reviewer whose turn it is, with the reason, and the workflow moves on", async () => {
		const { output } = await harness.run(approve, [{ packageId: 7, reason: 'Terms checked' }], { apiVersion, credentials: reviewerLogin(apiVersion) });
		expect(harness.calls()).toEqual([`POST /${apiVersion}/packages/7/approve`]);
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([[{ packageId: 7, approved: true, reason: 'Terms checked' }, { item: 0 }]]);
		const [reviewer, signer] = harness.sim.packageOf(7).recipients;
		expect([reviewer.process_status, reviewer.reason, signer.process_status]).toEqual(['REVIEWED', 'Terms checked', 'UN_PROCESSED']);
	});

	it("passes on SigningHub's refusal, in its words, when it is not that recipient's turn", async () => {
		const [error] = await harness.errors(approve, [{ packageId: 8, reason: '' }], { apiVersion, credentials: reviewerLogin(apiVersion) });
		expect(error).toMatchObject({ httpCode: 403, message: 'Could not approve package 8: Document does not belong to user', packageId: 8 });
		expect(harness.sim.packageOf(8).recipients[1].process_status).toBe('UN_PROCESSED');
	});

	it('refuses a bad Package ID before any request', async () => {
		const errors = await harness.refused(approve, [{ packageId: 'abc' }, { packageId: -3 }], { apiVersion, credentials: reviewerLogin(apiVersion) });
		expect(errors.map((error) => error.message)).toEqual(['Package ID must be a positive whole number, not "abc"', 'Package ID must be a positive whole number, not "-3"']);
	});

	it('never approves twice: an answer lost after SigningHub approved fails the item without a second try', async () => {
		harness.sim.addFaults({ path: '/packages/7/approve$', method: 'POST', kind: 'drop', after: true, times: 1 });
		const [error] = await harness.errors(approve, [{ packageId: 7, reason: 'ok' }], { apiVersion, credentials: reviewerLogin(apiVersion) });
		expect(error).toMatchObject({ httpCode: null, attempts: 1, packageId: 7 });
		expect(harness.calls()).toEqual([`POST /${apiVersion}/packages/7/approve`]);
		expect(harness.sim.packageOf(7).recipients[0].process_status).toBe('REVIEWED');
	});
});
