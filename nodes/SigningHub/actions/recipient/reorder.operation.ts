import type { IDataObject } from 'n8n-workflow';

import { checkWholeNumber, itemParameter } from '../parameters';
import type { Operation } from '../types';
import { orderOf, readRecipientTarget, recipientTargetInputs, recipientTargetProperties, type RecipientTarget } from './recipientTarget';

export const reorderRecipient: Operation<{ target: RecipientTarget; newOrder: number }> = {
	resource: 'recipient',
	value: 'reorder',
	name: 'Change Order',
	description: "Move a recipient to another place in a package's workflow",
	action: "Change a recipient's order",
	agent: {
		does: "Moves one recipient of a SigningHub package to another place in its workflow (1 = first), the others making room. Needs the package ID, the recipient's current order or email, and the new order. Returns the recipient's old and new order.",
		changes: "the order in which the package's recipients are asked to act",
	},
	properties: [
		...recipientTargetProperties('move'),
		{ displayName: 'New Order', name: 'newOrder', type: 'number', typeOptions: { minValue: 1 }, required: true, default: 1, description: 'The place the recipient moves to: 1 for the first' },
	],
	identifyingInputs: (context, itemIndex) => ({ ...recipientTargetInputs(context, itemIndex), newOrder: (itemParameter(context, 'newOrder', itemIndex, 'New Order') ?? null) as IDataObject[string] }),
	read: ({ context, itemIndex }) => ({
		target: readRecipientTarget(context, itemIndex),
		newOrder: checkWholeNumber(itemParameter(context, 'newOrder', itemIndex, 'New Order'), 'New Order', 1),
	}),
	async send({ client }, { target, newOrder }) {
		const order = await orderOf(client, target);
		// The path names the recipient by its order now, the body its new one (v4 schema WorkflowUserReorderRequest).
		await client.request({
			method: 'PUT',
			endpoint: 'workflowReorder',
			pathParameters: { packageId: target.packageId, order },
			body: { order: newOrder },
			expect: 'emptyOrJson',
			repeatable: false,
			action: `move recipient ${order} of package ${target.packageId} to order ${newOrder}`,
		});
		return { json: { packageId: target.packageId, order, newOrder, moved: true } };
	},
};
