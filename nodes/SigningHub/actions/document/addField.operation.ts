import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { findDocument } from '../../reads';
import { invalidInput, type SigningHubClient } from '../../transport';
import type { Endpoint } from '../../transport/endpoints';
import { checkChoice, checkWholeNumber, inputsNamed, itemParameter, packageIdProperty, readOption, readPackageId, readText } from '../parameters';
import type { Operation, ReadContext } from '../types';
import { documentIdProperty, readDocumentId } from './documentFields';

/** The kinds of field this operation adds: their path, and their name in autoplace's `field_type` per API version. */
const FIELD_TYPES = {
	SIGNATURE: { endpoint: 'signatureField', autoplace: { v4: 'SIGNATURE', v3: 'DIGITAL_SIGNATURE' }, size: [160, 40] },
	INITIALS: { endpoint: 'initialsField', autoplace: { v4: 'INITIALS', v3: 'INITIALS' }, size: [60, 30] },
	IN_PERSON_SIGNATURE: { endpoint: 'inPersonField', autoplace: { v4: 'IN_PERSON_SIGNATURE', v3: 'IN_PERSON_SIGNATURE' }, size: [160, 40] },
	TEXT: { endpoint: 'textField', autoplace: { v4: 'TEXT', v3: 'TEXT' }, size: [150, 20] },
} satisfies Record<string, { endpoint: Endpoint; autoplace: Record<'v3' | 'v4', string>; size: [number, number] }>;
type FieldType = keyof typeof FIELD_TYPES;

export const FIELD_TYPE_NAMES = Object.keys(FIELD_TYPES);
export const SIDES = ['LEFT', 'RIGHT', 'TOP', 'BOTTOM'];
const PLACEMENTS = ['TEXT', 'POSITION'];

/** What Add Field's text fields need besides their place (the v4 schema marks them required). */
function textFieldBody(client: SigningHubClient): IDataObject {
	return { type: 'TEXT', field_type: client.apiVersion === 'v4' ? 'Text' : 'TEXT', validation_rule: 'OPTIONAL', max_length: 255, font: { name: 'HELVETICA', size: 10, embedded_size: 10 }, multiline: false };
}

export interface AutoplaceSpec {
	searchText: string;
	order: number;
	fieldType: FieldType;
	side: string;
	size?: [number, number];
	/** In-person signatures: the label of who signs. */
	placeholder?: string;
}

/** Auto Place Fields: a field for the recipient at `order` beside each place the document shows the text; the names SigningHub gave them. */
export async function autoplaceFields(client: SigningHubClient, packageId: number, documentId: number, spec: AutoplaceSpec): Promise<string[]> {
	const [width, height] = spec.size ?? FIELD_TYPES[spec.fieldType].size;
	const body: IDataObject = {
		search_text: spec.searchText,
		order: spec.order,
		placement: spec.side,
		field_type: FIELD_TYPES[spec.fieldType].autoplace[client.apiVersion],
		dimensions: { width, height },
		...(spec.fieldType === 'TEXT' ? { max_length: 255, multiline: false } : {}),
		...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
	};
	const response = await client.request({
		method: 'POST',
		endpoint: 'autoplaceFields',
		pathParameters: { packageId, documentId },
		body,
		expect: 'jsonArray',
		repeatable: false,
		action: `place fields next to "${spec.searchText}" in document ${documentId} of package ${packageId}`,
	});
	return (response.body as IDataObject[]).map((placed) => String(placed.field_name));
}

export const autoplaceSideProperty: INodeProperties = {
	displayName: 'Side',
	name: 'side',
	type: 'options',
	default: 'LEFT',
	options: [
		{ name: 'Below', value: 'BOTTOM' },
		{ name: 'Above', value: 'TOP' },
		{ name: 'Left Of', value: 'LEFT' },
		{ name: 'Right Of', value: 'RIGHT' },
	],
	description: "Where the field goes, seen from the text (SigningHub's placement)",
};

