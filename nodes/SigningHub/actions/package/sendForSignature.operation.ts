import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDocumentFields, type DocumentFields } from '../../reads';
import { invalidInput, RequestFailure, type ApiVersion } from '../../transport';
import { autoplaceFields, autoplaceSideProperty, FIELD_TYPE_NAMES, fieldTypeProperty, SIDES, type AutoplaceSpec } from '../document/addField.operation';
import { fillableNames, fillDocument, unknownFields } from '../document/documentFields';
import { autoSaveOption } from '../document/fillFields.operation';
import { uploadDocument } from '../document/upload.operation';
import { reworded } from '../failures';
import { checkInputFile } from '../files';
import { checkChoice, checkEmail, checkWholeNumber, evaluated, inputsNamed, readBooleanOption, readOption, readText } from '../parameters';
import { addRecipient, BY_SMS, checkMobileNumber, DELIVERY_METHODS, deliveryMethodOption, ROLE_OPTIONS, ROLES } from '../recipient/add.operation';
import { applyTemplate } from '../template/apply.operation';
import type { ItemContext, Operation } from '../types';
import { updateWorkflow } from '../workflow/update.operation';
import { createPackage, WORKFLOW_MODES, workflowModeOption } from './create.operation';
import { deletePackage } from './delete.operation';
import { sharePackage } from './share.operation';

