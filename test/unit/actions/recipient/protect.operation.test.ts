// Recipient > Protect Access: a password or SMS one-time password to open, and an access window,
// per recipient or for all, on v3's path and v4's documented enterprise path (v3 guide 1058; v4
// AccessUpdateRequest); the password in no output; bad input before any request. v3 and v4.
import { API_VERSIONS, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();
const PASSWORD = 'Opening-Secret-41';
const protect = (extra: object = {}) => ({ resource: 'recipient', operation: 'protect', packageId: '={{ $json.packageId }}', findBy: 'order', recipientOrder: '={{ $json.order }}', opening: 'PASSWORD', password: '={{ $json.password }}', accessWindow: 'NONE', ...extra });
const recipients = [
	{ user_email: 'colleague@example.com', role: 'SIGNER' },
	{ user_email: 'signer@example.com', role: 'SIGNER' },
];
const paths = { v3: (order: number) => `/v3/packages/7/workflow/${order}/authentication`, v4: (order: number) => `/v4/enterprise/packages/7/workflow/${order}/authentication` };

describe.each(API_VERSIONS)('Recipient > Protect Access (%s)', (apiVersion) => {
	const pathOf = paths[apiVersion as 'v3' | 'v4'];
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'DRAFT', recipients },
				{ id: 8, owner: OWNER, status: 'IN_PROGRESS', recipients },
			],
		}),
	);

	it("sets a recipient's opening password and access window on the version's documented path; the password is in no output", async () => {
		const parameters = protect({ accessWindow: 'DATES', accessFrom: '2026-12-01T09:00:00Z', accessUntil: '={{ $json.until }}' });
		const { output } = await harness.run(parameters, [{ packageId: 7, order: 2, password: PASSWORD, until: '2026-12-31T17:00:00+01:00' }], { apiVersion });
		expect(harness.calls()).toEqual([`PUT ${pathOf(2)}`]);
		expect(output[0].json).toEqual({ packageId: 7, order: 2, opening: 'PASSWORD', accessWindow: { from: '2026-12-01T09:00:00.000Z', until: '2026-12-31T16:00:00.000Z' } });
		expect(JSON.stringify(output)).not.toContain(PASSWORD);
		const [first, second] = harness.sim.packageOf(7).recipients;
		expect(first.access).toBeUndefined();
		expect(second.access).toEqual({
			authentication: { enabled: true, password: { enabled: true, user_password: PASSWORD }, sms_otp: { enabled: false } },
			access_duration: { enabled: true, duration_by_date: { enabled: true, duration: { start_date_time: '2026-12-01T09:00:00.000Z', end_date_time: '2026-12-31T16:00:00.000Z' } }, duration_by_days: { enabled: false } },
		});
	});

	it('sets an SMS one-time password and a window in days for every recipient, found by email or all', async () => {
		await harness.run(protect({ findBy: 'email', recipientEmail: 'signer@example.com', opening: 'SMS_OTP', mobileNumber: '+447700900123', accessWindow: 'DAYS', accessDays: 5 }), [{ packageId: 7 }], { apiVersion });
		expect(harness.sim.packageOf(7).recipients[1].access).toMatchObject({ authentication: { sms_otp: { enabled: true, mobile_number: '+447700900123' } }, access_duration: { duration_by_days: { enabled: true, duration: { total_days: 5 } } } });
		const { output } = await harness.run(protect({ findBy: 'all', opening: 'NONE' }), [{ packageId: 7 }], { apiVersion });
		expect(output[0].json).toEqual({ packageId: 7, allRecipients: true, opening: 'NONE', accessWindow: null });
		expect(harness.sim.packageOf(7).recipients.map((r: { access: { authentication: { enabled: boolean } } }) => r.access.authentication.enabled)).toEqual([false, false]);
	});

	it("passes on SigningHub's refusal of a shared package in its words (v3 guide 1058)", async () => {
		const [error] = await harness.errors(protect(), [{ packageId: 8, order: 1, password: PASSWORD }], { apiVersion });
		expect(error).toMatchObject({ httpCode: 403, message: expect.stringContaining('Document is no longer in draft state') });
		expect(JSON.stringify(error)).not.toContain(PASSWORD);
	});

	it('refuses an empty password, a window that ends before it starts and a bad date before any request', async () => {
		const errors = await harness.refused(protect({ accessWindow: 'DATES', accessFrom: '={{ $json.from }}', accessUntil: '={{ $json.until }}' }), [
			{ packageId: 7, order: 1, password: '', from: '2026-12-01T00:00:00Z', until: '2026-12-31T00:00:00Z' },
			{ packageId: 7, order: 1, password: PASSWORD, from: '2026-12-31T00:00:00Z', until: '2026-12-01T00:00:00Z' },
			{ packageId: 7, order: 1, password: PASSWORD, from: 'next week', until: '2026-12-01T00:00:00Z' },
		], { apiVersion });
		expect(errors.map((error) => error.message)).toEqual(['Password is empty', 'Until (2026-12-01T00:00:00.000Z) must be after From (2026-12-31T00:00:00.000Z)', 'From must be a date and time, not "next week"']);
		expect(JSON.stringify(errors)).not.toContain(PASSWORD);
	});
});
