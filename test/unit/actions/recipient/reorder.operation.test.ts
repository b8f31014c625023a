// Recipient > Change Order (v4 schema WorkflowUserReorderRequest: PUT .../workflow/{order}/reorder
// {order}): the recipient found by order or email moves, bad input refused before any request,
// SigningHub's refusals, a lost answer not sent again.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const reorder = (find: object) => ({ resource: 'recipient', operation: 'reorder', packageId: '={{ $json.packageId }}', ...find, newOrder: '={{ $json.to }}' });
const RECIPIENTS = ['a', 'b', 'c'].map((name) => ({ user_email: `${name}@example.com`, user_name: name.toUpperCase(), role: 'SIGNER' }));
const emails = (id: number) => harness.sim.packageOf(id).recipients.map((r: { order: number; user_email: string; signing_order: number }) => [r.order, r.user_email, r.signing_order]);

describe.each(['v4', 'v3'])('Recipient > Change Order (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'DRAFT', recipients: RECIPIENTS },
				{ id: 8, owner: OWNER, status: 'DRAFT', recipients: RECIPIENTS, lockedWorkflow: true },
			],
		}),
	);

	it('moves the recipient at an order, the others making room, in one PUT', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(reorder({ findBy: 'order', recipientOrder: 3 }), [{ packageId: 7, to: 1 }], { apiVersion });
		expect(output[0].json).toEqual({ packageId: 7, order: 3, newOrder: 1, moved: true });
		expect(harness.calls(from)).toEqual([`PUT /${apiVersion}/packages/7/workflow/3/reorder`]);
		expect(emails(7)).toEqual([[1, 'c@example.com', 1], [2, 'a@example.com', 2], [3, 'b@example.com', 3]]);
	});

	it('finds the recipient by email first', async () => {
		const from = harness.sim.log.length;
		await harness.run(reorder({ findBy: 'email', recipientEmail: 'A@example.com' }), [{ packageId: 7, to: '3' }], { apiVersion });
		expect(harness.calls(from)).toEqual([`GET /${apiVersion}/packages/7/workflow/users`, `PUT /${apiVersion}/packages/7/workflow/1/reorder`]);
		expect(emails(7).map(([, email]: [number, string]) => email)).toEqual(['b@example.com', 'c@example.com', 'a@example.com']);
	});

	it.each([
		[{ findBy: 'order', recipientOrder: 1 }, { to: 0 }, 'New Order must be a whole number of at least 1, not "0"'],
		[{ findBy: 'order', recipientOrder: 1 }, { to: 'first' }, 'New Order must be a whole number of at least 1, not "first"'],
		[{ findBy: 'order', recipientOrder: 0 }, { to: 1 }, 'Recipient Order must be a positive whole number'],
		[{ findBy: 'email', recipientEmail: 'a' }, { to: 1 }, 'Recipient Email must be an email address'],
	])('refuses %p %p before any request', async (find, item, message) => {
		const [error] = await harness.refused(reorder(find), [{ packageId: 7, ...item }], { apiVersion });
		expect(error).toMatchObject({ message: expect.stringContaining(message), packageId: 7 });
	});

	it.each([
		[7, 4, 5, 404, 'No user found at given order'],
		[7, 1, 9, 400, 'order must be between 1 and 3'],
		[8, 1, 2, 403, 'You are not allowed to perform this action on locked workflow'],
	])('passes on SigningHub\'s refusal (package %p, %p to %p) in its words', async (packageId, order, to, httpCode, words) => {
		const [error] = await harness.errors(reorder({ findBy: 'order', recipientOrder: order }), [{ packageId, to }], { apiVersion });
		expect(error).toMatchObject({ httpCode, signingHubMessage: words, attempts: 1 });
	});

	it('does not send the move again when its answer is lost', async () => {
		harness.sim.addFaults({ path: '/reorder$', kind: 'drop', after: true, times: 1 });
		const from = harness.sim.log.length;
		const [error] = await harness.errors(reorder({ findBy: 'order', recipientOrder: 3 }), [{ packageId: 7, to: 1 }], { apiVersion });
		expect(error).toMatchObject({ message: expect.stringContaining('SigningHub may have carried it out'), attempts: 1 });
		expect(harness.calls(from)).toEqual([`PUT /${apiVersion}/packages/7/workflow/3/reorder`]);
	});
});
