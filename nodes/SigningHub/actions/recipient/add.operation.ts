import type { IDataObject } from 'n8n-workflow';

import { checkEmail, identifyBy, packageIdProperty, readPackageId, readText } from '../parameters';
import { InvalidInputError, type Operation } from '../types';

const ROLES = ['SIGNER', 'REVIEWER', 'EDITOR', 'CARBON_COPY', 'INPERSON_HOST'];
const DELIVERY_METHODS = ['EMAIL', 'SMS', 'EMAIL_AND_SMS'];

export const addRecipient: Operation = {
	resource: 'recipient',
	value: 'add',
	name: 'Add',
	description: "Add a recipient to a draft package's workflow",
	action: 'Add a recipient',
	properties: [
		packageIdProperty('The ID of the draft package to add the recipient to, e.g. 123'),
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: "The recipient's email" },
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: "The recipient's name as SigningHub shows it" },
		{
			displayName: 'Role',
			name: 'role',
			type: 'options',
			default: 'SIGNER',
			options: [
				{ name: 'Carbon Copy', value: 'CARBON_COPY', description: 'Gets a copy, does not act' },
				{ name: 'Editor', value: 'EDITOR', description: 'Fills in fields' },
				{ name: 'In-Person Host', value: 'INPERSON_HOST', description: 'Hosts an in-person signing' },
				{ name: 'Reviewer', value: 'REVIEWER', description: 'Reviews and approves' },
				{ name: 'Signer', value: 'SIGNER', description: 'Signs the documents' },
			],
		},
	],
	options: [
		{
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
		},
		{
			displayName: 'Email Notification',
			name: 'emailNotification',
			type: 'boolean',
			default: true,
			description: 'Whether SigningHub emails the recipient when it is their turn',
		},
		{
			displayName: 'Signing Order',
			name: 'signingOrder',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'The recipient\'s place in the order of a serial or custom workflow',
		},
	],
	identify: identifyBy('packageId', 'email'),
	async execute({ n8n, itemIndex, client, options }) {
		const packageId = readPackageId(n8n, itemIndex);
		const email = checkEmail(readText(n8n, itemIndex, 'email', 'Email'), 'Email');
		const name = readText(n8n, itemIndex, 'name', 'Name');
		const role = readText(n8n, itemIndex, 'role', 'Role').toUpperCase();
		if (!ROLES.includes(role)) throw new InvalidInputError(`Role must be one of ${ROLES.join(', ')}, not "${role}"`, 'Choose a Role.');
		const { deliveryMethod = 'EMAIL', emailNotification = true, signingOrder } = options.chosen;
		if (!DELIVERY_METHODS.includes(String(deliveryMethod))) {
			throw new InvalidInputError(`Delivery Method must be one of ${DELIVERY_METHODS.join(', ')}`, 'Choose a Delivery Method.');
		}
		const recipient: IDataObject = { user_email: email, user_name: name, role, email_notification: emailNotification === true };
		if (signingOrder !== undefined) recipient.signing_order = Number(signingOrder);
		if (client.apiVersion === 'v4') recipient.delivery_method = deliveryMethod;
		await client.request({
			method: 'POST',
			endpoint: 'workflowUsers',
			pathParameters: { packageId },
			body: [recipient],
			expect: 'emptyOrJson',
			repeatable: false,
			action: `add ${email} to package ${packageId}`,
		});
		return { json: { packageId, email, name, role, added: true } };
	},
};