export const fieldTypeProperty: INodeProperties = {
	displayName: 'Field Type',
	name: 'fieldType',
	type: 'options',
	default: 'SIGNATURE',
	options: [
		{ name: 'In-Person Signature', value: 'IN_PERSON_SIGNATURE', description: 'A signature the host collects in person' },
		{ name: 'Initials', value: 'INITIALS' },
		{ name: 'Signature', value: 'SIGNATURE', description: 'A digital signature (v3: digital_signature)' },
		{ name: 'Text', value: 'TEXT', description: 'A text box the recipient fills in' },
	],
};

/** A whole number of at least `min` from a field of the item. */
const readNumber = (context: ReadContext['context'], itemIndex: number, name: string, label: string, min: number) => checkWholeNumber(itemParameter(context, name, itemIndex, label), label, min);

/** Where the field goes: next to a text (autoplace), or at a position on a page. */
type Place = { placement: 'TEXT'; searchText: string; side: string } | { placement: 'POSITION'; page: number; dimensions: IDataObject; fieldName?: string };

interface AddFieldInputs {
	packageId: number;
	documentId?: number;
	fieldType: FieldType;
	order: number;
	size: [number, number];
	placeholder?: string;
	place: Place;
}

const fieldNameOption: INodeProperties = { displayName: 'Field Name', name: 'fieldName', type: 'string', default: '', description: 'The name of the field placed at a position. Without it SigningHub names it; fields placed next to a text are always named by SigningHub.' };
const heightOption: INodeProperties = { displayName: 'Height', name: 'height', type: 'number', typeOptions: { minValue: 1 }, default: 40, description: 'Height of the field in pixels. Without it: 40 for signatures, 30 for initials, 20 for text.' };
const widthOption: INodeProperties = { displayName: 'Width', name: 'width', type: 'number', typeOptions: { minValue: 1 }, default: 160, description: 'Width of the field in pixels. Without it: 160 for signatures, 60 for initials, 150 for text.' };

