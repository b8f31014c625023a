// Recipient > Get Reminders: one recipient (by order or email) or every one.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const get = (find: object) => ({ resource: 'recipient', operation: 'getReminders', packageId: '={{ $json.packageId }}', ...find });
const SET = { apply_to_all: false, enabled: true, frequency: 'HOURS', remind_after: 4, repeat: { enabled: true, frequency: 'HOURS', keep_reminding_after: 8, total_reminders: 2 } };
/** What each version answers: v3's reminders have no unit (v3 guide page 1063). */
const SHOWN = { v4: SET, v3: { apply_to_all: false, enabled: true, remind_after: 4, repeat: { enabled: true, keep_reminding_after: 8, total_reminders: 2 } } };

describe.each(['v4', 'v3'] as const)('Recipient > Get Reminders (%s)', (apiVersion) => {
	beforeEach(() => {
		harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT', recipients: [{ user_email: 'a@example.com' }, { user_email: 'b@example.com' }] }] });
		harness.sim.packageOf(7).recipients[1].reminders = SET;
	});

	it('reads one recipient by email, and every recipient', async () => {
		const one = await harness.run(get({ findBy: 'email', recipientEmail: 'b@example.com' }), [{ packageId: 7 }], { apiVersion });
		expect(one.output.map((item) => item.json)).toEqual([{ packageId: 7, order: 2, email: 'b@example.com', ...SHOWN[apiVersion] }]);
		const all = await harness.run(get({ findBy: 'all' }), [{ packageId: 7 }], { apiVersion });
		expect(all.output.map((item) => [item.json.email, item.json.enabled, item.pairedItem])).toEqual([
			['a@example.com', false, { item: 0 }],
			['b@example.com', true, { item: 0 }],
		]);
	});

	it('reads by order without listing the recipients first', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(get({ findBy: 'order', recipientOrder: 2 }), [{ packageId: 7 }], { apiVersion });
		expect(output[0].json).toMatchObject({ packageId: 7, order: 2, remind_after: 4 });
		expect(harness.requests(from).filter((entry) => entry.status !== 401).map((entry) => entry.path)).toEqual([`/${apiVersion}/packages/7/workflow/2/reminders`]);
	});

	it('refuses a bad package ID before any request', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(get({ findBy: 'all' }), [{ packageId: 'x' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'Package ID must be a positive whole number, not "x"', attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});
});
