import type { GenericValue, IDataObject, IExecuteFunctions, INodeParameters, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../transport';

export function packageIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Package ID',
		name: 'packageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123',
		description,
		builderHint: { propertyHint: "A SigningHub package ID (a whole number): usually an expression such as {{ $json.packageId }} from a SigningHub trigger's event or a previous SigningHub node, or {{ $json.package_id }} from Package > Get Many" },
	};
}

/** The Document ID option of an operation that takes every document unless told one. */
export function documentIdOption(description: string): INodeProperties {
	return { displayName: 'Document ID', name: 'documentId', type: 'string', default: '', placeholder: '456', description };
}

/** getNode() copies the whole node on every call: read its parameters once per execution. */
const parametersByContext = new WeakMap<IExecuteFunctions, INodeParameters>();

function rawParameters(context: IExecuteFunctions): INodeParameters {
	let parameters = parametersByContext.get(context);
	if (!parameters) {
		parameters = context.getNode().parameters;
		parametersByContext.set(context, parameters);
	}
	return parameters;
}

/** A parameter as saved in the node (an expression unevaluated); a dotted name reads into collections. */
function rawParameter(context: IExecuteFunctions, name: string): unknown {
	let raw: unknown = rawParameters(context);
	for (const key of name.split('.')) raw = (raw as INodeParameters | undefined)?.[key];
	return raw;
}

/** `{{ $json.a.b }}` and nothing else: the most common mapping, read without an expression engine. */
const PLAIN_FIELD_REFERENCE = /^=\s*\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}\s*$/;

/** A field of a plain data object, or undefined when it is inherited, a getter, or absent. */
function ownDataProperty(value: unknown, key: string): { value: unknown } | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	const descriptor = Object.getOwnPropertyDescriptor(value, key);
	return descriptor && 'value' in descriptor ? { value: descriptor.value } : undefined;
}

/**
 * What n8n refused to evaluate, as the item's error: the field's name, then n8n's own words
 * (for example "Package ID: Expression contains invalid constructor function call").
 */
function refusedExpression(label: string, error: unknown): Error {
	const { message, description } = (error ?? {}) as { message?: unknown; description?: unknown };
	const words = typeof message === 'string' && message.trim() !== '' ? message.trim() : String(error);
	return invalidInput(
		`${label}: ${words}`,
		typeof description === 'string' && description.trim() !== ''
			? description.trim()
			: `n8n could not evaluate the expression in ${label}. Fix the expression, or map a field the item holds.`,
	);
}

/** Runs one read of n8n's (an expression's evaluation); a refusal becomes the field's own error. */
export function evaluated<T>(label: string, read: () => T): T {
	try {
		return read();
	} catch (error) {
		throw refusedExpression(label, error);
	}
}

/**
 * A parameter's value for one item. n8n evaluates each expression in a sandbox, which costs
 * more than the request itself at volume (about 1 ms an item in n8n 2.40); a plain reference
 * to a field the item holds gives the same value read directly. Anything else (a missing or
 * inherited field, such as `$json.constructor`) goes through n8n's expression engine, and what
 * it refuses fails the item naming the field (`label`).
 */
export function itemParameter(context: IExecuteFunctions, name: string, itemIndex: number, label: string): unknown {
	const raw = rawParameter(context, name);
	const reference = typeof raw === 'string' ? PLAIN_FIELD_REFERENCE.exec(raw) : null;
	if (reference) {
		let field: { value: unknown } | undefined = { value: context.getInputData()[itemIndex]?.json };
		for (const key of reference[1].slice(1).split('.')) {
			field = field && ownDataProperty(field.value, key);
		}
		if (field) return field.value;
	}
	return evaluated(label, () => context.getNodeParameter(name, itemIndex, ''));
}

/** The item's values of some fields as the user gave them, for its error payload. */
export function inputsNamed(...names: string[]) {
	return (context: IExecuteFunctions, itemIndex: number): IDataObject => {
		const given: IDataObject = {};
		for (const name of names) {
			try {
				given[name] = (itemParameter(context, name, itemIndex, name) ?? null) as GenericValue;
			} catch {
				// an expression that cannot be evaluated: its error is the item's error already
				given[name] = null;
			}
		}
		return given;
	};
}

/** The Package ID as the user gave it, for error payloads. */
export const packageInput = inputsNamed('packageId');

export function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A whole number written in digits only (no sign, exponent or fraction), or undefined. */
function wholeNumberOf(value: unknown): number | undefined {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
}

/** IDs are positive whole numbers; anything else would change the request's path. */
export function readId(context: IExecuteFunctions, itemIndex: number, name: string, label: string): number {
	const value = itemParameter(context, name, itemIndex, label);
	const fix = `Set ${label} to the number SigningHub shows, e.g. 123, or map a field that holds it.`;
	if (isEmpty(value)) throw invalidInput(`${label} is empty`, fix);
	const id = wholeNumberOf(value);
	if (id === undefined || id < 1) throw invalidInput(`${label} must be a positive whole number, not "${shown(value)}"`, fix);
	return id;
}

