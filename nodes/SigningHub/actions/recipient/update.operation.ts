import type { IDataObject } from 'n8n-workflow';

import { invalidInput, type SigningHubClient } from '../../transport';
import { checkBoolean, checkChoice, checkEmail, checkWholeNumber, evaluated } from '../parameters';
import type { Operation } from '../types';
import { DELIVERY_METHODS, deliveryMethodOption, emailNotificationOption, ROLE_OPTIONS, ROLES } from './recipientList';
import { findRecipients, readRecipientTarget, recipientTargetInputs, recipientTargetProperties } from './recipientTarget';

function text(value: unknown, label: string): string {
	if (typeof value !== 'string' && typeof value !== 'number') throw invalidInput(`${label} must be text`, `Set ${label} to text, or map a field that holds text.`);
	const trimmed = String(value).trim();
	if (trimmed === '') throw invalidInput(`${label} is empty`, `Set ${label}, or remove it from Update Fields.`);
	return trimmed;
}

/** The item's Update Fields as SigningHub's Update Workflow User body names them, each checked. */
function changesOf(fields: IDataObject): IDataObject {
	const changes: IDataObject = {};
	if (fields.email !== undefined) changes.user_email = checkEmail(text(fields.email, 'Email'), 'Email');
	if (fields.name !== undefined) changes.user_name = text(fields.name, 'Name');
	if (fields.role !== undefined) changes.role = checkChoice(fields.role, 'Role', ROLES);
	if (fields.signingOrder !== undefined) changes.signing_order = checkWholeNumber(fields.signingOrder, 'Signing Order', 1);
	if (fields.deliveryMethod !== undefined) changes.delivery_method = checkChoice(fields.deliveryMethod, 'Delivery Method', DELIVERY_METHODS);
	if (fields.mobileNumber !== undefined) changes.mobile_number = text(fields.mobileNumber, 'Mobile Number');
	if (fields.emailNotification !== undefined) changes.email_notification = checkBoolean(fields.emailNotification, 'Email Notification');
	if (Object.keys(changes).length === 0) {
		throw invalidInput('Nothing to update', "Add at least one field under Update Fields (Email, Name, Role, ...) with the recipient's new value.");
	}
	return changes;
}

/**
 * Update Workflow User (v3 guide 1048; v4 schema WorkflowUserUpdateRequest): the recipient, group
 * or placeholder at `order` takes the body's values, the others stay. `role` (and, on v4,
 * `delivery_method`) are required. Not repeatable: a lost answer is not sent again.
 */
export async function updateWorkflowUser(client: SigningHubClient, packageId: number, order: number, body: IDataObject): Promise<IDataObject> {
	const response = await client.request({
		method: 'PUT',
		endpoint: 'workflowUser',
		pathParameters: { packageId, order },
		body,
		expect: 'emptyOrJson',
		repeatable: false,
		action: `update recipient ${order} of package ${packageId}`,
	});
	return (response.body ?? {}) as IDataObject;
}

export const updateRecipient: Operation = {
	resource: 'recipient',
	value: 'update',
	name: 'Update',
	description: "Correct a recipient of a package: email, name, role, order, delivery, mobile",
	action: 'Update a recipient',
	agent: {
		does: "Changes one recipient of a SigningHub package (e.g. fixes a wrong email). Needs the package ID, the recipient's order in the workflow or current email, and the fields to change. Returns the recipient's new values.",
		changes: "the recipient's email, name, role, place in the order, delivery or mobile number",
		reaches: "a new email or mobile number: on a shared package SigningHub invites that address to act in the recipient's place, and the old address can no longer act. Change an email only to one the package owner confirmed",
		destructive: true,
	},
	properties: [
		...recipientTargetProperties('update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [
				{ ...deliveryMethodOption, description: 'How SigningHub v4 reaches the recipient (v3 ignores it)' },
				{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: "The recipient's new email" },
				{ ...emailNotificationOption },
				{ displayName: 'Mobile Number', name: 'mobileNumber', type: 'string', placeholder: '+441234567890', default: '', description: 'The mobile number for SMS delivery' },
				{ displayName: 'Name', name: 'name', type: 'string', default: '', description: "The recipient's new name" },
				{ displayName: 'Role', name: 'role', type: 'options', default: 'SIGNER', options: ROLE_OPTIONS, description: "The recipient's new role" },
				{
					displayName: 'Signing Order',
					name: 'signingOrder',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 1,
					description: "The recipient's new place in the order of a serial or custom workflow",
				},
			],
		},
	],
	identifyingInputs: recipientTargetInputs,
	read: ({ context, itemIndex }) => ({
		target: readRecipientTarget(context, itemIndex),
		changes: changesOf(evaluated('Update Fields', () => context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject)),
	}),
	async send({ client }, { target, changes }) {
		// SigningHub requires the role (and, on v4, the delivery method) in every update: unchanged ones are sent as they are.
		const [current] = await findRecipients(client, target);
		const body: IDataObject = { role: current.role, ...changes };
		if (client.apiVersion === 'v4') body.delivery_method = changes.delivery_method ?? current.delivery_method ?? deliveryMethodOption.default;
		else delete body.delivery_method;
		const order = Number(current.order);
		const answer = await updateWorkflowUser(client, target.packageId, order, body);
		return { json: { packageId: target.packageId, order, ...body, ...answer, updated: true } };
	},
};
