import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDocumentFields, type DocumentFields } from '../../reads';
import { invalidInput, RequestFailure } from '../../transport';
import { fillableNames, fillDocument, unknownFields } from '../document/documentFields';
import { autoSaveOption } from '../document/fillFields.operation';
import { uploadDocument } from '../document/upload.operation';
import { reworded } from '../failures';
import { checkInputFile } from '../files';
import { checkChoice, entryText, readBooleanOption, readJsonList, readList, readOption, readText, shown } from '../parameters';
import { listFromJson, listSourceProperty } from '../recipient/recipientList';
import type { ItemContext } from '../types';
import { updateWorkflow } from '../workflow/update.operation';
import { createPackage, WORKFLOW_MODES, workflowModeOption } from './create.operation';
import { deletePackage } from './delete.operation';
import { sharePackage } from './share.operation';

/**
 * The steps the one-step senders (Send for Signature, Send From Template) share: a draft package
 * from the item's files, its form fields prefilled, its message, Share; a failed step deletes the
 * draft, or names it.
 */

export const packageNameProperty: INodeProperties = { displayName: 'Package Name', name: 'packageName', type: 'string', required: true, default: '', placeholder: 'Service agreement ACME', description: 'The name the package gets in SigningHub' };

export const binaryFieldsProperty: INodeProperties = {
	displayName: 'Input Binary Fields',
	name: 'binaryPropertyNames',
	type: 'string',
	required: true,
	default: 'data',
	placeholder: 'data, annex',
	description: 'The binary fields of the item that hold the documents, separated by commas; each becomes a document of the package, in this order',
	builderHint: {
		propertyHint: "The name of the input item's binary field holding the PDF (n8n's Form Trigger file field, HTTP Request or Google Drive download: usually data). Not a URL or a file path.",
	},
};

const PREFILL_EXAMPLE = '{"customer_name": "Ada Lovelace", "amount": "1200"}';

export const prefillSourceProperty = listSourceProperty('prefillSource', 'Define Prefill Values', 'Prefill Fields');

