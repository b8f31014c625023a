import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput, type ApiVersion, type SigningHubClient } from '../../transport';
import { checkBoolean, checkChoice, checkEmail, checkWholeNumber, entryText, readJsonList, readList, readText } from '../parameters';

/**
 * Recipients as SigningHub's Add Users to Workflow takes them (v3 guide 1047; v4 schema
 * WorflowUserRequest), and the lists of them an operation reads for one item: the editor's rows,
 * or a list of any length from JSON or an expression.
 */

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

export const signingOrderOption: INodeProperties = {
	displayName: 'Signing Order',
	name: 'signingOrder',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	description: "The recipient's place in the order of a serial or custom workflow",
};

export const emailNotificationOption: INodeProperties = {
	displayName: 'Email Notification',
	name: 'emailNotification',
	type: 'boolean',
	default: true,
	description: 'Whether SigningHub emails the recipient when it is their turn',
};

/** Shown (among an operation's options, or in a recipient's row) once Delivery Method texts the recipient. */
export const mobileNumberOption: INodeProperties = {
	displayName: 'Mobile Number',
	name: 'mobileNumber',
	type: 'string',
	placeholder: '+447700900123',
	default: '',
	displayOptions: { show: { deliveryMethod: BY_SMS } },
	description: "The recipient's mobile number, with + and the country code. Needed for SMS and Email and SMS: SigningHub texts it.",
};

/**
 * A mobile number in the full international form SigningHub's web app asks for ("+44 ..." or
 * "00 44 ..."), sent as "+" and 7 to 15 digits (ITU E.164); spaces, dashes, dots and brackets
 * are dropped. The API pages do not say which form they take: this one any SMS gateway dials.
 */
export function checkMobileNumber(value: string, label = 'Mobile Number'): string {
	const number = value.replace(/[\s().-]/g, '').replace(/^00/, '+');
	if (!/^\+[1-9]\d{6,14}$/.test(number)) {
		throw invalidInput(
			`${label} must be an international number such as +447700900123, not "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`,
			"Set Mobile Number to the recipient's mobile number with a + and the country code, or map a field that holds it.",
		);
	}
	return number;
}

/** One recipient to add, checked. */
export interface NewRecipient {
	email: string;
	name: string;
	role: string;
	emailNotification: boolean;
	signingOrder?: number;
	deliveryMethod: string;
	mobileNumber?: string;
}

/** What an entry that does not say takes: the operation's options, or SigningHub's own defaults. */
export interface RecipientDefaults {
	role: string;
	deliveryMethod: string;
	emailNotification: boolean;
	signingOrder?: number;
}

export const STANDARD_DEFAULTS: RecipientDefaults = { role: 'SIGNER', deliveryMethod: 'EMAIL', emailNotification: true };

/**
 * The keys a recipient entry may use: the node's field names, or SigningHub's own (as Recipient >
 * Get Many gives them), so a list can be mapped from either.
 */
const KEYS = {
	name: ['name', 'user_name'],
	email: ['email', 'user_email'],
	role: ['role'],
	signingOrder: ['signingOrder', 'signing_order'],
	deliveryMethod: ['deliveryMethod', 'delivery_method'],
	mobileNumber: ['mobileNumber', 'mobile_number'],
	emailNotification: ['emailNotification', 'email_notification'],
};

/** The entry's value under one of a field's keys (the first it has), under the node's name. */
export function aliased(entry: IDataObject, keys: string[]): unknown {
	const key = keys.find((candidate) => entry[candidate] !== undefined && entry[candidate] !== null && entry[candidate] !== '');
	return key === undefined ? undefined : entry[key];
}

function normalised(entry: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(KEYS).map(([field, keys]) => [field, aliased(entry, keys)])) as IDataObject;
}

/**
 * One recipient from one entry of a list, every field checked; `label` names the entry in
 * errors ("Recipient 3"). A signing order of 0 (the editor's "leave it to SigningHub") is none.
 */
export function recipientFromEntry(raw: IDataObject, label: string, apiVersion: ApiVersion, defaults: RecipientDefaults): NewRecipient {
	const entry = normalised(raw);
	const field = (name: string) => `${label}: ${name}`;
	const recipient: NewRecipient = {
		email: checkEmail(entryText(entry, 'email', field('Email')), field('Email')),
		name: entryText(entry, 'name', field('Name')),
		role: checkChoice(entry.role ?? defaults.role, field('Role'), ROLES),
		deliveryMethod: checkChoice(entry.deliveryMethod ?? defaults.deliveryMethod, field('Delivery Method'), DELIVERY_METHODS),
		emailNotification: entry.emailNotification === undefined ? defaults.emailNotification : checkBoolean(entry.emailNotification, field('Email Notification')),
	};
	const order = entry.signingOrder ?? defaults.signingOrder;
	if (order !== undefined && Number(order) !== 0) recipient.signingOrder = checkWholeNumber(order, field('Signing Order'), 1);
	if (BY_SMS.includes(recipient.deliveryMethod)) {
		if (apiVersion === 'v3') throw invalidInput(`${field('Delivery Method')} ${recipient.deliveryMethod} needs SigningHub's API v4`, 'SigningHub v3 reaches recipients by email only: choose Email, or a v4 credential.');
		if (entry.mobileNumber === undefined) {
			throw invalidInput(`${field('Mobile Number')} is empty`, `Delivery Method ${recipient.deliveryMethod} texts the recipient: give their mobile number, e.g. +447700900123.`);
		}
		recipient.mobileNumber = checkMobileNumber(entryText(entry, 'mobileNumber', field('Mobile Number')), field('Mobile Number'));
	}
	return recipient;
}

