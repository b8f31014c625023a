import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readDocumentFields, type DocumentFields } from '../../reads';
import { invalidInput, RequestFailure, type SigningHubClient } from '../../transport';
import { autoplaceFields, autoplaceSideProperty, FIELD_TYPE_NAMES, fieldTypeProperty, SIDES, type AutoplaceSpec } from '../document/addField.operation';
import { fillableNames, fillDocument, unknownFields } from '../document/documentFields';
import { autoSaveOption } from '../document/fillFields.operation';
import { uploadFileRequest } from '../document/upload.operation';
import { reworded } from '../failures';
import { inputFile } from '../files';
import { checkChoice, checkEmail, checkWholeNumber, inputsNamed, readBooleanOption, readOption, readText } from '../parameters';
import { addRecipientsRequest, DELIVERY_METHODS, deliveryMethodOption, ROLES, roleProperty, type Recipient } from '../recipient/add.operation';
import { applyTemplateRequest, readTemplateName, templateProperty } from '../template/apply.operation';
import type { Operation } from '../types';
import { updateWorkflowRequest } from '../workflow/update.operation';
import { createPackageRequest, readWorkflowMode, workflowModeOption } from './create.operation';
import { deleteCall } from './delete.operation';
import { packageRequest } from './packageCall';
import { shareCall } from './share.operation';

const FIELD_SOURCES = ['AUTOPLACE', 'TEMPLATE', 'NONE'];

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The entries of a list field (a fixed collection), each with its expressions evaluated for the item. */
function listOf(context: IExecuteFunctions, itemIndex: number, name: string): IDataObject[] {
	const value = context.getNodeParameter(name, itemIndex, []);
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

function readRecipients(context: IExecuteFunctions, itemIndex: number): Recipient[] {
	const entries = listOf(context, itemIndex, 'recipients.recipient');
	if (entries.length === 0) throw invalidInput('No recipient to send the package to', 'Add at least one recipient under Recipients.');
	return entries.map((entry, index) => {
		const label = (field: string) => `Recipient ${index + 1}: ${field}`;
		const signingOrder = entry.signingOrder === undefined || entry.signingOrder === '' || Number(entry.signingOrder) === 0 ? undefined : checkWholeNumber(entry.signingOrder, label('Signing Order'), 1);
		return {
			email: checkEmail(entryText(entry, 'email', label('Email')), label('Email')),
			name: entryText(entry, 'name', label('Name')),
			role: checkChoice(entry.role ?? 'SIGNER', label('Role'), ROLES),
			deliveryMethod: checkChoice(entry.deliveryMethod ?? deliveryMethodOption.default, label('Delivery Method'), DELIVERY_METHODS),
			emailNotification: true,
			signingOrder,
		};
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
async function cleanUp(client: SigningHubClient, packageId: number, error: unknown, sharing: boolean): Promise<unknown> {
	if (sharing && error instanceof RequestFailure && error.mayHaveTakenEffect) {
		return reworded(error, (failure) => ({ description: `${failure.description} Package ${packageId} may have been shared: check it in SigningHub before running this item again.` }));
	}
	try {
		await packageRequest(client, deleteCall, packageId);
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

export const sendForSignature: Operation = {
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
						roleProperty,
						{ displayName: 'Signing Order', name: 'signingOrder', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: "The recipient's place in a serial or custom workflow; 0 leaves it to SigningHub (the list's order)" },
						{ ...deliveryMethodOption, name: 'deliveryMethod' },
					],
				},
			],
			description: 'Who receives the package, in order. Fields placed below name a recipient by their place in this list (1 for the first).',
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
	options: [
		autoSaveOption,
		{ displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'The message SigningHub sends the recipients with the package. Without it: none.' },
		{ ...workflowModeOption, description: 'Who signs the package. Without this option: Only Others (the recipients).' },
	],
	identifyingInputs: inputsNamed('packageName'),
	async execute({ context, itemIndex, client }) {
		// Everything is read and checked first: a bad value fails the item before any request.
		const packageName = readText(context, itemIndex, 'packageName', 'Package Name');
		const workflowMode = readWorkflowMode(context, itemIndex) ?? String(workflowModeOption.default);
		const autoSave = readBooleanOption(context, itemIndex, autoSaveOption);
		const fields = readText(context, itemIndex, 'binaryPropertyNames', 'Input Binary Fields').split(',').map((field) => field.trim()).filter(Boolean);
		const files = await Promise.all(fields.map(async (field) => await inputFile(context, itemIndex, field)));
		const recipients = readRecipients(context, itemIndex);
		const source = checkChoice(readText(context, itemIndex, 'signatureFields', 'Signature Fields'), 'Signature Fields', FIELD_SOURCES);
		const templateName = source === 'TEMPLATE' ? readTemplateName(context, itemIndex) : undefined;
		const placements = source === 'AUTOPLACE' ? readPlacements(context, itemIndex, recipients.length) : [];
		const prefill = readPrefill(context, itemIndex);
		const message = readOption(context, itemIndex, 'message') === undefined ? undefined : readText(context, itemIndex, 'options.message', 'Message');

		const created = await createPackageRequest(client, packageName, workflowMode);
		const packageId = Number(created.package_id);
		let sharing = false;
		try {
			const documents: IDataObject[] = [];
			for (const { bytes, fileName } of files) documents.push({ documentId: (await uploadFileRequest(client, packageId, bytes, fileName)).documentId, fileName });
			await addRecipientsRequest(client, packageId, recipients);
			if (templateName !== undefined) {
				// v4 applies a template to every document with document 0; v3 one document at a time.
				const targets = client.apiVersion === 'v4' ? [0] : documents.map(({ documentId }) => Number(documentId));
				for (const documentId of targets) await applyTemplateRequest(client, packageId, templateName, documentId);
			}
			const fieldsPlaced: IDataObject[] = [];
			for (const spec of placements) {
				const placed: IDataObject[] = [];
				for (const { documentId } of documents) {
					for (const fieldName of await autoplaceFields(client, packageId, Number(documentId), spec)) placed.push({ documentId, fieldName, nextTo: spec.searchText, order: spec.order, fieldType: spec.fieldType });
				}
				if (placed.length === 0) throw invalidInput(`No document shows "${spec.searchText}", so no field was placed for it`, 'Check the Search Text against the documents (it must match the text as the PDF holds it).');
				fieldsPlaced.push(...placed);
			}
			const fieldsFilled: string[] = [];
			if (Object.keys(prefill).length > 0) {
				const read = await Promise.all(documents.map(async ({ documentId }) => await readDocumentFields(client, packageId, Number(documentId))));
				for (const [document, values] of valuesByDocument(read, prefill)) fieldsFilled.push(...(await fillDocument(client, packageId, document, values, autoSave)));
			}
			if (message !== undefined) await updateWorkflowRequest(client, packageId, { message });
			sharing = true;
			await packageRequest(client, shareCall, packageId);
			return {
				json: {
					packageId,
					packageName,
					documents,
					recipients: recipients.map(({ email, name, role }) => ({ email, name, role })),
					template: templateName ?? null,
					fieldsPlaced,
					fieldsFilled,
					message: message ?? null,
					shared: true,
				},
			};
		} catch (error) {
			throw await cleanUp(client, packageId, error, sharing);
		}
	},
};