export const prefillProperties: INodeProperties[] = [
	prefillSourceProperty,
	{
		displayName: 'Prefill Fields',
		name: 'prefill',
		type: 'fixedCollection',
		placeholder: 'Add field to prefill',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: { show: { prefillSource: ['fields'] } },
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
	{
		displayName: 'Prefill Values (JSON)',
		name: 'prefillJson',
		type: 'json',
		default: '',
		displayOptions: { show: { prefillSource: ['json'] } },
		description: `The documents' form fields and their values, e.g. ${PREFILL_EXAMPLE}, or a list of {"name", "value"}, or an expression that reads either from the item`,
	},
];

export const messageOption: INodeProperties = { displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'The message SigningHub sends the recipients with the package. Without it: none.' };
export const sendWorkflowModeOption: INodeProperties = { ...workflowModeOption, description: 'Who signs the package. Without this option: Only Others (the recipients).' };
export const draftOptions = [autoSaveOption, messageOption, sendWorkflowModeOption];

/** One field value to prefill: text, a number, or true/false for checkboxes and radio fields. */
function prefillValue(value: unknown, label: string): IDataObject[string] {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	throw invalidInput(`${label} must be text, a number, or true or false, not "${shown(value)}"`, `Set ${label} to the field's value, or map a field that holds one.`);
}

/** The item's values to prefill, by field name: from the editor's rows or from Prefill Values (JSON). */
function readPrefill(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const values: IDataObject = {};
	if (!listFromJson(context, itemIndex, prefillSourceProperty.name, prefillSourceProperty.displayName)) {
		readList(context, itemIndex, 'prefill.field').forEach((entry, index) => {
			values[entryText(entry, 'name', `Prefilled field ${index + 1}: Name`)] = entry.value ?? '';
		});
		return values;
	}
	const entries = readJsonList(context, itemIndex, 'prefillJson', 'Prefill Values (JSON)', PREFILL_EXAMPLE);
	// One object of names and values, or a list of {name, value}.
	const pairs = entries.length === 1 && !('name' in entries[0] && 'value' in entries[0]) ? Object.entries(entries[0]).map(([name, value]) => ({ name, value })) : entries;
	pairs.forEach((entry, index) => {
		const name = entryText(entry as IDataObject, 'name', `Prefilled field ${index + 1}: Name`);
		values[name] = prefillValue(entry.value, `Prefilled field "${name}"`);
	});
	return values;
}

/** What the one-step senders read alike for one item. */
export interface DraftInputs {
	packageName: string;
	workflowMode: string;
	autoSave: boolean;
	files: Array<{ field: string; fileName: string }>;
	prefill: IDataObject;
	message?: string;
}

export function readDraft(context: IExecuteFunctions, itemIndex: number): DraftInputs {
	const fields = readText(context, itemIndex, 'binaryPropertyNames', 'Input Binary Fields').split(',').map((field) => field.trim()).filter(Boolean);
	const message = readOption(context, itemIndex, messageOption);
	return {
		packageName: readText(context, itemIndex, 'packageName', 'Package Name'),
		workflowMode: checkChoice(readOption(context, itemIndex, sendWorkflowModeOption) ?? workflowModeOption.default, 'Workflow Mode', WORKFLOW_MODES),
		autoSave: readBooleanOption(context, itemIndex, autoSaveOption),
		files: fields.map((field) => checkInputFile(context, itemIndex, field)),
		prefill: readPrefill(context, itemIndex),
		message: message === undefined ? undefined : String(message),
	};
}

/** The values for each document: those its fields take. A name no document has fails, with the names there are. */
function valuesByDocument(documents: DocumentFields[], values: IDataObject): Array<[DocumentFields, IDataObject]> {
	const unknown = Object.keys(values).filter((name) => !documents.some((document) => fillableNames(document).includes(name)));
	if (unknown.length > 0) throw unknownFields(unknown, documents.length === 1 ? `Document ${documents[0].documentId}` : 'None of the documents', [...new Set(documents.flatMap(fillableNames))]);
	return documents.map((document) => [document, Object.fromEntries(Object.entries(values).filter(([name]) => fillableNames(document).includes(name)))]);
}

/** A draft package being prepared: its ID and documents. */
export interface Draft {
	packageId: number;
	documents: Array<{ documentId: number; fileName: string }>;
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

/**
 * Creates the package, uploads the item's files, runs `prepare` (recipients, fields: what the
 * sender adds), prefills, sets the message and shares; the output is the package, its documents,
 * what `prepare` returned, the fields filled and `shared: true`. A failed step deletes the draft.
 */
export async function sendDraft(item: ItemContext, inputs: DraftInputs, prepare: (draft: Draft) => Promise<IDataObject>): Promise<IDataObject> {
	const { client } = item;
	const created = await createPackage.send(item, { packageName: inputs.packageName, workflowMode: inputs.workflowMode });
	const packageId = Number((created as { json: IDataObject }).json.packageId);
	let sharing = false;
	try {
		const documents: Draft['documents'] = [];
		for (const file of inputs.files) {
			const uploaded = (await uploadDocument.send(item, { packageId, ...file })) as { json: IDataObject };
			documents.push({ documentId: Number(uploaded.json.documentId), fileName: file.fileName });
		}
		const prepared = await prepare({ packageId, documents });
		const fieldsFilled: string[] = [];
		if (Object.keys(inputs.prefill).length > 0) {
			const read = await Promise.all(documents.map(async ({ documentId }) => await readDocumentFields(client, packageId, documentId)));
			for (const [document, values] of valuesByDocument(read, inputs.prefill)) fieldsFilled.push(...(await fillDocument(client, packageId, document, values, inputs.autoSave)));
		}
		if (inputs.message !== undefined) await updateWorkflow.send(item, { packageId, changes: { message: inputs.message } });
		sharing = true;
		await sharePackage.send(item, { packageId });
		return { packageId, packageName: inputs.packageName, documents, ...prepared, fieldsFilled, message: inputs.message ?? null, shared: true };
	} catch (error) {
		throw await cleanUp(item, packageId, error, sharing);
	}
}
