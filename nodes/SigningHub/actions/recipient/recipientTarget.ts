import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRecipients } from '../../reads';
import { SigningHubError, type SigningHubClient } from '../../transport';
import { checkChoice, checkEmail, inputsNamed, itemParameter, packageIdProperty, readId, readPackageId, readText } from '../parameters';

/** How an operation finds the recipient it acts on: by its order in the workflow, by email, or all of them. */
export type FindBy = 'order' | 'email' | 'all';

export interface RecipientTarget {
	packageId: number;
	findBy: FindBy;
	/** With `order`. */
	order?: number;
	/** With `email`. */
	email?: string;
}

/** Package ID, Find Recipient By and its field; `all` offers "All Recipients" too. */
export function recipientTargetProperties(verb: string, { all = false } = {}): INodeProperties[] {
	return [
		packageIdProperty(`The ID of the package whose recipient to ${verb}, e.g. 123`),
		// Not marked required: with Find Recipient By from an expression, n8n shows both fields and
		// would refuse to run for the one left empty. The node checks the one it uses, per item.
		{
			displayName: 'Find Recipient By',
			name: 'findBy',
			type: 'options',
			default: 'order',
			options: [
				...(all ? [{ name: 'All Recipients', value: 'all', description: 'Every recipient of the package' }] : []),
				{ name: 'Email', value: 'email', description: "The recipient's email, as in the workflow" },
				{ name: 'Order', value: 'order', description: "The recipient's place in the workflow: 1 for the first (Recipient > Get Many gives it)" },
			],
		},
		{
			displayName: 'Recipient Order',
			name: 'recipientOrder',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			displayOptions: { show: { findBy: ['order'] } },
			description: "The recipient's order in the workflow (the `order` field of Recipient > Get Many)",
		},
		{
			displayName: 'Recipient Email',
			name: 'recipientEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			displayOptions: { show: { findBy: ['email'] } },
			description: "The recipient's email as it is in the workflow",
		},
	];
}

export const recipientTargetInputs = (context: IExecuteFunctions, itemIndex: number): IDataObject => {
	const findBy = String(itemParameter(context, 'findBy', itemIndex, 'Find Recipient By') ?? '');
	const field = findBy === 'email' ? 'recipientEmail' : findBy === 'order' ? 'recipientOrder' : undefined;
	return { ...inputsNamed('packageId')(context, itemIndex), findBy, ...(field ? inputsNamed(field)(context, itemIndex) : {}) };
};

/** The item's package and recipient, checked before any request. */
export function readRecipientTarget(context: IExecuteFunctions, itemIndex: number): RecipientTarget {
	const packageId = readPackageId(context, itemIndex);
	const findBy = checkChoice(readText(context, itemIndex, 'findBy', 'Find Recipient By'), 'Find Recipient By', ['ORDER', 'EMAIL', 'ALL']).toLowerCase() as FindBy;
	if (findBy === 'order') return { packageId, findBy, order: readId(context, itemIndex, 'recipientOrder', 'Recipient Order') };
	if (findBy === 'email') return { packageId, findBy, email: checkEmail(readText(context, itemIndex, 'recipientEmail', 'Recipient Email'), 'Recipient Email') };
	return { packageId, findBy };
}

function noSuchRecipient(message: string, description: string): SigningHubError {
	return new SigningHubError({ reason: 'notFound', responseStatus: null, signingHubMessage: null, transient: false, message, description });
}

/** The recipient records a target means, as Get Workflow Users gives them (one, or every one for `all`). */
export async function findRecipients(client: SigningHubClient, target: RecipientTarget): Promise<IDataObject[]> {
	const recipients = await readRecipients(client, target.packageId);
	if (target.findBy === 'all') {
		if (recipients.length === 0) {
			throw noSuchRecipient(`Package ${target.packageId} has no recipients`, 'Add a recipient first (Recipient > Add).');
		}
		return recipients;
	}
	const matches =
		target.findBy === 'order'
			? recipients.filter((recipient) => Number(recipient.order) === target.order)
			: recipients.filter((recipient) => String(recipient.user_email ?? '').toLowerCase() === target.email?.toLowerCase());
	const named = target.findBy === 'order' ? `at order ${target.order}` : `with the email ${target.email}`;
	const listed = 'Recipient > Get Many lists the recipients with their order and email.';
	if (matches.length === 0) throw noSuchRecipient(`Package ${target.packageId} has no recipient ${named}`, listed);
	if (matches.length > 1) throw noSuchRecipient(`Package ${target.packageId} has ${matches.length} recipients ${named}`, `Find the recipient by its order instead. ${listed}`);
	return matches;
}

/** The order of the target's recipient: as given, or looked up by email. */
export async function orderOf(client: SigningHubClient, target: RecipientTarget): Promise<number> {
	if (target.order !== undefined) return target.order;
	const [recipient] = await findRecipients(client, target);
	return Number(recipient.order);
}