export const addField: Operation<AddFieldInputs> = {
	resource: 'document',
	value: 'addField',
	name: 'Add Field',
	description: 'Place a signature, initials, in-person or text field for a recipient, at a position or next to a text in the document',
	action: 'Add a field to a document',
	agent: {
		does: "Places a signature, initials, in-person or text field for a recipient (by their order) in a document of a draft SigningHub package, next to a text of the document (e.g. 'Signature:') or at a page position. Returns one item per field placed.",
		changes: "the document's fields (draft packages only)",
	},
	properties: [
		packageIdProperty('The ID of the draft package, e.g. 123'),
		documentIdProperty,
		fieldTypeProperty,
		{
			displayName: 'Recipient Order',
			name: 'order',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: "The recipient the field is for: their place in the package's recipient list (1 for the first). Add the recipient first.",
		},
		{
			displayName: 'Placement',
			name: 'placement',
			type: 'options',
			default: 'TEXT',
			options: [
				{ name: 'Next to a Text', value: 'TEXT', description: "Beside every place the document shows a text, such as 'Signature:' (SigningHub's autoplace)" },
				{ name: 'At a Position', value: 'POSITION', description: 'On a page, at coordinates from the top left' },
			],
		},
		{ displayName: 'Search Text', name: 'searchText', type: 'string', default: '', placeholder: 'Signature:', required: true, displayOptions: { show: { placement: ['TEXT'] } }, description: 'The text to place the field next to; one field is placed for each place it appears' },
		{ ...autoplaceSideProperty, displayOptions: { show: { placement: ['TEXT'] } } },
		{ displayName: 'Page', name: 'page', type: 'number', typeOptions: { minValue: 1 }, default: 1, displayOptions: { show: { placement: ['POSITION'] } } },
		{ displayName: 'X', name: 'x', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'From the left edge of the page, in pixels as SigningHub measures them', displayOptions: { show: { placement: ['POSITION'] } } },
		{ displayName: 'Y', name: 'y', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'From the top edge of the page', displayOptions: { show: { placement: ['POSITION'] } } },
		{
			displayName: 'Placeholder',
			name: 'placeholder',
			type: 'string',
			default: '',
			required: true,
			description: 'The label of the person who signs in person, e.g. Witness',
			displayOptions: { show: { fieldType: ['IN_PERSON_SIGNATURE'] } },
		},
	],
	options: [fieldNameOption, heightOption, widthOption],
	identifyingInputs: inputsNamed('packageId', 'documentId'),
	read(item) {
		const { context, itemIndex } = item;
		const packageId = readPackageId(context, itemIndex);
		const documentId = readDocumentId(item);
		const fieldType = checkChoice(readText(context, itemIndex, 'fieldType', 'Field Type'), 'Field Type', FIELD_TYPE_NAMES) as FieldType;
		const order = readNumber(context, itemIndex, 'order', 'Recipient Order', 1);
		const placement = checkChoice(readText(context, itemIndex, 'placement', 'Placement'), 'Placement', PLACEMENTS);
		const [defaultWidth, defaultHeight] = FIELD_TYPES[fieldType].size;
		const width = readOption(context, itemIndex, widthOption);
		const height = readOption(context, itemIndex, heightOption);
		const size: [number, number] = [width === undefined ? defaultWidth : checkWholeNumber(width, 'Width', 1), height === undefined ? defaultHeight : checkWholeNumber(height, 'Height', 1)];
		const placeholder = fieldType === 'IN_PERSON_SIGNATURE' ? readText(context, itemIndex, 'placeholder', 'Placeholder') : undefined;
		let place: Place;
		if (placement === 'TEXT') {
			place = { placement, searchText: readText(context, itemIndex, 'searchText', 'Search Text'), side: checkChoice(readText(context, itemIndex, 'side', 'Side'), 'Side', SIDES) };
		} else {
			const page = readNumber(context, itemIndex, 'page', 'Page', 1);
			const dimensions = { x: readNumber(context, itemIndex, 'x', 'X', 0), y: readNumber(context, itemIndex, 'y', 'Y', 0), width: size[0], height: size[1] };
			const fieldName = readOption(context, itemIndex, fieldNameOption) === undefined ? undefined : readText(context, itemIndex, 'options.fieldName', 'Field Name');
			place = { placement: 'POSITION', page, dimensions, fieldName };
		}
		return { packageId, documentId, fieldType, order, size, placeholder, place };
	},
	async send({ client }, { packageId, documentId: given, fieldType, order, size, placeholder, place }) {
		const documentId = given ?? (await findDocument(client, packageId)).documentId;
		const about = { packageId, fieldType, order, documentId };
		if (place.placement === 'TEXT') {
			const { searchText, side } = place;
			const names = await autoplaceFields(client, packageId, documentId, { searchText, order, fieldType, side, size, placeholder });
			if (names.length === 0) {
				throw invalidInput(`SigningHub found "${searchText}" nowhere in document ${documentId}, so no field was placed`, 'Check the Search Text against the document (it must match the text as the PDF holds it), or place the field at a position.');
			}
			return names.map((fieldName) => ({ json: { ...about, fieldName, placedNextTo: searchText, side } }));
		}
		const { page, dimensions, fieldName } = place;
		const body: IDataObject = { order, page_no: page, dimensions, ...(fieldName ? { field_name: fieldName } : {}), ...(placeholder ? { placeholder } : {}), ...(fieldType === 'TEXT' ? textFieldBody(client) : {}) };
		const response = await client.request({
			method: 'POST',
			endpoint: FIELD_TYPES[fieldType].endpoint,
			pathParameters: { packageId, documentId },
			body,
			expect: 'jsonObject',
			repeatable: false,
			action: `add a ${fieldType.toLowerCase().replace(/_/g, '-')} field to document ${documentId} of package ${packageId}`,
		});
		const added = response.body as IDataObject;
		return { json: { ...about, fieldName: added.field_name ?? fieldName ?? null, page, dimensions, createdOn: added.created_on ?? null } };
	},
};