export function readPackageId(context: IExecuteFunctions, itemIndex: number): number {
	return readId(context, itemIndex, 'packageId', 'Package ID');
}

/** A text value: trimmed, and required unless said otherwise; `label` names it in errors. */
function checkText(value: unknown, label: string, required: boolean): string {
	if (isEmpty(value)) {
		if (!required) return '';
		throw invalidInput(`${label} is empty`, `Set ${label}, or map a field that holds it.`);
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw invalidInput(`${label} must be text, not "${shown(value)}"`, `Set ${label} to text, or map a field that holds text.`);
	}
	return String(value).trim();
}

/** A text field: trimmed, and required unless said otherwise. */
export function readText(context: IExecuteFunctions, itemIndex: number, name: string, label: string, required = true): string {
	return checkText(itemParameter(context, name, itemIndex, label), label, required);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(value: string, label: string): string {
	if (!EMAIL.test(value)) {
		throw invalidInput(`${label} must be an email address, not "${shown(value)}"`, `Set ${label} to the user's email, e.g. name@example.com.`);
	}
	return value;
}

/**
 * An option of the node's Options for one item: undefined when the user did not add it, so the
 * operation's explicit default applies; otherwise its value for this very item.
 */
export function readOption(context: IExecuteFunctions, itemIndex: number, option: INodeProperties): unknown {
	const path = `options.${option.name}`;
	if (rawParameter(context, path) === undefined) return undefined;
	const value = itemParameter(context, path, itemIndex, option.displayName);
	return isEmpty(value) ? undefined : value;
}

/**
 * A yes/no option for one item, its default when not added; an expression may give true/false
 * or "true"/"false".
 */
export function readBooleanOption(context: IExecuteFunctions, itemIndex: number, option: INodeProperties): boolean {
	const value = readOption(context, itemIndex, option);
	return value === undefined ? option.default === true : checkBoolean(value, option.displayName);
}

/** A yes/no field (not an option) for one item, its default when empty. */
export function readBoolean(context: IExecuteFunctions, itemIndex: number, property: INodeProperties): boolean {
	const value = itemParameter(context, property.name, itemIndex, property.displayName);
	return isEmpty(value) ? property.default === true : checkBoolean(value, property.displayName);
}

/** true or false, from a boolean or its text. */
export function checkBoolean(value: unknown, label: string): boolean {
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	throw invalidInput(`${label} must be true or false, not "${shown(value)}"`, `Set ${label} to true or false, or map a field that holds one.`);
}

/** One of a fixed list of values, for one item; matched without regard to case. */
export function checkChoice(value: unknown, label: string, choices: readonly string[]): string {
	const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
	if (!choices.includes(text)) {
		throw invalidInput(`${label} must be one of ${choices.join(', ')}, not "${shown(value)}"`, `Choose a ${label}, or map a field that holds one of those values.`);
	}
	return text;
}

/** A whole number of at least `min`, from a number or its text. */
export function checkWholeNumber(value: unknown, label: string, min: number): number {
	const number = wholeNumberOf(value);
	if (number === undefined || number < min) {
		throw invalidInput(`${label} must be a whole number of at least ${min}, not "${shown(value)}"`, `Set ${label} to a whole number, e.g. ${min}, or map a field that holds one.`);
	}
	return number;
}

/** The entries of a list field (a fixed collection), each with its expressions evaluated for the item. */
export function readList(context: IExecuteFunctions, itemIndex: number, name: string): IDataObject[] {
	const value = evaluated(name.split('.')[0], () => context.getNodeParameter(name, itemIndex, []));
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

/** A text of a list entry: trimmed, and required unless said otherwise. */
export function entryText(entry: IDataObject, key: string, label: string, required = true): string {
	return checkText(entry[key], label, required);
}

/**
 * A JSON field (or an expression) that gives a list for one item: the list, a single object as
 * a list of one, or the field's own error (not JSON, not a list of objects).
 */
export function readJsonList(context: IExecuteFunctions, itemIndex: number, name: string, label: string, example: string): IDataObject[] {
	let value = itemParameter(context, name, itemIndex, label);
	const fix = `Set ${label} to a list such as ${example}, or an expression that gives one.`;
	if (typeof value === 'string') {
		if (value.trim() === '') throw invalidInput(`${label} is empty`, fix);
		try {
			value = JSON.parse(value);
		} catch (error) {
			throw invalidInput(`${label} is not valid JSON: ${(error as Error).message}`, fix);
		}
	}
	const list = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? [value] : undefined;
	if (!list) throw invalidInput(`${label} must be a list, not "${shown(value)}"`, fix);
	list.forEach((entry, index) => {
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw invalidInput(`${label}: entry ${index + 1} must be an object, not "${shown(entry)}"`, fix);
	});
	return list as IDataObject[];
}
