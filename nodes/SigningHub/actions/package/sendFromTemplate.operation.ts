import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readRecipients } from '../../reads';
import { invalidInput, type ApiVersion } from '../../transport';
import { inputsNamed, readJsonList, readList } from '../parameters';
import {
	aliased,
	deliveryMethodOption,
	listFromJson,
	mobileNumberOption,
	recipientFromEntry,
	recipientSourceProperty,
	recipientsJsonProperty,
	STANDARD_DEFAULTS,
	type NewRecipient,
} from '../recipient/recipientList';
import { updateWorkflowUser } from '../recipient/update.operation';
import { applyTemplate, readTemplateName, templateProperty } from '../template/apply.operation';
import type { Operation } from '../types';
import { binaryFieldsProperty, draftOptions, packageNameProperty, prefillProperties, readDraft, sendDraft, type DraftInputs } from './draft';

/** Which of the template's recipients a person takes: by its order, or by its placeholder's (or name's) text. */
type Slot = { order: number } | { name: string };

/** One person from the item, for one of the template's recipients. */
interface Person {
	label: string;
	slot: Slot;
	recipient: NewRecipient;
	/** What the entry set itself; the rest stays as the template has it. */
	given: { role: boolean; deliveryMethod: boolean; emailNotification: boolean };
}

interface Inputs extends DraftInputs {
	templateName: string;
	people: Person[];
}

const SLOT_KEYS = ['templateRecipient', 'placeholder', 'order'];
const PEOPLE_EXAMPLE = '[{"templateRecipient": "Customer", "name": "Ada Lovelace", "email": "ada@example.com"}]';

function slotOf(entry: IDataObject, index: number, label: string): Slot {
	const value = aliased(entry, SLOT_KEYS);
	if (value === undefined) return { order: index + 1 };
	if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value))) {
		const order = Number(value);
		if (!Number.isSafeInteger(order) || order < 1) throw invalidInput(`${label}: Template Recipient must be an order of 1 or more, not "${value}"`, "Set it to the template recipient's order (1 for the first) or its placeholder's name.");
		return { order };
	}
	if (typeof value !== 'string' || value.trim() === '') throw invalidInput(`${label}: Template Recipient must be an order or a name`, "Set it to the template recipient's order (1 for the first) or its placeholder's name, e.g. Customer.");
	return { name: value.trim() };
}

function readPeople(context: IExecuteFunctions, itemIndex: number, apiVersion: ApiVersion): Person[] {
	const fromJson = listFromJson(context, itemIndex, recipientSourceProperty.name, recipientSourceProperty.displayName);
	const entries = fromJson ? readJsonList(context, itemIndex, recipientsJsonProperty.name, recipientsJsonProperty.displayName, PEOPLE_EXAMPLE) : readList(context, itemIndex, 'templateRecipients.recipient');
	if (entries.length === 0) throw invalidInput('No one to put into the template', fromJson ? `Give at least one person in Recipients (JSON), e.g. ${PEOPLE_EXAMPLE}.` : 'Add at least one person under Template Recipients.');
	const people = entries.map((entry, index) => {
		const label = `Recipient ${index + 1}`;
		const given = (keys: string[]) => aliased(entry, keys) !== undefined;
		return {
			label,
			slot: slotOf(entry, index, label),
			recipient: recipientFromEntry(entry, label, apiVersion, STANDARD_DEFAULTS),
			given: { role: given(['role']), deliveryMethod: given(['deliveryMethod', 'delivery_method']), emailNotification: given(['emailNotification', 'email_notification']) },
		};
	});
	const key = (slot: Slot) => ('order' in slot ? `order ${slot.order}` : `"${slot.name.toLowerCase()}"`);
	people.forEach((person, index) => {
		const twin = people.findIndex((other) => key(other.slot) === key(person.slot));
		if (twin !== index) throw invalidInput(`${people[twin].label} and ${person.label} both take template recipient ${'order' in person.slot ? person.slot.order : `"${person.slot.name}"`}`, 'Give each of the template\'s recipients one person.');
	});
	return people;
}

const same = (a: unknown, b: string) => typeof a === 'string' && a.trim().toLowerCase() === b.toLowerCase();

/** How a recipient of the template reads in messages: `2 "Customer" (placeholder, SIGNER)`. */
function described(recipient: IDataObject): string {
	const name = recipient.placeholder ?? recipient.group_name ?? recipient.user_name ?? recipient.user_email;
	const kind = recipient.placeholder ? 'placeholder, ' : recipient.group_name ? 'group, ' : '';
	return `${recipient.order} "${String(name ?? '')}" (${kind}${String(recipient.role ?? '')})`;
}

/**
 * The template's recipients each person takes: by order, or every recipient whose placeholder
 * has that text (a template may use one placeholder several times), else whose name has it.
 */
