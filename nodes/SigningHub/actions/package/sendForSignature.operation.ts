import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidInput } from '../../transport';
import { autoplaceFields, autoplaceSideProperty, FIELD_TYPE_NAMES, fieldTypeProperty, SIDES, type AutoplaceSpec } from '../document/addField.operation';
import { checkChoice, checkWholeNumber, entryText, inputsNamed, readList, readText } from '../parameters';
import {
	addRecipients,
	deliveryMethodOption,
	mobileNumberOption,
	readRecipientList,
	recipientSourceProperty,
	recipientsJsonProperty,
	ROLE_OPTIONS,
	type NewRecipient,
} from '../recipient/recipientList';
import { applyTemplate, readTemplateName, templateProperty } from '../template/apply.operation';
import type { Operation } from '../types';
import { binaryFieldsProperty, draftOptions, packageNameProperty, prefillProperties, readDraft, sendDraft, type DraftInputs } from './draft';

const FIELD_SOURCES = ['AUTOPLACE', 'TEMPLATE', 'NONE'];

function readPlacements(context: IExecuteFunctions, itemIndex: number, recipients: number): AutoplaceSpec[] {
	const entries = readList(context, itemIndex, 'placeFields.field');
	if (entries.length === 0) throw invalidInput('No field to place', "Add a field under Place Fields (e.g. a signature next to 'Signature:'), or set Signature Fields to None.");
	return entries.map((entry, index) => {
		const label = (field: string) => `Field ${index + 1}: ${field}`;
		const order = checkWholeNumber(entry.order ?? 1, label('Recipient Order'), 1);
		if (order > recipients) throw invalidInput(`${label('Recipient Order')} is ${order}, but there are ${recipients} recipients`, 'Set it to the place of the recipient in the Recipients list (1 for the first).');
		return {
			searchText: entryText(entry, 'searchText', label('Search Text')),
			order,
			fieldType: checkChoice(entry.fieldType ?? fieldTypeProperty.default, label('Field Type'), FIELD_TYPE_NAMES) as AutoplaceSpec['fieldType'],
			side: checkChoice(entry.side ?? autoplaceSideProperty.default, label('Side'), SIDES),
		};
	});
}

interface SendInputs extends DraftInputs {
	recipients: NewRecipient[];
	templateName?: string;
	placements: AutoplaceSpec[];
}

export const sendForSignature: Operation<SendInputs> = {
	resource: 'package',
	value: 'sendForSignature',
	name: 'Send for Signature',
	description:
		"Create a package from the item's files, add recipients, place signature fields (a template, or next to a text), prefill fields and share it, in one step; a failed step deletes the draft",
	action: 'Send documents for signature',
	properties: [
		packageNameProperty,
		binaryFieldsProperty,
		recipientSourceProperty,
		{
			displayName: 'Recipients',
			name: 'recipients',
			type: 'fixedCollection',
			placeholder: 'Add recipient',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			displayOptions: { show: { recipientSource: ['fields'] } },
			options: [
				{
					displayName: 'Recipient',
					name: 'recipient',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', description: "The recipient's name as SigningHub shows it" },
						{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '', description: "The recipient's email" },
						{ displayName: 'Role', name: 'role', type: 'options', default: 'SIGNER', options: ROLE_OPTIONS },
						{ displayName: 'Signing Order', name: 'signingOrder', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: "The recipient's place in a serial or custom workflow; 0 leaves it to SigningHub (the list's order)" },
						deliveryMethodOption,
						mobileNumberOption,
					],
				},
			],
			description: 'Who receives the package, in order. Fields placed below name a recipient by their place in this list (1 for the first).',
			builderHint: { propertyHint: 'One entry per recipient with name and email (expressions from the form or CRM item), role SIGNER for those who sign, and signingOrder 1, 2, ... when they sign one after the other.' },
		},
		{ ...recipientsJsonProperty, description: `${recipientsJsonProperty.description} Fields placed below name a recipient by their place in this list (1 for the first).` },
		{
			displayName: 'Signature Fields',
			name: 'signatureFields',
			type: 'options',
			default: 'AUTOPLACE',
			options: [
				{ name: 'Next to Texts', value: 'AUTOPLACE', description: "Place fields beside texts of the documents, such as 'Signature:'" },
				{ name: 'From a Template', value: 'TEMPLATE', description: "Apply a workflow template to the documents (its recipients and fields)" },
				{ name: 'None', value: 'NONE', description: 'The documents already have what the recipients need' },
			],
			builderHint: { propertyHint: "TEMPLATE when the user has a SigningHub workflow template (set Template to its name); otherwise AUTOPLACE with Place Fields naming a text printed in the PDF (e.g. 'Signature:') and the recipient's order." },
		},
		{ ...templateProperty, displayOptions: { show: { signatureFields: ['TEMPLATE'] } } },
		{
			displayName: 'Place Fields',
			name: 'placeFields',
			type: 'fixedCollection',
			placeholder: 'Add field',
			typeOptions: { multipleValues: true },
			default: {},
			displayOptions: { show: { signatureFields: ['AUTOPLACE'] } },
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Search Text', name: 'searchText', type: 'string', default: '', placeholder: 'Signature:', description: 'A field is placed beside every place a document shows this text' },
						{ displayName: 'Recipient Order', name: 'order', type: 'number', typeOptions: { minValue: 1 }, default: 1, description: 'The recipient the field is for: 1 for the first of Recipients' },
						fieldTypeProperty,
						autoplaceSideProperty,
					],
				},
			],
		},
		...prefillProperties,
	],
	options: draftOptions,
	identifyingInputs: inputsNamed('packageName'),
	read({ context, itemIndex, apiVersion }) {
		const draft = readDraft(context, itemIndex);
		const recipients = readRecipientList(context, itemIndex, apiVersion, 'recipients.recipient');
		const source = checkChoice(readText(context, itemIndex, 'signatureFields', 'Signature Fields'), 'Signature Fields', FIELD_SOURCES);
		return {
			...draft,
			recipients,
			templateName: source === 'TEMPLATE' ? readTemplateName(context, itemIndex) : undefined,
			placements: source === 'AUTOPLACE' ? readPlacements(context, itemIndex, recipients.length) : [],
		};
	},
	async send(item, inputs) {
		const json = await sendDraft(item, inputs, async ({ packageId, documents }) => {
			await addRecipients(item.client, packageId, inputs.recipients);
			if (inputs.templateName !== undefined) await applyTemplate.send(item, { packageId, templateName: inputs.templateName });
			const fieldsPlaced: IDataObject[] = [];
			for (const spec of inputs.placements) {
				const placed: IDataObject[] = [];
				for (const { documentId } of documents) {
					for (const fieldName of await autoplaceFields(item.client, packageId, documentId, spec)) placed.push({ documentId, fieldName, nextTo: spec.searchText, order: spec.order, fieldType: spec.fieldType });
				}
				if (placed.length === 0) throw invalidInput(`No document shows "${spec.searchText}", so no field was placed for it`, 'Check the Search Text against the documents (it must match the text as the PDF holds it).');
				fieldsPlaced.push(...placed);
			}
			return {
				recipients: inputs.recipients.map(({ email, name, role }) => ({ email, name, role })),
				template: inputs.templateName ?? null,
				fieldsPlaced,
			};
		});
		return { json };
	},
};
