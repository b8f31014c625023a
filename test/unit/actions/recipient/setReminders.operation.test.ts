// Recipient > Set Reminders: days or hours (v4), days only in v3's documented body; repeat, one
// recipient or all; per item; bad input before any request; SigningHub's refusal once the
// package is shared, with advice.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const set = (fields: object) => ({ resource: 'recipient', operation: 'setReminders', packageId: '={{ $json.packageId }}', findBy: 'order', recipientOrder: 1, ...fields });

describe.each(['v4', 'v3'])('Recipient > Set Reminders (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'DRAFT', recipients: [{ user_email: 'a@example.com' }, { user_email: 'b@example.com' }] },
				{ id: 8, owner: OWNER, status: 'IN_PROGRESS', recipients: [{ user_email: 'a@example.com' }] },
			],
		}),
	);

	it("sets every recipient's reminders with SigningHub's apply_to_all, and turns them off", async () => {
		await harness.run(set({ findBy: 'all', remindAfter: 3 }), [{ packageId: 7 }], { apiVersion });
		expect(harness.sim.packageOf(7).recipients.map((r: { reminders: { remind_after: number } }) => r.reminders.remind_after)).toEqual([3, 3]);
		const { output } = await harness.run(set({ remindersOn: false }), [{ packageId: 7 }], { apiVersion });
		expect(output[0].json).toEqual({ packageId: 7, order: 1, apply_to_all: false, enabled: false, updated: true });
		expect(harness.sim.packageOf(7).recipients[0].reminders.enabled).toBe(false);
	});

	it.each([
		[{ remindAfter: 0 }, 'Remind After must be a whole number of at least 1, not "0"'],
		[{ frequency: 'WEEKS' }, 'Unit must be one of DAYS, HOURS, not "WEEKS"'],
		[{ repeat: 'sometimes' }, 'Repeat must be true or false, not "sometimes"'],
		[{ repeat: true, totalReminders: -1 }, 'Times must be a whole number of at least 1'],
	])('refuses %p before any request', async (fields, text) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(set(fields), [{ packageId: 7 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(text), httpCode: null, attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});

	it("explains SigningHub's refusal once the package is shared", async () => {
		const { output } = await harness.run(set({}), [{ packageId: 8 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({
			httpCode: 403,
			signingHubMessage: 'Document is no longer in draft state',
			description: expect.stringContaining('Recall the package'),
		});
	});
});

describe('Recipient > Set Reminders, by version', () => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT', recipients: [{ user_email: 'a@example.com' }, { user_email: 'b@example.com' }] }] }));
	const fields = { recipientOrder: '={{ $json.order }}', remindAfter: '={{ $json.after }}', frequency: '={{ $json.unit }}', repeat: '={{ $json.repeat }}', repeatEvery: '={{ $json.every }}', totalReminders: '={{ $json.times }}' };

	it('v4: sets each item its own reminders, in days or hours, repeating or not', async () => {
		const items = [
			{ packageId: 7, order: 1, after: 2, unit: 'DAYS', repeat: false },
			{ packageId: 7, order: 2, after: 6, unit: 'HOURS', repeat: true, every: 12, times: 3 },
		];
		const { output } = await harness.run(set(fields), items, { apiVersion: 'v4' });
		expect(output.map((item) => item.json.updated)).toEqual([true, true]);
		const [first, second] = harness.sim.packageOf(7).recipients.map((r: { reminders: object }) => r.reminders);
		expect(first).toMatchObject({ apply_to_all: false, enabled: true, frequency: 'DAYS', remind_after: 2, repeat: { enabled: false } });
		expect(second).toMatchObject({ enabled: true, frequency: 'HOURS', remind_after: 6, repeat: { enabled: true, frequency: 'HOURS', keep_reminding_after: 12, total_reminders: 3 } });
	});

	it("v3: sends v3's documented body, without a unit, and fails an item in hours before any request", async () => {
		const items = [
			{ packageId: 7, order: 1, after: 2, unit: 'DAYS', repeat: true, every: 3, times: 2 },
			{ packageId: 7, order: 2, after: 6, unit: 'HOURS', repeat: false },
		];
		const from = harness.sim.log.length;
		const { output } = await harness.run(set(fields), items, { apiVersion: 'v3', continueOnFail: true });
		expect(output[0].json).toEqual({ packageId: 7, order: 1, apply_to_all: false, enabled: true, remind_after: 2, repeat: { enabled: true, keep_reminding_after: 3, total_reminders: 2 }, updated: true });
		expect(output[1].json.error).toMatchObject({ message: 'API v3 reminders count days, not hours', description: expect.stringContaining('Set Unit to Days'), httpCode: null, attempts: 0 });
		const [first, second] = harness.sim.packageOf(7).recipients;
		// The simulator keeps what v3 ignored: nothing, as the node sends no frequency.
		expect(first.reminders).toEqual({ apply_to_all: false, enabled: true, remind_after: 2, repeat: { enabled: true, keep_reminding_after: 3, total_reminders: 2 } });
		expect(second.reminders).toBeUndefined();
		expect(harness.calls(from)).toEqual(['PUT /v3/packages/7/workflow/1/reminders']);
	});
});
