import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { findDocument } from '../../reads';
import { invalidInput, type SigningHubClient } from '../../transport';
import type { Endpoint } from '../../transport/endpoints';
import { checkChoice, checkWholeNumber, inputsNamed, itemParameter, packageIdProperty, readBooleanOption, readOption, readPackageId, readText } from '../parameters';
import type { Operation, ReadContext } from '../types';
import { documentIdProperty, readDocumentId } from './documentFields';

/** The kinds of field this operation adds: their path, and their name in autoplace's `field_type` per API version. */
const FIELD_TYPES = {
	SIGNATURE: { endpoint: 'signatureField', autoplace: { v4: 'SIGNATURE', v3: 'DIGITAL_SIGNATURE' }, size: [160, 40] },
	INITIALS: { endpoint: 'initialsField', autoplace: { v4: 'INITIALS', v3: 'INITIALS' }, size: [60, 30] },
	IN_PERSON_SIGNATURE: { endpoint: 'inPersonField', autoplace: { v4: 'IN_PERSON_SIGNATURE', v3: 'IN_PERSON_SIGNATURE' }, size: [160, 40] },
	TEXT: { endpoint: 'textField', autoplace: { v4: 'TEXT', v3: 'TEXT' }, size: [150, 20] },
	CHECKBOX: { endpoint: 'checkboxField', autoplace: { v4: 'CHECKBOX', v3: 'CheckBox' }, size: [12, 12] },
	RADIO: { endpoint: 'radioField', autoplace: { v4: 'RADIOBOX', v3: 'RadioBox' }, size: [12, 12] },
	// v4 only, at a position only: autoplace has no QR type, and a QR code is nobody's to fill.
	QR_CODE: { endpoint: 'qrCodeField', autoplace: undefined, size: [100, 100] },
} satisfies Record<string, { endpoint: Endpoint; autoplace: Record<'v3' | 'v4', string> | undefined; size: [number, number] }>;
type FieldType = keyof typeof FIELD_TYPES;
/** Where SigningHub's autoplace can put a field of that type: every type but QR codes. */
type PlaceableType = Exclude<FieldType, 'QR_CODE'>;

/** The types Send for Signature places for its recipients. */
export const FIELD_TYPE_NAMES: PlaceableType[] = ['SIGNATURE', 'INITIALS', 'IN_PERSON_SIGNATURE', 'TEXT'];
const ADD_FIELD_TYPE_NAMES = Object.keys(FIELD_TYPES);
export const SIDES = ['LEFT', 'RIGHT', 'TOP', 'BOTTOM'];
const PLACEMENTS = ['TEXT', 'POSITION'];

/** What Add Field's text fields need besides their place (the v4 schema marks them required). */
function textFieldBody(client: SigningHubClient): IDataObject {
	return { type: 'TEXT', field_type: client.apiVersion === 'v4' ? 'Text' : 'TEXT', validation_rule: 'OPTIONAL', max_length: 255, font: { name: 'HELVETICA', size: 10, embedded_size: 10 }, multiline: false };
}


