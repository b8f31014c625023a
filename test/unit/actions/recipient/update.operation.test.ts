// Recipient > Update: found by order or by email, only the fields given change (role and, on v4,
// delivery method sent as they are), bad input refused before any request, SigningHub's refusals.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const update = (find: object, updateFields: object) => ({ resource: 'recipient', operation: 'update', packageId: '={{ $json.packageId }}', ...find, updateFields });
const RECIPIENTS = [
	{ user_email: 'wrong@example.com', user_name: 'Wrong', role: 'SIGNER' },
	{ user_email: 'second@example.com', user_name: 'Second', role: 'REVIEWER' },
];

describe.each(['v4', 'v3'])('Recipient > Update (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'IN_PROGRESS', recipients: RECIPIENTS },
				{ id: 8, owner: OWNER, status: 'IN_PROGRESS', recipients: RECIPIENTS, lockedWorkflow: true },
			],
		}),
	);

	it('corrects the recipient found by email, each item its own values', async () => {
		const items = [
			{ packageId: 7, find: 'wrong@example.com', email: 'right@example.com', name: 'Right' },
			{ packageId: 7, find: 'second@example.com', email: 'reviewer@example.com', name: 'Rita' },
		];
		const { output } = await harness.run(update({ findBy: 'email', recipientEmail: '={{ $json.find }}' }, { email: '={{ $json.email }}', name: '={{ $json.name }}' }), items, { apiVersion });
		expect(output.map((item) => item.json)).toEqual([
			expect.objectContaining({ packageId: 7, order: 1, user_email: 'right@example.com', user_name: 'Right', role: 'SIGNER', updated: true }),
			expect.objectContaining({ packageId: 7, order: 2, user_email: 'reviewer@example.com', user_name: 'Rita', role: 'REVIEWER', updated: true }),
		]);
		const recipients = harness.sim.packageOf(7).recipients;
		expect(recipients.map((r: { user_email: string; role: string }) => [r.user_email, r.role])).toEqual([
			['right@example.com', 'SIGNER'],
			['reviewer@example.com', 'REVIEWER'],
		]);
	});

	it('changes the role of the recipient at an order, sending the role and (v4) delivery method SigningHub requires', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(update({ findBy: 'order', recipientOrder: 2 }, { role: 'SIGNER', signingOrder: 3 }), [{ packageId: 7 }], { apiVersion });
		expect(output[0].json).toMatchObject({ order: 2, role: 'SIGNER', signing_order: 3 });
		const put = harness.requests(from).find((entry) => entry.method === 'PUT');
		expect(put?.path).toBe(`/${apiVersion}/packages/7/workflow/2/user`);
		expect(harness.sim.packageOf(7).recipients[1]).toMatchObject({ user_email: 'second@example.com', role: 'SIGNER', signing_order: 3, delivery_method: 'EMAIL' });
	});

	it.each([
		[{ findBy: 'email', recipientEmail: 'nobody' }, { name: 'X' }, 'Recipient Email must be an email address'],
		[{ findBy: 'order', recipientOrder: 0 }, { name: 'X' }, 'Recipient Order must be a positive whole number'],
		[{ findBy: 'order', recipientOrder: 1 }, {}, 'Nothing to update'],
		[{ findBy: 'order', recipientOrder: 1 }, { role: 'BOSS' }, 'Role must be one of SIGNER'],
		[{ findBy: 'order', recipientOrder: 1 }, { email: 'not-an-email' }, 'Email must be an email address'],
	])('refuses %p with %p before any request', async (find, fields, text) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(update(find, fields), [{ packageId: 7 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(text), httpCode: null, attempts: 0, packageId: 7 });
		expect(harness.requests(from)).toEqual([]);
	});

	it("gives SigningHub's refusals with advice: no recipient at that order, a locked workflow, an unknown email", async () => {
		const { output } = await harness.run(update({ findBy: 'order', recipientOrder: '={{ $json.order }}' }, { name: 'X' }), [{ packageId: 7, order: 5 }, { packageId: 8, order: 1 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'Package 7 has no recipient at order 5', httpCode: null });
		expect(output[1].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'You are not allowed to perform this action on locked workflow', description: expect.stringContaining('locked') });
		const byEmail = await harness.run(update({ findBy: 'email', recipientEmail: 'gone@example.com' }, { name: 'X' }), [{ packageId: 7 }], { apiVersion, continueOnFail: true });
		expect(byEmail.output[0].json.error).toMatchObject({ message: 'Package 7 has no recipient with the email gone@example.com' });
	});

	it('is not sent twice when its answer is lost', async () => {
		// Logged in first: a 401 before the dropped answer would hide what the node does.
		await harness.run({ resource: 'recipient', operation: 'getMany', packageId: 7 }, [{}], { apiVersion });
		harness.sim.addFaults({ path: '/workflow/1/user$', method: 'PUT', kind: 'drop', after: true, times: 1 });
		const from = harness.sim.log.length;
		const { output } = await harness.run(update({ findBy: 'order', recipientOrder: 1 }, { name: 'Once' }), [{ packageId: 7 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining('SigningHub may have carried it out') });
		expect(harness.requests(from).filter((entry) => entry.method === 'PUT')).toHaveLength(1);
	});
});
