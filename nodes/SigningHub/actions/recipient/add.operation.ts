import { invalidInput } from '../../transport';
import { checkChoice, checkEmail, checkWholeNumber, inputsNamed, packageIdProperty, readBooleanOption, readOption, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';
import {
	addRecipients,
	BY_SMS,
	checkMobileNumber,
	DELIVERY_METHODS,
	deliveryMethodOption,
	emailNotificationOption,
	listFromJson,
	mobileNumberOption,
	readRecipientList,
	recipientSourceProperty,
	recipientsJsonProperty,
	ROLE_OPTIONS,
	ROLES,
	signingOrderOption,
	type NewRecipient,
} from './recipientList';


type Inputs = { packageId: number; recipients: NewRecipient[]; fromJson: boolean };

const fieldsOnly = { show: { recipientSource: ['fields'] } };

export const addRecipient: Operation<Inputs> = {
	resource: 'recipient',
	value: 'add',
	name: 'Add',
	description: "Add recipients to a draft package's workflow",
	action: 'Add a recipient',
	agent: {
		does: "Adds recipients (signer, reviewer, editor, carbon copy or in-person host) to a draft SigningHub package, after those it has. Needs the package ID and, for each recipient, their email, name and role; a list of any length may be given as JSON. Returns the recipients added.",
		changes: "the package's recipients (draft packages only)",
		reaches: 'the emails given, once the package is shared: SigningHub sends them the documents and asks them to act',
	},
	properties: [
		packageIdProperty('The ID of the draft package to add the recipients to, e.g. 123'),
		recipientSourceProperty,
		{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', displayOptions: fieldsOnly, description: "The recipient's email" },
		{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', displayOptions: fieldsOnly, description: "The recipient's name as SigningHub shows it" },
		{
			displayName: 'Role',
			name: 'role',
			type: 'options',
			default: 'SIGNER',
			displayOptions: fieldsOnly,
			options: ROLE_OPTIONS,
		},
		{ ...recipientsJsonProperty, description: `${recipientsJsonProperty.description} Options below apply to every entry that does not set its own.` },
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
		const deliveryMethod = checkChoice(readOption(context, itemIndex, deliveryMethodOption) ?? deliveryMethodOption.default, 'Delivery Method', DELIVERY_METHODS);
		const emailNotification = readBooleanOption(context, itemIndex, emailNotificationOption);
		const order = readOption(context, itemIndex, signingOrderOption);
		const signingOrder = order === undefined ? undefined : checkWholeNumber(order, 'Signing Order', 1);
		if (listFromJson(context, itemIndex, recipientSourceProperty.name, recipientSourceProperty.displayName)) {
			const recipients = readRecipientList(context, itemIndex, apiVersion, '', { role: 'SIGNER', deliveryMethod, emailNotification, signingOrder }, 'No recipient to add');
			return { packageId, recipients, fromJson: true };
		}
		const recipient: NewRecipient = {
			email: checkEmail(readText(context, itemIndex, 'email', 'Email'), 'Email'),
			name: readText(context, itemIndex, 'name', 'Name'),
			role: checkChoice(readText(context, itemIndex, 'role', 'Role'), 'Role', ROLES),
			deliveryMethod,
			emailNotification,
			signingOrder,
		};
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
		return { packageId, recipients: [recipient], fromJson: false };
	},
	async send({ client }, { packageId, recipients, fromJson }) {
		await addRecipients(client, packageId, recipients);
		const added = recipients.map(({ email, name, role }) => ({ email, name, role }));
		return { json: fromJson ? { packageId, recipients: added, added: true } : { packageId, ...added[0], added: true } };
	},
};
