import type { Operation } from '../types';
import { orderOf, readRecipientTarget, recipientTargetInputs, recipientTargetProperties, type RecipientTarget } from './recipientTarget';

export const removeRecipient: Operation = {
	resource: 'recipient',
	value: 'remove',
	name: 'Remove',
	description: "Take a recipient out of a package's workflow",
	action: 'Remove a recipient',
	agent: {
		does: "Removes one recipient from a SigningHub package's workflow (the recipients after it move up one place). Needs the package ID and the recipient's order in the workflow or email. Returns the package ID, the order and email removed.",
		changes: "the package's recipients: the recipient is no longer asked to act and can no longer open the package",
		destructive: true,
	},
	properties: recipientTargetProperties('remove'),
	identifyingInputs: recipientTargetInputs,
	read: ({ context, itemIndex }) => readRecipientTarget(context, itemIndex),
	async send({ client }, target: RecipientTarget) {
		const order = await orderOf(client, target);
		await client.request({
			method: 'DELETE',
			endpoint: 'workflowRecipient',
			pathParameters: { packageId: target.packageId, order },
			expect: 'emptyOrJson',
			// A second try would remove whoever moved up to this order.
			repeatable: false,
			action: `remove recipient ${order} from package ${target.packageId}`,
		});
		return { json: { packageId: target.packageId, order, ...(target.email ? { email: target.email } : {}), removed: true } };
	},
};
