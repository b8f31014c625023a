import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { checkChoice, checkEmail, checkWholeNumber, inputsNamed, packageIdProperty, readBooleanOption, readOption, readPackageId, readText } from '../parameters';
import type { SigningHubClient } from '../../transport';
import type { Operation } from '../types';

export const ROLES = ['SIGNER', 'REVIEWER', 'EDITOR', 'CARBON_COPY', 'INPERSON_HOST'];
export const DELIVERY_METHODS = ['EMAIL', 'SMS', 'EMAIL_AND_SMS'];

export const ROLE_OPTIONS = [
	{ name: 'Carbon Copy', value: 'CARBON_COPY', description: 'Gets a copy, does not act' },
	{ name: 'Editor', value: 'EDITOR', description: 'Fills in fields' },
	{ name: 'In-Person Host', value: 'INPERSON_HOST', description: 'Hosts an in-person signing' },
	{ name: 'Reviewer', value: 'REVIEWER', description: 'Reviews and approves' },
	{ name: 'Signer', value: 'SIGNER', description: 'Signs the documents' },
];

export const roleProperty: INodeProperties = { displayName: 'Role', name: 'role', type: 'options', default: 'SIGNER', options: ROLE_OPTIONS };

export const deliveryMethodOption: INodeProperties = {
	displayName: 'Delivery Method (V4)',
	name: 'deliveryMethod',
	type: 'options',
	default: 'EMAIL',
	options: [
		{ name: 'Email', value: 'EMAIL' },
		{ name: 'Email and SMS', value: 'EMAIL_AND_SMS' },
		{ name: 'SMS', value: 'SMS' },
	],
	description: 'How SigningHub v4 reaches the recipient; v3 always emails',
};

export const emailNotificationOption: INodeProperties = {
	displayName: 'Email Notification',
	name: 'emailNotification',
	type: 'boolean',
	default: true,
	description: 'Whether SigningHub emails the recipient when it is their turn',
};

/** One recipient, checked. */
export interface Recipient {
	email: string;
	name: string;
	role: string;
	emailNotification: boolean;
	deliveryMethod: string;
	signingOrder?: number;
}

/** Add Users to Workflow: the recipients, in one request, in their order. */
export async function addRecipientsRequest(client: SigningHubClient, packageId: number, recipients: Recipient[]): Promise<void> {
	const body = recipients.map(({ email, name, role, emailNotification, deliveryMethod, signingOrder }) => {
		const recipient: IDataObject = { user_email: email, user_name: name, role, email_notification: emailNotification };
		if (signingOrder !== undefined) recipient.signing_order = signingOrder;
		if (client.apiVersion === 'v4') recipient.delivery_method = deliveryMethod;
		return recipient;
	});
	await client.request({
		method: 'POST',
		endpoint: 'workflowUsers',
		pathParameters: { packageId },
		body,
		expect: 'emptyOrJson',
		repeatable: false,
		action: `add ${recipients.map(({ email }) => email).join(', ')} to package ${packageId}`,
	});
}

export const addRecipient: Operation = {
	resource: 'recipient',
	value: 'add',
	name: 'Add',
	description: "Add a recipient to a draft package's workflow",
	action: 'Add a recipient',
	toolDescription:
		"Adds a recipient (signer, reviewer, editor, carbon copy or in-person host) to a draft SigningHub package. Needs the package ID, the recipient's email, name and role. Returns the recipient added.",
	properties: [
		packageIdProperty('The ID of the draft package to add the recipient to, e.g. 123'),
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: "The recipient's email" },
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: "The recipient's name as SigningHub shows it" },
		roleProperty,
	],
	options: [
		deliveryMethodOption,
		emailNotificationOption,
		{
			displayName: 'Signing Order',
			name: 'signingOrder',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'The recipient\'s place in the order of a serial or custom workflow',
		},
	],
	identifyingInputs: inputsNamed('packageId', 'email'),
	async execute({ context, itemIndex, client }) {
		const packageId = readPackageId(context, itemIndex);
		const email = checkEmail(readText(context, itemIndex, 'email', 'Email'), 'Email');
		const name = readText(context, itemIndex, 'name', 'Name');
		const role = checkChoice(readText(context, itemIndex, 'role', 'Role'), 'Role', ROLES);
		const deliveryMethod = checkChoice(readOption(context, itemIndex, 'deliveryMethod') ?? deliveryMethodOption.default, 'Delivery Method', DELIVERY_METHODS);
		const emailNotification = readBooleanOption(context, itemIndex, emailNotificationOption);
		const signingOrder = readOption(context, itemIndex, 'signingOrder');
		const order = signingOrder === undefined ? undefined : checkWholeNumber(signingOrder, 'Signing Order', 1);
		await addRecipientsRequest(client, packageId, [{ email, name, role, emailNotification, deliveryMethod, signingOrder: order }]);
		return { json: { packageId, email, name, role, added: true } };
	},
};
