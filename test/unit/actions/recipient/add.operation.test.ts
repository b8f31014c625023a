// Recipient > Add: its fields, its options read for each item, bad input refused before any
// request, and its output, on v3 and v4.
import { API_VERSIONS, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const add = (options: object = {}) => ({ resource: 'recipient', operation: 'add', packageId: '={{ $json.packageId }}', email: '={{ $json.email }}', name: '={{ $json.name }}', role: 'SIGNER', options });

describe.each(API_VERSIONS)('Recipient > Add (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT', name: 'Draft' }] }));

	it('adds each item as one recipient with its own order, delivery and notification', async () => {
		const items = [
			{ packageId: 7, email: 'a@example.com', name: 'A', order: 3, delivery: 'EMAIL', notify: true },
			{ packageId: 7, email: 'b@example.com', name: 'B', order: 1, delivery: 'EMAIL', notify: false },
			{ packageId: 7, email: 'c@example.com', name: 'C', order: 2, delivery: 'EMAIL', notify: 'false' },
		];
		const options = { signingOrder: '={{ $json.order }}', deliveryMethod: '={{ $json.delivery }}', emailNotification: '={{ $json.notify }}' };
		const { output } = await harness.run(add(options), items, { apiVersion });

		expect(output.map((item) => item.json)).toEqual(items.map(({ email, name }) => ({ packageId: 7, email, name, role: 'SIGNER', added: true })));
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const recipients = harness.sim.packageOf(7).recipients;
		expect(recipients.map((r: { user_email: string; signing_order: number; email_notification: boolean }) => [r.user_email, r.signing_order, r.email_notification])).toEqual([
			['a@example.com', 3, true],
			['b@example.com', 1, false],
			['c@example.com', 2, false],
		]);
	});

	it('uses the explicit defaults when no option is added: email, with a notification', async () => {
		await harness.run(add(), [{ packageId: 7, email: 'a@example.com', name: 'A' }], { apiVersion });
		const [recipient] = harness.sim.packageOf(7).recipients;
		expect(recipient).toMatchObject({ user_email: 'a@example.com', user_name: 'A', role: 'SIGNER', email_notification: true, delivery_method: 'EMAIL' });
	});

	it.each([
		[{ email: 'not-an-email' }, {}, 'Email must be an email address, not "not-an-email"'],
		[{ name: '' }, {}, 'Name is empty'],
		[{ packageId: '7/../8' }, {}, 'Package ID must be a positive whole number'],
		[{}, { signingOrder: '={{ $json.order }}' }, 'Signing Order must be a whole number of at least 1, not "0"'],
		[{}, { deliveryMethod: '={{ $json.delivery }}' }, 'Delivery Method must be one of EMAIL, SMS, EMAIL_AND_SMS, not "FAX"'],
		[{}, { emailNotification: '={{ $json.notify }}' }, 'Email Notification must be true or false, not "maybe"'],
	])('refuses %p with options %p before any request', async (override, options, message) => {
		const item = { packageId: 7, email: 'a@example.com', name: 'A', order: 0, delivery: 'FAX', notify: 'maybe', ...override };
		const [error] = await harness.refused(add(options), [item], { apiVersion });
		expect(error).toMatchObject({ message: expect.stringContaining(message), packageId: item.packageId, email: item.email });
	});
});

