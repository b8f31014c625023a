// Recipient > Remove: by order or email, never sent twice, bad input refused before any request.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const remove = (find: object) => ({ resource: 'recipient', operation: 'remove', packageId: '={{ $json.packageId }}', ...find });
const RECIPIENTS = [
	{ user_email: 'a@example.com', role: 'SIGNER' },
	{ user_email: 'b@example.com', role: 'SIGNER' },
	{ user_email: 'c@example.com', role: 'SIGNER' },
];

describe.each(['v4', 'v3'])('Recipient > Remove (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT', recipients: RECIPIENTS }] }));

	it('removes the recipient at an order, and one found by email', async () => {
		const { output } = await harness.run(remove({ findBy: 'order', recipientOrder: 2 }), [{ packageId: 7 }], { apiVersion });
		expect(output[0].json).toEqual({ packageId: 7, order: 2, removed: true });
		const byEmail = await harness.run(remove({ findBy: 'email', recipientEmail: '={{ $json.email }}' }), [{ packageId: 7, email: 'C@example.com' }], { apiVersion });
		expect(byEmail.output[0].json).toEqual({ packageId: 7, order: 2, email: 'C@example.com', removed: true });
		expect(harness.sim.packageOf(7).recipients.map((r: { user_email: string }) => r.user_email)).toEqual(['a@example.com']);
	});

	it.each([
		[{ findBy: 'order', recipientOrder: '' }, 'Recipient Order is empty'],
		[{ findBy: 'email', recipientEmail: '' }, 'Recipient Email is empty'],
		[{ findBy: 'whoever' }, 'Find Recipient By must be one of ORDER, EMAIL, ALL'],
	])('refuses %p before any request', async (find, text) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(remove(find), [{ packageId: 7 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(text), httpCode: null, attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});

	it("says SigningHub's words for an order it does not have", async () => {
		const { output } = await harness.run(remove({ findBy: 'order', recipientOrder: 9 }), [{ packageId: 7 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: 404, signingHubMessage: 'No user found at given order', description: expect.stringContaining('Recipient > Get Many') });
	});

	it('is never tried again after a lost answer (a second try would remove the next recipient)', async () => {
		// Logged in first: a 401 before the dropped answer would hide what the node does.
		await harness.run({ resource: 'recipient', operation: 'getMany', packageId: 7 }, [{}], { apiVersion });
		harness.sim.addFaults({ path: '/workflow/1$', method: 'DELETE', kind: 'drop', after: true, times: 1 });
		const from = harness.sim.log.length;
		const { output } = await harness.run(remove({ findBy: 'order', recipientOrder: 1 }), [{ packageId: 7 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining('SigningHub may have carried it out') });
		expect(harness.requests(from).filter((entry) => entry.method === 'DELETE')).toHaveLength(1);
		expect(harness.sim.packageOf(7).recipients).toHaveLength(2);
	});
});
