import type { IDataObject } from 'n8n-workflow';

import type { SigningHubClient } from '../../transport';
import type { Operation } from '../types';
import { findRecipients, readRecipientTarget, recipientTargetInputs, recipientTargetProperties, type RecipientTarget } from './recipientTarget';

async function readReminders(client: SigningHubClient, packageId: number, order: number): Promise<IDataObject> {
	const response = await client.request({
		method: 'GET',
		endpoint: 'workflowReminders',
		pathParameters: { packageId, order },
		expect: 'jsonObject',
		repeatable: true,
		action: `read the reminders of recipient ${order} of package ${packageId}`,
	});
	return response.body as IDataObject;
}

export const getReminders: Operation = {
	resource: 'recipient',
	value: 'getReminders',
	name: 'Get Reminders',
	description: 'Get when SigningHub reminds a recipient, or every recipient, to act',
	action: "Get a recipient's reminders",
	agent: {
		does: "Reads the reminder settings of a SigningHub package's recipients: whether reminders are on, after how many days or hours, how often they repeat and how many times. Needs the package ID and the recipient's order or email, or all recipients. Returns one item per recipient.",
	},
	properties: recipientTargetProperties('get the reminders of', { all: true }),
	identifyingInputs: recipientTargetInputs,
	read: ({ context, itemIndex }) => readRecipientTarget(context, itemIndex),
	async send({ client }, target: RecipientTarget) {
		const { packageId } = target;
		const recipients: IDataObject[] = target.order !== undefined ? [{ order: target.order }] : await findRecipients(client, target);
		const items = [];
		for (const recipient of recipients) {
			const order = Number(recipient.order);
			const email = recipient.user_email === undefined ? {} : { email: recipient.user_email };
			items.push({ json: { packageId, order, ...email, ...(await readReminders(client, packageId, order)) } });
		}
		return items;
	},
};