describe('Recipient > Add by SMS', () => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT', name: 'Draft' }] }));
	const sms = add({ deliveryMethod: '={{ $json.delivery }}', mobileNumber: '={{ $json.mobile }}' });

	it('sends the mobile number in international form for SMS and Email and SMS (v4)', async () => {
		const items = [
			{ packageId: 7, email: 'a@example.com', name: 'A', delivery: 'SMS', mobile: '+44 7700 900123' },
			{ packageId: 7, email: 'b@example.com', name: 'B', delivery: 'EMAIL_AND_SMS', mobile: '0044 (7700) 900-124' },
			{ packageId: 7, email: 'c@example.com', name: 'C', delivery: 'EMAIL', mobile: 'ignored for email' },
		];
		await harness.run(sms, items, { apiVersion: 'v4' });
		const recipients = harness.sim.packageOf(7).recipients.map((r: { user_email: string; delivery_method: string; mobile_number?: string }) => [r.user_email, r.delivery_method, r.mobile_number]);
		expect(recipients).toEqual([
			['a@example.com', 'SMS', '+447700900123'],
			['b@example.com', 'EMAIL_AND_SMS', '+447700900124'],
			['c@example.com', 'EMAIL', undefined],
		]);
	});

	it.each([
		['v4', { delivery: 'SMS', mobile: '' }, 'Mobile Number is empty'],
		['v4', { delivery: 'SMS', mobile: '12345' }, 'Mobile Number must be an international number such as +447700900123, not "12345"'],
		['v4', { delivery: 'EMAIL_AND_SMS', mobile: '+44 abc' }, 'Mobile Number must be an international number'],
		['v3', { delivery: 'SMS', mobile: '+447700900123' }, "Delivery Method SMS needs SigningHub's API v4"],
	])('%s %p fails its item before any request', async (apiVersion, item, message) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(sms, [{ packageId: 7, email: 'a@example.com', name: 'A', ...item }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(message), attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});

	it('shows Mobile Number among the options only once Delivery Method texts the recipient', () => {
		const { SigningHub } = require('../../../../nodes/SigningHub/SigningHub.node');
		const options = new SigningHub().description.properties.find((p: { name: string }) => p.name === 'options').options;
		const mobile = options.find((o: { name: string }) => o.name === 'mobileNumber');
		expect(mobile.displayOptions.show).toEqual({ deliveryMethod: ['SMS', 'EMAIL_AND_SMS'], '/resource': ['recipient'], '/operation': ['add'] });
	});
});

describe.each(API_VERSIONS)('Recipient > Add from a list (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT', name: 'Draft', recipients: [{ user_email: 'first@example.com', role: 'SIGNER' }] }] }));
	const list = (options: object = {}) => ({ resource: 'recipient', operation: 'add', packageId: '={{ $json.packageId }}', recipientSource: 'json', recipientsJson: '={{ $json.people }}', options });

	it('adds every entry after those there are, in one call, the options applying where an entry does not say', async () => {
		const from = harness.sim.log.length;
		const people = [
			{ name: 'B', email: 'b@example.com' },
			{ user_name: 'C', user_email: 'c@example.com', role: 'REVIEWER', emailNotification: true },
		];
		const { output } = await harness.run(list({ emailNotification: false, signingOrder: 2 }), [{ packageId: 7, people }], { apiVersion });
		expect(output[0].json).toEqual({ packageId: 7, recipients: [{ email: 'b@example.com', name: 'B', role: 'SIGNER' }, { email: 'c@example.com', name: 'C', role: 'REVIEWER' }], added: true });
		expect(harness.calls(from)).toEqual([`POST /${apiVersion}/packages/7/workflow/users`]);
		expect(harness.sim.packageOf(7).recipients.map((r: { order: number; user_email: string; signing_order: number; email_notification: boolean }) => [r.order, r.user_email, r.signing_order, r.email_notification])).toEqual([
			[1, 'first@example.com', 1, true],
			[2, 'b@example.com', 2, false],
			[3, 'c@example.com', 2, true],
		]);
	});

	it.each([
		[[{ name: 'B', email: 'b@example.com' }, { name: '', email: 'c@example.com' }], 'Recipient 2: Name is empty'],
		[[], 'No recipient to add'],
		[{ name: 'B' }, 'Recipient 1: Email is empty'],
	])('refuses %p before any request', async (people, message) => {
		const [error] = await harness.refused(list(), [{ packageId: 7, people }], { apiVersion });
		expect(error.message).toContain(message);
	});
});

