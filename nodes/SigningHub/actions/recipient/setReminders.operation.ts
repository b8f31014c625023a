import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../transport';
import { checkChoice, checkWholeNumber, itemParameter, readBoolean } from '../parameters';
import type { Operation } from '../types';
import { findRecipients, readRecipientTarget, recipientTargetInputs, recipientTargetProperties } from './recipientTarget';

const FREQUENCIES = ['DAYS', 'HOURS'];

const repeatProperty: INodeProperties = {
	displayName: 'Repeat',
	name: 'repeat',
	type: 'boolean',
	default: false,
	description: 'Whether to keep reminding after the first reminder',
};

const remindAfterProperty: INodeProperties = {
	displayName: 'Remind After',
	name: 'remindAfter',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	description: 'The first reminder comes this many days (or hours) after the recipient gets the package',
};

const unitProperty: INodeProperties = {
	displayName: 'Unit',
	name: 'frequency',
	type: 'options',
	default: 'DAYS',
	options: [
		{ name: 'Days', value: 'DAYS' },
		{ name: 'Hours', value: 'HOURS' },
	],
	description: 'Whether Remind After and Repeat Every count days or hours. API v3 counts days only (its reminders have no unit).',
};

const repeatEveryProperty: INodeProperties = {
	displayName: 'Repeat Every',
	name: 'repeatEvery',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	description: 'Remind again this many days (or hours) after the last reminder',
};

const timesProperty: INodeProperties = {
	displayName: 'Times',
	name: 'totalReminders',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 3,
	description: 'How many more reminders to send at most',
};

const remindersOnProperty: INodeProperties = {
	displayName: 'Send Reminders',
	name: 'remindersOn',
	type: 'boolean',
	default: true,
	description: 'Whether SigningHub sends reminders at all; turn off to stop them',
};

export const setReminders: Operation = {
	resource: 'recipient',
	value: 'setReminders',
	name: 'Set Reminders',
	description: 'Set when SigningHub reminds a recipient, or every recipient, to act (draft packages)',
	action: "Set a recipient's reminders",
	agent: {
		does: "Sets when SigningHub reminds a package's recipient, or all recipients, to act: after how many days or hours, repeating every so often, how many times. Needs the package ID and the recipient's order or email, or all recipients. SigningHub may allow it only while the package is a draft. Returns the settings sent.",
		changes: "the package's reminder settings",
		reaches: 'the recipients: SigningHub emails them reminders on this schedule',
	},
	properties: [
		...recipientTargetProperties('set the reminders of', { all: true }),
		remindersOnProperty,
		{
			...remindAfterProperty,
			displayOptions: { show: { remindersOn: [true] } },
		},
		{ ...unitProperty, displayOptions: { show: { remindersOn: [true] } } },
		{ ...repeatProperty, displayOptions: { show: { remindersOn: [true] } } },
		{ ...repeatEveryProperty, displayOptions: { show: { remindersOn: [true], repeat: [true] } } },
		{ ...timesProperty, displayOptions: { show: { remindersOn: [true], repeat: [true] } } },
	],
	identifyingInputs: recipientTargetInputs,
	read({ context, itemIndex, apiVersion }) {
		const target = readRecipientTarget(context, itemIndex);
		const valueOf = (property: INodeProperties) => {
			const value = itemParameter(context, property.name, itemIndex, property.displayName);
			return value === '' || value === undefined || value === null ? property.default : value;
		};
		const count = (property: INodeProperties) => checkWholeNumber(valueOf(property), property.displayName, 1);
		const enabled = readBoolean(context, itemIndex, remindersOnProperty);
		const body: IDataObject = { apply_to_all: target.findBy === 'all', enabled };
		if (enabled) {
			const frequency = checkChoice(valueOf(unitProperty), unitProperty.displayName, FREQUENCIES);
			if (apiVersion === 'v3' && frequency !== 'DAYS') {
				throw invalidInput(
					'API v3 reminders count days, not hours',
					"SigningHub's v3 reminders have no unit (v3 guide page 1063): Remind After and Repeat Every are days. Set Unit to Days, or switch the credential's API Version to V4 if your SigningHub speaks it.",
				);
			}
			// v3's documented body has no frequency (v3 guide page 1063); v4's has it at both levels.
			const unit = apiVersion === 'v4' ? { frequency } : {};
			const repeat = readBoolean(context, itemIndex, repeatProperty);
			Object.assign(body, unit, { remind_after: count(remindAfterProperty) });
			body.repeat = repeat ? { enabled: true, ...unit, keep_reminding_after: count(repeatEveryProperty), total_reminders: count(timesProperty) } : { enabled: false };
		}
		return { target, body };
	},
	async send({ client }, { target, body }) {
		// "All recipients" is SigningHub's apply_to_all, sent for the first recipient.
		const order = target.order ?? Number((await findRecipients(client, target))[0].order);
		await client.request({
			method: 'PUT',
			endpoint: 'workflowReminders',
			pathParameters: { packageId: target.packageId, order },
			body,
			expect: 'emptyOrJson',
			repeatable: true,
			action: `set the reminders of ${target.findBy === 'all' ? 'the recipients' : `recipient ${order}`} of package ${target.packageId}`,
		});
		return { json: { packageId: target.packageId, ...(target.findBy === 'all' ? {} : { order }), ...(target.email ? { email: target.email } : {}), ...body, updated: true } };
	},
};
