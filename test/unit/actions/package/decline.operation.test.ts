// Package > Decline: the recipient whose turn it is declines with a reason, with their own login or
// Act as User; the access window's refusal in SigningHub's words (v3 guide 1088); a reason is
// required before any request. v3 and v4.
import { API_VERSIONS, nodeHarness, OWNER, ownerLogin } from '../harness';

const harness = nodeHarness();
const SIGNER = 'colleague@example.com';
const decline = { resource: 'package', operation: 'decline', packageId: '={{ $json.packageId }}', reason: '={{ $json.reason }}' };
const signerLogin = (apiVersion: string) => ({ ...ownerLogin(harness.url, apiVersion), username: SIGNER, password: 'colleague-pass-2b8d' });

describe.each(API_VERSIONS)('Package > Decline (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'IN_PROGRESS', recipients: [{ user_email: SIGNER, role: 'SIGNER' }] },
				{ id: 8, owner: OWNER, status: 'IN_PROGRESS', recipients: [{ user_email: SIGNER, role: 'SIGNER' }] },
			],
		}),
	);

	it('declines as the recipient whose turn it is: the package is declined with the reason', async () => {
		const { output } = await harness.run(decline, [{ packageId: 7, reason: 'The amount is wrong' }], { apiVersion, credentials: signerLogin(apiVersion) });
		expect(harness.calls()).toEqual([`POST /${apiVersion}/packages/7/decline`]);
		expect(output[0].json).toEqual({ packageId: 7, declined: true, reason: 'The amount is wrong' });
		expect(harness.sim.packageOf(7)).toMatchObject({ status: 'DECLINED', decline: { reason: 'The amount is wrong', declined_by: SIGNER } });
	});

	it('declines for the recipient an admin acts as (Act as User)', async () => {
		const admin = { ...ownerLogin(harness.url, apiVersion), authMethod: 'enterpriseScope', username: 'admin@example.com', password: 'admin-pass-9e3f', scope: 'admin@example.com', actAsUserPolicy: 'anyUser' };
		const parameters = { ...decline, options: { actAsUser: SIGNER } };
		await harness.run(parameters, [{ packageId: 8, reason: 'Not ours' }], { apiVersion, credentials: admin });
		expect(harness.sim.packageOf(8).decline).toMatchObject({ reason: 'Not ours', declined_by: SIGNER });
	});

	it("passes on SigningHub's refusal after the recipient's access window, in its words", async () => {
		harness.sim.packageOf(7).recipients[0].access = { access_duration: { enabled: true, duration_by_date: { enabled: true, duration: { start_date_time: '2020-01-01T00:00:00Z', end_date_time: '2020-02-01T00:00:00Z' } } } };
		const [error] = await harness.errors(decline, [{ packageId: 7, reason: 'Late' }], { apiVersion, credentials: signerLogin(apiVersion) });
		expect(error).toMatchObject({ httpCode: 403, message: 'Could not decline package 7: You cannot access this document after the access period ends' });
		expect(harness.sim.packageOf(7).status).toBe('IN_PROGRESS');
	});

	it('refuses an empty Reason before any request', async () => {
		const errors = await harness.refused(decline, [{ packageId: 7, reason: ' ' }], { apiVersion, credentials: signerLogin(apiVersion) });
		expect(errors[0]).toMatchObject({ message: 'Reason is empty' });
	});
});