function assign(people: Person[], recipients: IDataObject[], templateName: string): Array<{ person: Person; recipient: IDataObject }> {
	const listed = `Its recipients after applying it: ${recipients.map(described).join(', ') || 'none'}.`;
	const taken = new Map<number, string>();
	const assignments = people.flatMap((person) => {
		const { slot } = person;
		let matches: IDataObject[];
		if ('order' in slot) matches = recipients.filter((recipient) => Number(recipient.order) === slot.order);
		else {
			const byPlaceholder = recipients.filter((recipient) => same(recipient.placeholder, slot.name));
			matches = byPlaceholder.length > 0 ? byPlaceholder : recipients.filter((recipient) => same(recipient.user_name, slot.name) || same(recipient.group_name, slot.name));
		}
		const wanted = 'order' in slot ? `recipient ${slot.order}` : `recipient "${slot.name}"`;
		if (matches.length === 0) throw invalidInput(`${person.label}: the template "${templateName}" has no ${wanted}`, `${listed} Set Template Recipient to one of their orders or placeholders.`);
		for (const recipient of matches) {
			const order = Number(recipient.order);
			const other = taken.get(order);
			if (other) throw invalidInput(`${other} and ${person.label} both take template recipient ${described(recipient)}`, "Give each of the template's recipients one person.");
			taken.set(order, person.label);
		}
		return matches.map((recipient) => ({ person, recipient }));
	});
	const open = recipients.filter((recipient) => recipient.placeholder && !taken.has(Number(recipient.order)));
	if (open.length > 0) {
		throw invalidInput(`The template "${templateName}" has placeholder${open.length === 1 ? '' : 's'} nobody was given for: ${open.map(described).join(', ')}`, `${listed} Add a person for each placeholder under Template Recipients.`);
	}
	return assignments;
}

export const sendFromTemplate: Operation<Inputs> = {
	resource: 'package',
	value: 'sendFromTemplate',
	name: 'Send From Template',
	description: "Create a package from the item's files, apply a template, put the item's people into its recipients (by order or placeholder), prefill fields and share it, in one step; a failed step deletes the draft",
	action: 'Send documents from a template',
	properties: [
		packageNameProperty,
		binaryFieldsProperty,
		{ ...templateProperty, description: 'The workflow template whose recipients, fields and settings the package takes' },
		{ ...recipientSourceProperty, options: recipientSourceProperty.options?.map((option) => (option.name === 'Using Fields Below' ? { ...option, description: 'One row per person under Template Recipients' } : option)) },
		{
			displayName: 'Template Recipients',
			name: 'templateRecipients',
			type: 'fixedCollection',
			placeholder: 'Add person',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			displayOptions: { show: { recipientSource: ['fields'] } },
			options: [
				{
					displayName: 'Person',
					name: 'recipient',
					values: [
						{
							displayName: 'Template Recipient',
							name: 'templateRecipient',
							type: 'string',
							default: '',
							placeholder: 'Customer',
							description: "Which of the template's recipients this person becomes: its placeholder's name (e.g. Customer), or its order (1 for the first). Empty: the person's place in this list.",
						},
						{ displayName: 'Name', name: 'name', type: 'string', default: '', description: "The person's name as SigningHub shows it" },
						{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: "The person's email" },
						{ ...deliveryMethodOption, default: '', options: [{ name: 'As in the Template', value: '' }, ...(deliveryMethodOption.options ?? [])] },
						mobileNumberOption,
					],
				},
			],
			description: "The people from the item who take the template's recipients (placeholders, or named recipients to replace); the template's roles, order and fields stay",
		},
		{
			...recipientsJsonProperty,
			description: `The people who take the template's recipients, e.g. ${PEOPLE_EXAMPLE}, or an expression that gives such a list. Each takes templateRecipient (the placeholder's name, or the order; without it: its place in the list), name, email, and optionally role, deliveryMethod, mobileNumber, emailNotification (otherwise as the template has them).`,
		},
		...prefillProperties,
	],
	options: draftOptions,
	identifyingInputs: inputsNamed('packageName'),
	read({ context, itemIndex, apiVersion }) {
		return { ...readDraft(context, itemIndex), templateName: readTemplateName(context, itemIndex), people: readPeople(context, itemIndex, apiVersion) };
	},
	async send(item, inputs) {
		const { client } = item;
		const json = await sendDraft(item, inputs, async ({ packageId }) => {
			await applyTemplate.send(item, { packageId, templateName: inputs.templateName });
			const assignments = assign(inputs.people, await readRecipients(client, packageId), inputs.templateName);
			const recipients: IDataObject[] = [];
			for (const { person, recipient: current } of assignments) {
				const { recipient, given } = person;
				const body: IDataObject = {
					user_email: recipient.email,
					user_name: recipient.name,
					role: given.role ? recipient.role : current.role,
					email_notification: given.emailNotification ? recipient.emailNotification : (current.email_notification ?? true),
				};
				if (client.apiVersion === 'v4') body.delivery_method = given.deliveryMethod ? recipient.deliveryMethod : (current.delivery_method ?? deliveryMethodOption.default);
				if (recipient.mobileNumber !== undefined) body.mobile_number = recipient.mobileNumber;
				const order = Number(current.order);
				await updateWorkflowUser(client, packageId, order, body);
				recipients.push({ order, templateRecipient: String(current.placeholder ?? current.group_name ?? current.user_name ?? ''), email: recipient.email, name: recipient.name, role: body.role });
			}
			return { template: inputs.templateName, recipients };
		});
		return { json };
	},
};
