import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readDocumentFields } from '../../reads';
import { invalidInput } from '../../transport';
import { checkChoice, evaluated, inputsNamed, itemParameter, packageIdProperty, readBooleanOption, readPackageId, readText } from '../parameters';
import type { Operation, ReadContext } from '../types';
import { documentIdProperty, fillableNames, fillDocument, readDocumentId } from './documentFields';

const INPUT_MODES = ['MAP', 'JSON'];

export const autoSaveOption: INodeProperties = {
	displayName: 'Auto Save',
	name: 'autoSave',
	type: 'boolean',
	default: false,
	description:
		"Whether to send SigningHub's auto_save as true, so SigningHub saves the values into the document straight away. Off is SigningHub's own default (v3 guide page 1067: \"Default value is false\").",
};

const isPlainObject = (value: unknown): value is IDataObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The JSON field: an object of field names and values, given as an object or as JSON text. */
function readJsonValues({ context, itemIndex }: ReadContext): IDataObject {
	const raw = itemParameter(context, 'fieldsJson', itemIndex, 'Fields (JSON)');
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = JSON.parse(raw);
		} catch {
			parsed = undefined;
		}
	}
	if (!isPlainObject(parsed)) {
		throw invalidInput('Fields (JSON) must be a JSON object of field names and values', 'For example {"customer_name": "Ada Lovelace", "accept_terms": true}, or an expression that gives such an object.');
	}
	return parsed;
}

/** The values to fill, or undefined to map the item's fields named like the document's. */
interface FillInputs {
	packageId: number;
	documentId?: number;
	values?: IDataObject;
	autoSave: boolean;
}

export const fillFields: Operation<FillInputs> = {
	resource: 'document',
	value: 'fillFields',
	name: 'Fill Fields',
	description: "Fill a document's text, checkbox, radio, dropdown and list fields by name, before sharing or as the owner",
	action: "Fill a document's fields",
	agent: {
		does: 'Fills form fields of a document in a SigningHub package by field name (text, checkbox, radio, dropdown, list), e.g. before sending it for signature. Needs the package ID and the names and values (JSON); an unknown name fails with the names there are. Returns the fields filled.',
		changes: "the values in the document's form fields, which its recipients see and sign",
	},
	properties: [
		packageIdProperty('The ID of the package, e.g. 123'),
		documentIdProperty,
		{
			displayName: 'Fields Input',
			name: 'fieldsInput',
			type: 'options',
			default: 'MAP',
			options: [
				{ name: 'Map Each Field', value: 'MAP', description: "Pick the document's fields from SigningHub's list and map a value to each, or map the item's fields by name" },
				{ name: 'JSON', value: 'JSON', description: 'An object of field names and values' },
			],
		},
		{
			displayName: 'Fields',
			name: 'fieldValues',
			type: 'resourceMapper',
			noDataExpression: true,
			default: { mappingMode: 'defineBelow', value: null },
			required: true,
			displayOptions: { show: { fieldsInput: ['MAP'] } },
			typeOptions: {
				loadOptionsDependsOn: ['packageId', 'documentId'],
				resourceMapper: {
					resourceMapperMethod: 'getFillableFields',
					mode: 'add',
					fieldWords: { singular: 'field', plural: 'fields' },
					addAllFields: true,
					multiKeyMatch: false,
					supportAutoMap: true,
				},
			},
		},
		{
			displayName: 'Fields (JSON)',
			name: 'fieldsJson',
			type: 'json',
			default: '{}',
			placeholder: '{"customer_name": "Ada Lovelace", "amount": "1200", "accept_terms": true}',
			description: 'Field names and their values: text for text and dropdown fields, true or false for checkboxes and radio fields (or a radio group\'s name and the radio field to select)',
			displayOptions: { show: { fieldsInput: ['JSON'] } },
		},
	],
	options: [autoSaveOption],
	identifyingInputs: inputsNamed('packageId', 'documentId'),
	read(item) {
		const { context, itemIndex } = item;
		const packageId = readPackageId(context, itemIndex);
		const documentId = readDocumentId(item);
		const mode = checkChoice(readText(context, itemIndex, 'fieldsInput', 'Fields Input'), 'Fields Input', INPUT_MODES);
		const autoSave = readBooleanOption(context, itemIndex, autoSaveOption);
		let values: IDataObject | undefined;
		if (mode === 'JSON') values = readJsonValues(item);
		else {
			const mapper = (evaluated('Fields', () => context.getNodeParameter('fieldValues', itemIndex, {})) ?? {}) as IDataObject;
			if (mapper.mappingMode !== 'autoMapInputData') values = isPlainObject(mapper.value) ? mapper.value : {};
		}
		if (values && Object.keys(values).length === 0) throw invalidInput('No field to fill', 'Add the fields to fill and their values, or map the input fields automatically.');
		return { packageId, documentId, values, autoSave };
	},
	async send({ context, itemIndex, client }, { packageId, documentId, values, autoSave }) {
		const document = await readDocumentFields(client, packageId, documentId);
		let fill = values;
		if (!fill) {
			// Mapped automatically: the item's fields that carry the name of a fillable field of the document.
			const names = new Set(fillableNames(document));
			const json = context.getInputData()[itemIndex]?.json ?? {};
			fill = Object.fromEntries(Object.entries(json).filter(([name]) => names.has(name)));
			if (Object.keys(fill).length === 0) {
				throw invalidInput(`None of the item's fields is named like a field of document ${document.documentId}`, `Its fields that can be filled are: ${[...names].join(', ') || 'none'}. Rename the item's fields, or map each field.`);
			}
		}
		const filled = await fillDocument(client, packageId, document, fill, autoSave);
		return { json: { packageId, documentId: document.documentId, filled, filledCount: filled.length } };
	},
};
