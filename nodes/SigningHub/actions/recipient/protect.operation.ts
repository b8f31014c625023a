import type { IDataObject } from 'n8n-workflow';

import { invalidInput } from '../../transport';
import { checkChoice, checkWholeNumber, itemParameter, readText } from '../parameters';
import type { Operation } from '../types';
import { findRecipients, orderOf, readRecipientTarget, recipientTargetInputs, recipientTargetProperties, type RecipientTarget } from './recipientTarget';

const OPENING = ['NONE', 'PASSWORD', 'SMS_OTP'];
const WINDOWS = ['NONE', 'DATES', 'DAYS'];

interface ProtectInputs {
	target: RecipientTarget;
	opening: { kind: 'NONE' } | { kind: 'PASSWORD'; password: string } | { kind: 'SMS_OTP'; mobileNumber: string };
	window: { kind: 'NONE' } | { kind: 'DATES'; from: string; until: string } | { kind: 'DAYS'; days: number };
}

/** A date and time from the editor or an expression, as ISO 8601 in UTC. */
function readInstant(value: unknown, label: string): string {
	const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value.trim() : '';
	const instant = text === '' ? Number.NaN : Date.parse(text);
	if (Number.isNaN(instant)) throw invalidInput(`${label} must be a date and time, not "${String(value)}"`, `Pick ${label} in the calendar, or map a date such as 2026-12-31T17:00:00Z.`);
	return new Date(instant).toISOString();
}

/** SigningHub's Update Workflow User Authentication body (v3 guide 1058; v4 AccessUpdateRequest). The password goes only here. */
function authenticationBody({ target, opening, window }: ProtectInputs): IDataObject {
	return {
		apply_to_all: target.findBy === 'all',
		authentication: {
			enabled: opening.kind !== 'NONE',
			password: opening.kind === 'PASSWORD' ? { enabled: true, user_password: opening.password } : { enabled: false },
			sms_otp: opening.kind === 'SMS_OTP' ? { enabled: true, mobile_number: opening.mobileNumber } : { enabled: false },
		},
		access_duration: {
			enabled: window.kind !== 'NONE',
			duration_by_date: window.kind === 'DATES' ? { enabled: true, duration: { start_date_time: window.from, end_date_time: window.until } } : { enabled: false },
			duration_by_days: window.kind === 'DAYS' ? { enabled: true, duration: { total_days: window.days } } : { enabled: false },
		},
	};
}

export const protectRecipient: Operation<ProtectInputs> = {
	resource: 'recipient',
	value: 'protect',
	name: 'Protect Access',
	description: "Make a recipient open the draft package with a password or an SMS one-time password, and only within a time window",
	action: "Protect a recipient's access to a package",
	agent: {
		does: "Sets how one recipient (or all) of a draft SigningHub package may open it: with a password or an SMS one-time password to their mobile, and only between two dates or for some days after receiving it. Needs the package ID and the recipient's order or email. The password never appears in the output. Returns what was set.",
		changes: "the package's draft settings for that recipient: running it again with other values replaces them; nobody is notified",
		reaches: "the mobile number given, when SMS is chosen: SigningHub texts it a one-time password when the recipient opens the package",
	},
	properties: [
		...recipientTargetProperties('protect', { all: true }),
		{
			displayName: 'Opening',
			name: 'opening',
			type: 'options',
			default: 'PASSWORD',
			options: [
				{ name: 'Password', value: 'PASSWORD', description: 'The recipient types a password you give them' },
				{ name: 'SMS One-Time Password', value: 'SMS_OTP', description: "SigningHub texts a one-time password to the recipient's mobile" },
				{ name: 'No Check', value: 'NONE', description: 'The recipient opens it from the link alone' },
			],
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { opening: ['PASSWORD'] } },
			description: 'What the recipient types to open the package; tell them another way. It never appears in the output.',
		},
		{
			displayName: 'Mobile Number',
			name: 'mobileNumber',
			type: 'string',
			default: '',
			placeholder: '+44 7700 900123',
			displayOptions: { show: { opening: ['SMS_OTP'] } },
			description: 'Where SigningHub texts the one-time password, in international form',
		},
		{
			displayName: 'Access Window',
			name: 'accessWindow',
			type: 'options',
			default: 'NONE',
			options: [
				{ name: 'Always', value: 'NONE' },
				{ name: 'Between Two Dates', value: 'DATES' },
				{ name: 'Some Days After Receiving It', value: 'DAYS' },
			],
			description: 'When the recipient may open it. Not processed in time, SigningHub counts it as declined.',
		},
		{ displayName: 'From', name: 'accessFrom', type: 'dateTime', default: '', displayOptions: { show: { accessWindow: ['DATES'] } } },
		{ displayName: 'Until', name: 'accessUntil', type: 'dateTime', default: '', displayOptions: { show: { accessWindow: ['DATES'] } } },
		{ displayName: 'Days', name: 'accessDays', type: 'number', typeOptions: { minValue: 1 }, default: 7, displayOptions: { show: { accessWindow: ['DAYS'] } } },
	],
	identifyingInputs: recipientTargetInputs,
	read({ context, itemIndex }) {
		const target = readRecipientTarget(context, itemIndex);
		const openingKind = checkChoice(readText(context, itemIndex, 'opening', 'Opening'), 'Opening', OPENING);
		const opening: ProtectInputs['opening'] =
			openingKind === 'PASSWORD'
				? { kind: 'PASSWORD', password: readText(context, itemIndex, 'password', 'Password') }
				: openingKind === 'SMS_OTP'
					? { kind: 'SMS_OTP', mobileNumber: readText(context, itemIndex, 'mobileNumber', 'Mobile Number') }
					: { kind: 'NONE' };
		const windowKind = checkChoice(readText(context, itemIndex, 'accessWindow', 'Access Window'), 'Access Window', WINDOWS);
		let window: ProtectInputs['window'] = { kind: 'NONE' };
		if (windowKind === 'DATES') {
			const from = readInstant(itemParameter(context, 'accessFrom', itemIndex, 'From'), 'From');
			const until = readInstant(itemParameter(context, 'accessUntil', itemIndex, 'Until'), 'Until');
			if (until <= from) throw invalidInput(`Until (${until}) must be after From (${from})`, 'Set an access window that ends after it starts.');
			window = { kind: 'DATES', from, until };
		} else if (windowKind === 'DAYS') {
			window = { kind: 'DAYS', days: checkWholeNumber(itemParameter(context, 'accessDays', itemIndex, 'Days'), 'Days', 1) };
		}
		return { target, opening, window };
	},
	async send({ client }, inputs) {
		const { target, opening, window } = inputs;
		const order = target.findBy === 'all' ? Number((await findRecipients(client, target))[0].order) : await orderOf(client, target);
		await client.request({
			method: 'PUT',
			endpoint: 'recipientAuthentication',
			pathParameters: { packageId: target.packageId, order },
			body: authenticationBody(inputs),
			expect: 'emptyOrJson',
			repeatable: true,
			action: `protect the access of ${target.findBy === 'all' ? 'every recipient' : `recipient ${order}`} to package ${target.packageId}`,
		});
		return {
			json: {
				packageId: target.packageId,
				...(target.findBy === 'all' ? { allRecipients: true } : { order }),
				opening: opening.kind,
				...(opening.kind === 'SMS_OTP' ? { mobileNumber: opening.mobileNumber } : {}),
				accessWindow: window.kind === 'DATES' ? { from: window.from, until: window.until } : window.kind === 'DAYS' ? { days: window.days } : null,
			},
		};
	},
};
