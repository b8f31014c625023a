import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Endpoint } from '../../transport/endpoints';
import { checkChoice, checkWholeNumber, inputsNamed, packageIdProperty, readBooleanOption, readOption, readPackageId, readText } from '../parameters';
import type { AgentTool, Operation } from '../types';
import { emailNotificationOption, ROLE_OPTIONS, ROLES, signingOrderOption } from './recipientList';

/** A recipient known by a name only: a group (any member acts for all) or a placeholder (a person named later). */
interface NamedRecipient {
	value: string;
	name: string;
	description: string;
	action: string;
	agent: AgentTool;
	/** The name's field, e.g. Group Name. */
	nameProperty: INodeProperties;
	/** The name's key in SigningHub's body, e.g. `group_name`. */
	bodyKey: string;
	endpoint: Endpoint;
	/** Words for messages, e.g. "group". */
	noun: string;
}


export interface NamedRecipientInputs {
	packageId: number;
	recipientName: string;
	role: string;
	emailNotification: boolean;
	signingOrder?: number;
}

/**
 * Adds one group or placeholder after the package's recipients (v3 guide 1049 and 1051; v4 schemas
 * WorflowGroupRequest and PlaceholderRequest): a JSON array of `{<name>, role, email_notification,
 * signing_order}`. Not repeatable: a second call would add it twice.
 */
export function addNamedRecipient(kind: NamedRecipient): Operation<NamedRecipientInputs> {
	const label = kind.nameProperty.displayName;
	return {
		resource: 'recipient',
		value: kind.value,
		name: kind.name,
		description: kind.description,
		action: kind.action,
		agent: kind.agent,
		properties: [
			packageIdProperty(`The ID of the draft package to add the ${kind.noun} to, e.g. 123`),
			{ ...kind.nameProperty, required: true },
			{ displayName: 'Role', name: 'role', type: 'options', default: 'SIGNER', options: ROLE_OPTIONS },
		],
		options: [emailNotificationOption, signingOrderOption],
		identifyingInputs: inputsNamed('packageId', kind.nameProperty.name),
		read({ context, itemIndex }) {
			const order = readOption(context, itemIndex, signingOrderOption);
			return {
				packageId: readPackageId(context, itemIndex),
				recipientName: readText(context, itemIndex, kind.nameProperty.name, label),
				role: checkChoice(readText(context, itemIndex, 'role', 'Role'), 'Role', ROLES),
				emailNotification: readBooleanOption(context, itemIndex, emailNotificationOption),
				signingOrder: order === undefined ? undefined : checkWholeNumber(order, 'Signing Order', 1),
			};
		},
		async send({ client }, { packageId, recipientName, role, emailNotification, signingOrder }) {
			const entry: IDataObject = { [kind.bodyKey]: recipientName, role, email_notification: emailNotification };
			if (signingOrder !== undefined) entry.signing_order = signingOrder;
			await client.request({
				method: 'POST',
				endpoint: kind.endpoint,
				pathParameters: { packageId },
				body: [entry],
				expect: 'emptyOrJson',
				repeatable: false,
				action: `add the ${kind.noun} "${recipientName}" to package ${packageId}`,
			});
			return { json: { packageId, [kind.nameProperty.name]: recipientName, role, emailNotification, signingOrder: signingOrder ?? null, added: true } };
		},
	};
}