/** How an operation's list is given: the editor's rows, or JSON / an expression (a list of any length). */
export function listSourceProperty(name: string, displayName: string, rows: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		noDataExpression: true,
		default: 'fields',
		options: [
			{ name: 'Using Fields Below', value: 'fields', description: `One row per entry under ${rows}` },
			{ name: 'Using JSON or Expression', value: 'json', description: 'A list of any length, e.g. an expression that reads it from the item' },
		],
	};
}

/** Whether the item's list comes from JSON (or an expression) rather than the editor's rows. */
export function listFromJson(context: IExecuteFunctions, itemIndex: number, sourceName: string, displayName: string): boolean {
	return checkChoice(readText(context, itemIndex, sourceName, displayName, false) || 'fields', displayName, ['FIELDS', 'JSON']) === 'JSON';
}

export const RECIPIENTS_EXAMPLE = '[{"name": "Ada Lovelace", "email": "ada@example.com", "role": "SIGNER"}]';

export const recipientSourceProperty = listSourceProperty('recipientSource', 'Define Recipients', 'Recipients');

export const recipientsJsonProperty: INodeProperties = {
	displayName: 'Recipients (JSON)',
	name: 'recipientsJson',
	type: 'json',
	default: '',
	displayOptions: { show: { recipientSource: ['json'] } },
	description: `A list of recipients, e.g. ${RECIPIENTS_EXAMPLE}, or an expression that reads one from the item. Each takes name, email, and optionally role (SIGNER, REVIEWER, EDITOR, CARBON_COPY, INPERSON_HOST), signingOrder, deliveryMethod (EMAIL, SMS, EMAIL_AND_SMS), mobileNumber, emailNotification; SigningHub's names (user_email, user_name, signing_order, ...) work too.`,
};

/**
 * The item's recipients from the editor's rows (`rowsName`, e.g. "recipients.recipient") or from
 * Recipients (JSON): every entry checked before any request, errors naming the entry and field.
 */
export function readRecipientList(context: IExecuteFunctions, itemIndex: number, apiVersion: ApiVersion, rowsName: string, defaults: RecipientDefaults = STANDARD_DEFAULTS, none = 'No recipient to send the package to'): NewRecipient[] {
	const fromJson = listFromJson(context, itemIndex, recipientSourceProperty.name, recipientSourceProperty.displayName);
	const entries = fromJson ? readJsonList(context, itemIndex, recipientsJsonProperty.name, recipientsJsonProperty.displayName, RECIPIENTS_EXAMPLE) : readList(context, itemIndex, rowsName);
	if (entries.length === 0) {
		throw invalidInput(none, fromJson ? `Give at least one recipient in Recipients (JSON), e.g. ${RECIPIENTS_EXAMPLE}.` : 'Add at least one recipient under Recipients.');
	}
	return entries.map((entry, index) => recipientFromEntry(entry, `Recipient ${index + 1}`, apiVersion, defaults));
}

/**
 * Add Users to Workflow: every recipient in one call, appended in this order (v3 guide 1047: "the
 * input accepts one or more users in a single call"). Not repeatable: a second call would add
 * them twice.
 */
export async function addRecipients(client: SigningHubClient, packageId: number, recipients: NewRecipient[]): Promise<void> {
	const body = recipients.map((recipient) => {
		const user: IDataObject = { user_email: recipient.email, user_name: recipient.name, role: recipient.role, email_notification: recipient.emailNotification };
		if (recipient.signingOrder !== undefined) user.signing_order = recipient.signingOrder;
		if (client.apiVersion === 'v4') user.delivery_method = recipient.deliveryMethod;
		if (recipient.mobileNumber !== undefined) user.mobile_number = recipient.mobileNumber;
		return user;
	});
	const who = recipients.length === 1 ? recipients[0].email : `${recipients.length} recipients`;
	await client.request({
		method: 'POST',
		endpoint: 'workflowUsers',
		pathParameters: { packageId },
		body,
		expect: 'emptyOrJson',
		repeatable: false,
		action: `add ${who} to package ${packageId}`,
	});
}
