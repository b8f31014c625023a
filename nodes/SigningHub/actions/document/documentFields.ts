import type { GenericValue, IDataObject, INodeProperties } from 'n8n-workflow';

import { FILLABLE_FIELD_KINDS, type DocumentField, type DocumentFields } from '../../reads';
import { invalidInput, type SigningHubClient } from '../../transport';
import { itemParameter, readId } from '../parameters';
import type { ReadContext } from '../types';

const BOOLEAN_KINDS = ['radio', 'checkbox'];

export const documentIdProperty: INodeProperties = {
	displayName: 'Document ID',
	name: 'documentId',
	type: 'string',
	default: '',
	placeholder: '456',
	description: "The document of the package, as Upload or Workflow > Get shows it. Empty: the package's first document.",
};

/** The item's Document ID, or undefined for the package's first document. */
export function readDocumentId({ context, itemIndex }: ReadContext): number | undefined {
	const given = itemParameter(context, 'documentId', itemIndex, 'Document ID');
	return given === undefined || given === null || String(given).trim() === '' ? undefined : readId(context, itemIndex, 'documentId', 'Document ID');
}

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** A form value as SigningHub takes it for a field of `kind`, or undefined when it does not fit. */
function fieldValue(kind: string, value: unknown): string | boolean | undefined {
	if (BOOLEAN_KINDS.includes(kind)) {
		if (value === true || value === false) return value;
		const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
		return text === 'true' ? true : text === 'false' ? false : undefined;
	}
	return ['string', 'number', 'boolean'].includes(typeof value) ? String(value) : undefined;
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value === '');

/** A fill that names fields the documents do not have, with the names they do have. */
export function unknownFields(unknown: string[], where: string, names: string[]) {
	return invalidInput(
		`${where} has no field named ${unknown.map((name) => `"${name}"`).join(', ')}`,
		names.length ? `Its fields that can be filled are: ${names.join(', ')}.` : 'It has no fields that can be filled: add them in SigningHub or with a template first.',
	);
}

/** The names Fill Fields takes for a document: its fillable fields' and its radio groups'. */
export function fillableNames(document: DocumentFields): string[] {
	const fillable = document.fields.filter(({ kind }) => FILLABLE_FIELD_KINDS.includes(kind));
	const groups = fillable.map(({ field }) => field.radio_group_name).filter((group): group is string => typeof group === 'string' && group !== '');
	return [...new Set([...fillable.map(({ field }) => String(field.field_name)), ...groups])];
}

/**
 * SigningHub's Fill Form Fields body for `values` ({field name: value}, or {radio group: the
 * name of the radio field to select}), checked against the document's fields: a name that is
 * not a fillable field, a value that does not fit its field, or a choice not offered fails with
 * the names or choices there are. Blank values are left out.
 */
export function fillBody(document: DocumentFields, values: IDataObject): { body: IDataObject; filled: string[] } {
	const fillable = document.fields.filter(({ kind }) => FILLABLE_FIELD_KINDS.includes(kind));
	const lists: Record<string, IDataObject[]> = {};
	const filled: string[] = [];
	const unknown: string[] = [];
	const add = ({ kind, field }: DocumentField, value: GenericValue) => {
		const entry: IDataObject = { field_name: field.field_name, value };
		if (kind === 'radio' && field.radio_group_name) entry.radio_group_name = field.radio_group_name;
		(lists[kind] ??= []).push(entry);
		filled.push(String(field.field_name));
	};
	for (const [name, raw] of Object.entries(values)) {
		if (isBlank(raw)) continue;
		const target = fillable.find(({ field }) => field.field_name === name);
		const group = target ? [] : fillable.filter(({ kind, field }) => kind === 'radio' && field.radio_group_name === name);
		if (!target && group.length === 0) {
			unknown.push(name);
			continue;
		}
		if (!target) {
			const chosen = group.find(({ field }) => field.field_name === raw);
			if (!chosen) {
				const options = group.map(({ field }) => field.field_name).join(', ');
				throw invalidInput(`The radio group "${name}" has no option "${shown(raw)}"`, `Set it to the name of one of its radio fields: ${options}.`);
			}
			add(chosen, true);
			continue;
		}
		const value = fieldValue(target.kind, raw);
		const choices = (target.field.choices ?? []) as string[];
		if (value === undefined) {
			const expected = BOOLEAN_KINDS.includes(target.kind) ? 'true or false' : 'text or a number';
			throw invalidInput(`The value of field "${name}" must be ${expected}, not "${shown(raw)}"`, `"${name}" is a ${target.kind} field of document ${document.documentId}: map a value that fits it.`);
		}
		if (choices.length > 0 && !choices.includes(String(value))) {
			throw invalidInput(`"${shown(raw)}" is not a choice of field "${name}"`, `Its choices are: ${choices.join(', ')}.`);
		}
		add(target, value);
	}
	if (unknown.length > 0) throw unknownFields(unknown, `Document ${document.documentId}`, fillableNames(document));
	return { body: lists, filled };
}

/** Fill Form Fields: `values` into one document. Filling the same values again changes nothing, so it may be retried. */
export async function fillDocument(client: SigningHubClient, packageId: number, document: DocumentFields, values: IDataObject, autoSave: boolean): Promise<string[]> {
	const { body, filled } = fillBody(document, values);
	if (filled.length === 0) return filled;
	await client.request({
		method: 'PUT',
		endpoint: 'fillFields',
		pathParameters: { packageId, documentId: document.documentId },
		body: { auto_save: autoSave, ...body },
		expect: 'emptyOrJson',
		repeatable: true,
		action: `fill the fields ${filled.join(', ')} of document ${document.documentId} of package ${packageId}`,
	});
	return filled;
}

/** One field as the node outputs it: its name, kind and value, or for a signature who signed, when, and its verification. */
export function fieldSummary({ kind, field }: DocumentField): IDataObject {
	const summary: IDataObject = { fieldName: field.field_name, fieldType: kind, page: field.page_no ?? null, order: field.order ?? null };
	if (FILLABLE_FIELD_KINDS.includes(kind)) {
		summary.value = field.value ?? null;
		if (field.choices) summary.choices = field.choices;
		if (field.radio_group_name) summary.radioGroup = field.radio_group_name;
	} else {
		Object.assign(summary, {
			signed: field.process_status === 'PROCESSED',
			signedBy: field.processed_by ?? null,
			signedAs: field.processed_as ?? null,
			signedOn: field.processed_on ?? null,
			verification: field.verification ?? null,
		});
	}
	return { ...summary, details: field };
}

/** The fields of a document as one object: values by name (and radio groups by the field chosen), and the signatures. */
export function documentSummary(document: DocumentFields): IDataObject {
	const values: IDataObject = {};
	const signatures: IDataObject[] = [];
	for (const entry of document.fields) {
		if (!FILLABLE_FIELD_KINDS.includes(entry.kind)) {
			const summary = fieldSummary(entry);
			delete summary.details;
			signatures.push(summary);
		} else values[String(entry.field.field_name)] = (entry.field.value ?? null) as GenericValue;
		const group = entry.field.radio_group_name as string | undefined;
		if (entry.kind === 'radio' && group && !(group in values)) values[group] = null;
		if (entry.kind === 'radio' && group && entry.field.value === true) values[group] = entry.field.field_name as string;
	}
	return { values, signatures };
}
