import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../transport';
import { checkChoice, checkEmail, checkWholeNumber, inputsNamed, packageIdProperty, readBooleanOption, readOption, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';

export const ROLES = ['SIGNER', 'REVIEWER', 'EDITOR', 'CARBON_COPY', 'INPERSON_HOST'];
export const DELIVERY_METHODS = ['EMAIL', 'SMS', 'EMAIL_AND_SMS'];
/** The delivery methods that text the recipient: SigningHub needs their mobile number for them. */
export const BY_SMS = ['SMS', 'EMAIL_AND_SMS'];

export const ROLE_OPTIONS = [
	{ name: 'Carbon Copy', value: 'CARBON_COPY', description: 'Gets a copy, does not act' },
	{ name: 'Editor', value: 'EDITOR', description: 'Fills in fields' },
	{ name: 'In-Person Host', value: 'INPERSON_HOST', description: 'Hosts an in-person signing' },
	{ name: 'Reviewer', value: 'REVIEWER', description: 'Reviews and approves' },
	{ name: 'Signer', value: 'SIGNER', description: 'Signs the documents' },
];

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
	description: 'How SigningHub v4 reaches the recipient (SMS and Email and SMS need the Mobile Number option); v3 always emails',
};

const signingOrderOption: INodeProperties = {
	displayName: 'Signing Order',
	name: 'signingOrder',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	description: "The recipient's place in the order of a serial or custom workflow",
};

/**
 * A mobile number in the full international form SigningHub's web app asks for ("+44 ..." or
 * "00 44 ..."), sent as "+" and 7 to 15 digits (ITU E.164); spaces, dashes, dots and brackets
 * are dropped. The API pages do not say which form they take: this one any SMS gateway dials.
 */
export function checkMobileNumber(value: string): string {
	const number = value.replace(/[\s().-]/g, '').replace(/^00/, '+');
	if (!/^\+[1-9]\d{6,14}$/.test(number)) {
		throw invalidInput(
			`Mobile Number must be an international number such as +447700900123, not "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`,
			"Set Mobile Number to the recipient's mobile number with a + and the country code, or map a field that holds it.",
		);
	}
	return number;
}

/** Shown among the options once Delivery Method texts the recipient. */
const mobileNumberOption: INodeProperties = {
	displayName: 'Mobile Number',
	name: 'mobileNumber',
	type: 'string',
	placeholder: '+447700900123',
	default: '',
	displayOptions: { show: { deliveryMethod: BY_SMS } },
	description: "The recipient's mobile number, with + and the country code. Needed for SMS and Email and SMS: SigningHub texts it.",
};

interface Recipient {
	packageId: number;
	email: string;
	name: string;
	role: string;
	emailNotification: boolean;
	signingOrder?: number;
	deliveryMethod: string;
	mobileNumber?: string;
}

export const emailNotificationOption: INodeProperties = {
	displayName: 'Email Notification',
	name: 'emailNotification',
	type: 'boolean',
	default: true,
	description: 'Whether SigningHub emails the recipient when it is their turn',
};

export const addRecipient: Operation<Recipient> = {
	resource: 'recipient',
	value: 'add',
	name: 'Add',
	description: "Add a recipient to a draft package's workflow",
	action: 'Add a recipient',
	agent: {
		does: "Adds a recipient (signer, reviewer, editor, carbon copy or in-person host) to a draft SigningHub package. Needs the package ID, the recipient's email, name and role. Returns the recipient added.",
		changes: "the package's recipients (draft packages only)",
		reaches: 'the email given, once the package is shared: SigningHub sends it the documents and asks it to act',
	},
	properties: [
		packageIdProperty('The ID of the draft package to add the recipient to, e.g. 123'),
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: "The recipient's email" },
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', description: "The recipient's name as SigningHub shows it" },
		{
			displayName: 'Role',
			name: 'role',
			type: 'options',
			default: 'SIGNER',
			options: ROLE_OPTIONS,
		},
	],
	options: [
		deliveryMethodOption,
		emailNotificationOption,
		mobileNumberOption,
		signingOrderOption,
	],
	identifyingInputs: inputsNamed('packageId', 'email'),
	read({ context, itemIndex, apiVersion }) {
		const packageId = readPackageId(context, itemIndex);
		const email = checkEmail(readText(context, itemIndex, 'email', 'Email'), 'Email');
		const name = readText(context, itemIndex, 'name', 'Name');
		const role = checkChoice(readText(context, itemIndex, 'role', 'Role'), 'Role', ROLES);
		const deliveryMethod = checkChoice(readOption(context, itemIndex, deliveryMethodOption) ?? deliveryMethodOption.default, 'Delivery Method', DELIVERY_METHODS);
		const emailNotification = readBooleanOption(context, itemIndex, emailNotificationOption);
		const signingOrder = readOption(context, itemIndex, signingOrderOption);
		const recipient: Recipient = { packageId, email, name, role, deliveryMethod, emailNotification };
		if (signingOrder !== undefined) recipient.signingOrder = checkWholeNumber(signingOrder, 'Signing Order', 1);
		if (BY_SMS.includes(deliveryMethod)) {
			if (apiVersion === 'v3') {
				throw invalidInput(`Delivery Method ${deliveryMethod} needs SigningHub's API v4`, 'SigningHub v3 reaches recipients by email only: choose Email, or a v4 credential.');
			}
			const mobileNumber = readOption(context, itemIndex, mobileNumberOption);
			if (mobileNumber === undefined) {
				throw invalidInput('Mobile Number is empty', `Delivery Method ${deliveryMethod} texts the recipient: add the Mobile Number option with their number, e.g. +447700900123.`);
			}
			recipient.mobileNumber = checkMobileNumber(String(mobileNumber).trim());
		}
		return recipient;
	},
	async send({ client }, recipient) {
		const { packageId, email, name, role } = recipient;
		const body: IDataObject = { user_email: email, user_name: name, role, email_notification: recipient.emailNotification };
		if (recipient.signingOrder !== undefined) body.signing_order = recipient.signingOrder;
		if (client.apiVersion === 'v4') body.delivery_method = recipient.deliveryMethod;
		if (recipient.mobileNumber !== undefined) body.mobile_number = recipient.mobileNumber;
		await client.request({
			method: 'POST',
			endpoint: 'workflowUsers',
			pathParameters: { packageId },
			body: [body],
			expect: 'emptyOrJson',
			repeatable: false,
			action: `add ${email} to package ${packageId}`,
		});
		return { json: { packageId, email, name, role, added: true } };
	},
};