const FIELD_SOURCES = ['AUTOPLACE', 'TEMPLATE', 'NONE'];

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The entries of a list field (a fixed collection), each with its expressions evaluated for the item. */
function listOf(context: IExecuteFunctions, itemIndex: number, name: string): IDataObject[] {
	const value = evaluated(name.split('.')[0], () => context.getNodeParameter(name, itemIndex, []));
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

/** A text of a list entry: trimmed, and required unless said otherwise. */
function entryText(entry: IDataObject, key: string, label: string, required = true): string {
	const value = entry[key];
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (text === '' && required) throw invalidInput(`${label} is empty`, `Set ${label}, or map a field that holds it.`);
	if (value !== undefined && value !== null && value !== '' && typeof value !== 'string' && typeof value !== 'number') {
		throw invalidInput(`${label} must be text, not "${shown(value)}"`, `Set ${label} to text, or map a field that holds text.`);
	}
	return text;
}

type Recipient = Omit<Parameters<typeof addRecipient.send>[1], 'packageId'>;

function readRecipients(context: IExecuteFunctions, itemIndex: number, apiVersion: ApiVersion): Recipient[] {
	const entries = listOf(context, itemIndex, 'recipients.recipient');
	if (entries.length === 0) throw invalidInput('No recipient to send the package to', 'Add at least one recipient under Recipients.');
	return entries.map((entry, index) => {
		const label = (field: string) => `Recipient ${index + 1}: ${field}`;
		const recipient: Recipient = {
			email: checkEmail(entryText(entry, 'email', label('Email')), label('Email')),
			name: entryText(entry, 'name', label('Name')),
			role: checkChoice(entry.role ?? 'SIGNER', label('Role'), ROLES),
			deliveryMethod: checkChoice(entry.deliveryMethod ?? deliveryMethodOption.default, label('Delivery Method'), DELIVERY_METHODS),
			emailNotification: true,
		};
		if (entry.signingOrder !== undefined && entry.signingOrder !== '' && Number(entry.signingOrder) !== 0) recipient.signingOrder = checkWholeNumber(entry.signingOrder, label('Signing Order'), 1);
		if (BY_SMS.includes(recipient.deliveryMethod)) {
			if (apiVersion === 'v3') throw invalidInput(`${label('Delivery Method')} ${recipient.deliveryMethod} needs SigningHub's API v4`, 'SigningHub v3 reaches recipients by email only: choose Email, or a v4 credential.');
			recipient.mobileNumber = checkMobileNumber(entryText(entry, 'mobileNumber', label('Mobile Number')));
		}
		return recipient;
	});
}

function readPlacements(context: IExecuteFunctions, itemIndex: number, recipients: number): AutoplaceSpec[] {
	const entries = listOf(context, itemIndex, 'placeFields.field');
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

function readPrefill(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const values: IDataObject = {};
	listOf(context, itemIndex, 'prefill.field').forEach((entry, index) => {
		values[entryText(entry, 'name', `Prefilled field ${index + 1}: Name`)] = entry.value ?? '';
	});
	return values;
}

/** The values for each document: those its fields take. A name no document has fails, with the names there are. */
function valuesByDocument(documents: DocumentFields[], values: IDataObject): Array<[DocumentFields, IDataObject]> {
	const unknown = Object.keys(values).filter((name) => !documents.some((document) => fillableNames(document).includes(name)));
	if (unknown.length > 0) throw unknownFields(unknown, documents.length === 1 ? `Document ${documents[0].documentId}` : 'None of the documents', [...new Set(documents.flatMap(fillableNames))]);
	return documents.map((document) => [document, Object.fromEntries(Object.entries(values).filter(([name]) => fillableNames(document).includes(name)))]);
}

/**
 * After a failed step: deletes the draft so that running the item again leaves nothing half
 * made, and says so; or says which package to clean up. A Share whose answer was lost may have
 * started the workflow: that package is left alone and named.
 */
async function cleanUp(item: ItemContext, packageId: number, error: unknown, sharing: boolean): Promise<unknown> {
	if (sharing && error instanceof RequestFailure && error.mayHaveTakenEffect) {
		return reworded(error, (failure) => ({ description: `${failure.description} Package ${packageId} may have been shared: check it in SigningHub before running this item again.` }));
	}
	try {
		await deletePackage.send(item, { packageId });
	} catch {
		return reworded(error, (failure) => ({
			message: `${failure.message}. The draft package ${packageId} it created could not be deleted`,
			description: `${failure.description} Delete package ${packageId} in SigningHub (or with Package > Delete) before running this item again.`,
		}));
	}
	return reworded(error, (failure) => ({
		message: `${failure.message}. The draft package ${packageId} it created was deleted`,
		description: `${failure.description} Nothing was left behind: fix the cause and run the item again.`,
	}));
}

const templateProperty = applyTemplate.properties.find((property) => property.name === 'templateName') as INodeProperties;
const messageOption: INodeProperties = { displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'The message SigningHub sends the recipients with the package. Without it: none.' };
const sendWorkflowModeOption: INodeProperties = { ...workflowModeOption, description: 'Who signs the package. Without this option: Only Others (the recipients).' };

interface SendInputs {
	packageName: string;
	workflowMode: string;
	autoSave: boolean;
	files: Array<{ field: string; fileName: string }>;
	recipients: Recipient[];
	templateName?: string;
	placements: AutoplaceSpec[];
	prefill: IDataObject;
	message?: string;
}

export const sendForSignature: Operation<SendInputs> = {
	resource: 'package',
	value: 'sendForSignature',
	name: 'Send for Signature',
	description:
		"Create a package from the item's files, add recipients, place signature fields (a template, or next to a text), prefill fields and share it, in one step; a failed step deletes the draft",
	action: 'Send documents for signature',
	properties: [
		{ displayName: 'Package Name', name: 'packageName', type: 'string', required: true, default: '', placeholder: 'Service agreement ACME', description: 'The name the package gets in SigningHub' },
		{
			displayName: 'Input Binary Fields',
			name: 'binaryPropertyNames',
			type: 'string',
			required: true,
			default: 'data',
			placeholder: 'data, annex',
			description: 'The binary fields of the item that hold the documents, separated by commas; each becomes a document of the package, in this order',
			builderHint: { propertyHint: "The name of the input item's binary field holding the PDF (n8n's Form Trigger file field, HTTP Request or Google Drive download: usually data). Not a URL or a file path." },
		},
		{
			displayName: 'Recipients',
			name: 'recipients',
			type: 'fixedCollection',
			placeholder: 'Add recipient',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
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
						{ ...(addRecipient.options ?? []).find((option) => option.name === 'mobileNumber') as INodeProperties },
					],
				},
			],
			description: 'Who receives the package, in order. Fields placed below name a recipient by their place in this list (1 for the first).',
			builderHint: { propertyHint: 'One entry per recipient with name and email (expressions from the form or CRM item), role SIGNER for those who sign, and signingOrder 1, 2, ... when they sign one after the other.' },
		},
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
		{
			displayName: 'Prefill Fields',
			name: 'prefill',
			type: 'fixedCollection',
			placeholder: 'Add field to prefill',
			typeOptions: { multipleValues: true },
			default: {},
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'customer_name', description: "The document's field, as Document > Get Fields names it (or a radio group)" },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Text, or true or false for checkboxes and radio fields; usually an expression reading the form item' },
					],
				},
			],
			description: "Values for the documents' form fields before anyone sees them, e.g. the customer's name and the amount from the form",
		},
	],
	options: [autoSaveOption, messageOption, sendWorkflowModeOption],
	identifyingInputs: inputsNamed('packageName'),
	read({ context, itemIndex, apiVersion }) {
		const fields = readText(context, itemIndex, 'binaryPropertyNames', 'Input Binary Fields').split(',').map((field) => field.trim()).filter(Boolean);
		const recipients = readRecipients(context, itemIndex, apiVersion);
		const source = checkChoice(readText(context, itemIndex, 'signatureFields', 'Signature Fields'), 'Signature Fields', FIELD_SOURCES);
		const templateName = source === 'TEMPLATE' ? String(evaluated('Template', () => context.getNodeParameter('templateName', itemIndex, '', { extractValue: true })) ?? '').trim() : undefined;
		if (templateName === '') throw invalidInput('Template is empty', 'Choose a template from the list, or type its name.');
		const message = readOption(context, itemIndex, messageOption);
		return {
			packageName: readText(context, itemIndex, 'packageName', 'Package Name'),
			workflowMode: checkChoice(readOption(context, itemIndex, sendWorkflowModeOption) ?? workflowModeOption.default, 'Workflow Mode', WORKFLOW_MODES),
			autoSave: readBooleanOption(context, itemIndex, autoSaveOption),
			files: fields.map((field) => checkInputFile(context, itemIndex, field)),
			recipients,
			templateName,
			placements: source === 'AUTOPLACE' ? readPlacements(context, itemIndex, recipients.length) : [],
			prefill: readPrefill(context, itemIndex),
			message: message === undefined ? undefined : String(message),
		};
	},
	async send(item, inputs) {
		const { client } = item;
		const created = await createPackage.send(item, { packageName: inputs.packageName, workflowMode: inputs.workflowMode });
		const packageId = Number((created as { json: IDataObject }).json.packageId);
		let sharing = false;
		try {
			const documents: IDataObject[] = [];
			for (const file of inputs.files) {
				const uploaded = (await uploadDocument.send(item, { packageId, ...file })) as { json: IDataObject };
				documents.push({ documentId: Number(uploaded.json.documentId), fileName: file.fileName });
			}
			for (const recipient of inputs.recipients) await addRecipient.send(item, { packageId, ...recipient });
			if (inputs.templateName !== undefined) await applyTemplate.send(item, { packageId, templateName: inputs.templateName });
			const fieldsPlaced: IDataObject[] = [];
			for (const spec of inputs.placements) {
				const placed: IDataObject[] = [];
				for (const { documentId } of documents) {
					for (const fieldName of await autoplaceFields(client, packageId, Number(documentId), spec)) placed.push({ documentId, fieldName, nextTo: spec.searchText, order: spec.order, fieldType: spec.fieldType });
				}
				if (placed.length === 0) throw invalidInput(`No document shows "${spec.searchText}", so no field was placed for it`, 'Check the Search Text against the documents (it must match the text as the PDF holds it).');
				fieldsPlaced.push(...placed);
			}
			const fieldsFilled: string[] = [];
			if (Object.keys(inputs.prefill).length > 0) {
				const read = await Promise.all(documents.map(async ({ documentId }) => await readDocumentFields(client, packageId, Number(documentId))));
				for (const [document, values] of valuesByDocument(read, inputs.prefill)) fieldsFilled.push(...(await fillDocument(client, packageId, document, values, inputs.autoSave)));
			}
			if (inputs.message !== undefined) await updateWorkflow.send(item, { packageId, changes: { message: inputs.message } });
			sharing = true;
			await sharePackage.send(item, { packageId });
			return {
				json: {
					packageId,
					packageName: inputs.packageName,
					documents,
					recipients: inputs.recipients.map(({ email, name, role }) => ({ email, name, role })),
					template: inputs.templateName ?? null,
					fieldsPlaced,
					fieldsFilled,
					message: inputs.message ?? null,
					shared: true,
				},
			};
		} catch (error) {
			throw await cleanUp(item, packageId, error, sharing);
		}
	},
};
