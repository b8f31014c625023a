// Package > Submit: the editor whose turn it is submits with their own login (v3 guide 1090); a
// recipient of another role is refused by SigningHub. v3 and v4.
import { API_VERSIONS, nodeHarness, OWNER, ownerLogin } from '../harness';

const harness = nodeHarness();
const EDITOR = 'colleague@example.com';
const submit = { resource: 'package', operation: 'submit', packageId: '={{ $json.packageId }}' };
const editorLogin = (apiVersion: string) => ({ ...ownerLogin(harness.url, apiVersion), username: EDITOR, password: 'colleague-pass-2b8d' });

describe.each(API_VERSIONS)('Package > Submit (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'IN_PROGRESS', recipients: [{ user_email: EDITOR, role: 'EDITOR' }, { user_email: 'signer@example.com', role: 'SIGNER', signing_order: 2 }] },
				{ id: 8, owner: OWNER, status: 'IN_PROGRESS', recipients: [{ user_email: EDITOR, role: 'SIGNER' }] },
			],
		}),
	);

	it('submits as the editor whose turn it is, with no body', async () => {
		const { output } = await harness.run(submit, [{ packageId: 7 }], { apiVersion, credentials: editorLogin(apiVersion) });
		expect(harness.calls()).toEqual([`POST /${apiVersion}/packages/7/submit`]);
		expect(harness.requests()[0].bodyBytes).toBe(0);
		expect(output[0].json).toEqual({ packageId: 7, submitted: true });
		expect(harness.sim.packageOf(7).recipients[0].process_status).toBe('EDITED');
	});

	it("fails the item of a package where the user is not an editor, with SigningHub's words", async () => {
		const errors = await harness.errors(submit, [{ packageId: 8 }, { packageId: 7 }], { apiVersion, credentials: editorLogin(apiVersion) });
		expect(errors).toEqual([expect.objectContaining({ httpCode: 400, message: 'Could not submit package 8: A recipient with the role SIGNER cannot submit this document' }), undefined]);
	});

	it('refuses an empty Package ID before any request', async () => {
		const errors = await harness.refused(submit, [{ packageId: '' }], { apiVersion, credentials: editorLogin(apiVersion) });
		expect(errors[0]).toMatchObject({ message: 'Package ID is empty' });
	});
});