export interface AutoplaceSpec {
	searchText: string;
	order: number;
	fieldType: PlaceableType;
	side: string;
	size?: [number, number];
	/** In-person signatures: the label of who signs. */
	placeholder?: string;
	/** Radio buttons: the group they belong to. */
	radioGroup?: string;
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
		...(spec.radioGroup ? { radio_group_name: spec.radioGroup } : {}),
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

/** Add Field's types: the signature kinds and text, and the boxes and QR codes only it places. */
const addFieldTypeProperty: INodeProperties = {
	...fieldTypeProperty,
	options: [
		...(fieldTypeProperty.options ?? []),
		{ name: 'Checkbox', value: 'CHECKBOX', description: 'A box the recipient ticks' },
		{ name: 'Radio Button', value: 'RADIO', description: 'One choice of a group: the recipient picks one button of the group' },
		{ name: 'QR Code', value: 'QR_CODE', description: 'A QR code SigningHub draws (v4 only; at a position only)' },
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
	/** What SigningHub needs beside the place for a checkbox, radio button or QR code. */
	extra: IDataObject;
}

const fieldNameOption: INodeProperties = { displayName: 'Field Name', name: 'fieldName', type: 'string', default: '', description: 'The name of the field placed at a position. Without it SigningHub names it; fields placed next to a text are always named by SigningHub.' };
const heightOption: INodeProperties = { displayName: 'Height', name: 'height', type: 'number', typeOptions: { minValue: 1 }, default: 40, description: 'Height of the field in pixels. Without it: 40 for signatures, 30 for initials, 20 for text.' };
const widthOption: INodeProperties = { displayName: 'Width', name: 'width', type: 'number', typeOptions: { minValue: 1 }, default: 160, description: 'Width of the field in pixels. Without it: 160 for signatures, 60 for initials, 150 for text.' };
const checkedOption: INodeProperties = { displayName: 'Checked', name: 'checked', type: 'boolean', default: false, description: 'Whether a checkbox or radio button starts ticked' };
const requiredOption: INodeProperties = { displayName: 'Required', name: 'required', type: 'boolean', default: false, description: 'Whether the recipient must tick the checkbox or choose in the radio group (SigningHub\'s MANDATORY)' };
const qrDataOption: INodeProperties = { displayName: 'QR Data', name: 'qrData', type: 'string', default: '', description: "The text the QR code holds. Without it: SigningHub's link to the document." };

/** The body fields of a checkbox, radio button or QR code besides its place (v4 CheckBoxFieldRequest, RadioBoxFieldRequest, QrCodeRequest). */
function readExtra({ context, itemIndex }: ReadContext, fieldType: FieldType): IDataObject {
	if (fieldType === 'QR_CODE') {
		const data = readOption(context, itemIndex, qrDataOption) === undefined ? undefined : readText(context, itemIndex, 'options.qrData', 'QR Data');
		return data === undefined ? {} : { data };
	}
	if (fieldType !== 'CHECKBOX' && fieldType !== 'RADIO') return {};
	const extra: IDataObject = { value: String(readBooleanOption(context, itemIndex, checkedOption)), validation_rule: readBooleanOption(context, itemIndex, requiredOption) ? 'MANDATORY' : 'OPTIONAL' };
	if (fieldType === 'RADIO') extra.radio_group_name = readText(context, itemIndex, 'radioGroup', 'Radio Group');
	return extra;
}

export const addField: Operation<AddFieldInputs> = {
	resource: 'document',
	value: 'addField',
	name: 'Add Field',
	description: 'Place a signature, initials, in-person, text, checkbox, radio or QR code field, at a position or next to a text in the document',
	action: 'Add a field to a document',
	agent: {
		does: "Places a signature, initials, in-person, text, checkbox or radio field for a recipient (by their order) in a document of a draft SigningHub package, next to a text of the document (e.g. 'Signature:') or at a page position; or a QR code at a page position. Returns one item per field placed.",
		changes: "the document's fields (draft packages only)",
	},
	properties: [
		packageIdProperty('The ID of the draft package, e.g. 123'),
		documentIdProperty,
		addFieldTypeProperty,
		{
			displayName: 'Recipient Order',
			name: 'order',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: "The recipient the field is for: their place in the package's recipient list (1 for the first). Add the recipient first.",
			displayOptions: { hide: { fieldType: ['QR_CODE'] } },
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
		{
			displayName: 'Radio Group',
			name: 'radioGroup',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'plan',
			description: 'The group the button belongs to: the recipient picks one button of it. Add a button per choice with the same group.',
			displayOptions: { show: { fieldType: ['RADIO'] } },
		},
	],
	options: [checkedOption, fieldNameOption, heightOption, qrDataOption, requiredOption, widthOption],
	identifyingInputs: inputsNamed('packageId', 'documentId'),
	read(item) {
		const { context, itemIndex } = item;
		const packageId = readPackageId(context, itemIndex);
		const documentId = readDocumentId(item);
		const fieldType = checkChoice(readText(context, itemIndex, 'fieldType', 'Field Type'), 'Field Type', ADD_FIELD_TYPE_NAMES) as FieldType;
		const placement = checkChoice(readText(context, itemIndex, 'placement', 'Placement'), 'Placement', PLACEMENTS);
		if (fieldType === 'QR_CODE' && item.apiVersion !== 'v4') {
			throw invalidInput('QR code fields need SigningHub API v4', "SigningHub documents Add QR Code (POST .../fields/qrcode) on v4 only: set the credential's API Version to v4.");
		}
		if (fieldType === 'QR_CODE' && placement === 'TEXT') {
			throw invalidInput('A QR code can only be placed at a position', "SigningHub's autoplace has no QR code type: set Placement to At a Position.");
		}
		// A QR code is nobody's: its body has no order.
		const order = fieldType === 'QR_CODE' ? 0 : readNumber(context, itemIndex, 'order', 'Recipient Order', 1);
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
		return { packageId, documentId, fieldType, order, size, placeholder, place, extra: readExtra(item, fieldType) };
	},
	async send({ client }, { packageId, documentId: given, fieldType, order, size, placeholder, place, extra }) {
		const documentId = given ?? (await findDocument(client, packageId)).documentId;
		const about = { packageId, fieldType, order: fieldType === 'QR_CODE' ? null : order, documentId };
		if (place.placement === 'TEXT') {
			const { searchText, side } = place;
			const radioGroup = typeof extra.radio_group_name === 'string' ? extra.radio_group_name : undefined;
			// `read` refuses a QR code next to a text.
			const placeable = fieldType as PlaceableType;
			const names = await autoplaceFields(client, packageId, documentId, { searchText, order, fieldType: placeable, side, size, placeholder, radioGroup });
			if (names.length === 0) {
				throw invalidInput(`SigningHub found "${searchText}" nowhere in document ${documentId}, so no field was placed`, 'Check the Search Text against the document (it must match the text as the PDF holds it), or place the field at a position.');
			}
			return names.map((fieldName) => ({ json: { ...about, fieldName, placedNextTo: searchText, side } }));
		}
		const { page, dimensions, fieldName } = place;
		const body: IDataObject = {
			...(fieldType === 'QR_CODE' ? {} : { order }),
			page_no: page,
			dimensions,
			...(fieldName ? { field_name: fieldName } : {}),
			...(placeholder ? { placeholder } : {}),
			...(fieldType === 'TEXT' ? textFieldBody(client) : {}),
			...extra,
		};
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
		const qrData = fieldType === 'QR_CODE' ? { qrData: added.data ?? null } : {};
		return { json: { ...about, fieldName: added.field_name ?? fieldName ?? null, page, dimensions, createdOn: added.created_on ?? null, ...qrData } };
	},
};
