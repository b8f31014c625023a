import type { GenericValue, IDataObject, IExecuteFunctions, INodeParameters, INodeProperties } from 'n8n-workflow';

import { InvalidInputError } from './types';

export function packageIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Package ID',
		name: 'packageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123',
		description,
	};
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

/** `{{ $json.a.b }}` and nothing else: the most common mapping, read without an expression engine. */
const PLAIN_FIELD_REFERENCE = /^=\s*\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}\s*$/;

/** A field of a plain data object, or undefined when it is inherited, a getter, or absent. */
function ownDataProperty(value: unknown, key: string): { value: unknown } | undefined {
	if (value === null || typeof value !== 'object') return undefined;
	const descriptor = Object.getOwnPropertyDescriptor(value, key);
	return descriptor && 'value' in descriptor ? { value: descriptor.value } : undefined;
}

/**
 * A parameter's value for one item. n8n evaluates each expression in a sandbox, which costs
 * more than the request itself at volume (about 1 ms an item in n8n 2.40); a plain reference
 * to a field the item holds gives the same value read directly. Anything else (a missing or
 * inherited field, such as `$json.constructor`) goes through n8n's expression engine.
 */
export function itemParameter(context: IExecuteFunctions, name: string, itemIndex: number): unknown {
	let raw: unknown = rawParameters(context);
	for (const key of name.split('.')) raw = (raw as INodeParameters | undefined)?.[key];
	const reference = typeof raw === 'string' ? PLAIN_FIELD_REFERENCE.exec(raw) : null;
	if (reference) {
		let field: { value: unknown } | undefined = { value: context.getInputData()[itemIndex]?.json };
		for (const key of reference[1].slice(1).split('.')) {
			field = field && ownDataProperty(field.value, key);
		}
		if (field) return field.value;
	}
	return context.getNodeParameter(name, itemIndex, '');
}

/** The item's values of some fields as the user gave them, for its error payload. */
export function identifyBy(...names: string[]) {
	return (context: IExecuteFunctions, itemIndex: number): IDataObject => {
		const given: IDataObject = {};
		for (const name of names) {
			try {
				given[name] = (itemParameter(context, name, itemIndex) ?? null) as GenericValue;
			} catch {
				// an expression that cannot be evaluated: its error is the item's error already
				given[name] = null;
			}
		}
		return given;
	};
}

/** The Package ID as the user gave it, for error payloads. */
export const identifyPackage = identifyBy('packageId');

function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** IDs are positive whole numbers; anything else would change the request's path. */
export function readId(context: IExecuteFunctions, itemIndex: number, name: string, label: string): number {
	const value = itemParameter(context, name, itemIndex);
	const fix = `Set ${label} to the number SigningHub shows, e.g. 123, or map a field that holds it.`;
	if (isEmpty(value)) throw new InvalidInputError(`${label} is empty`, fix);
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const id = Number(text);
	if (!/^\d+$/.test(text) || id < 1 || !Number.isSafeInteger(id)) {
		throw new InvalidInputError(`${label} must be a positive whole number, not "${shown(value)}"`, fix);
	}
	return id;
}

export function readPackageId(context: IExecuteFunctions, itemIndex: number): number {
	return readId(context, itemIndex, 'packageId', 'Package ID');
}

/** A text field: trimmed, and required unless said otherwise. */
export function readText(context: IExecuteFunctions, itemIndex: number, name: string, label: string, required = true): string {
	const value = itemParameter(context, name, itemIndex);
	if (isEmpty(value)) {
		if (!required) return '';
		throw new InvalidInputError(`${label} is empty`, `Set ${label}, or map a field that holds it.`);
	}
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new InvalidInputError(`${label} must be text, not "${shown(value)}"`, `Set ${label} to text, or map a field that holds text.`);
	}
	return String(value).trim();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(value: string, label: string): string {
	if (!EMAIL.test(value)) {
		throw new InvalidInputError(`${label} must be an email address, not "${shown(value)}"`, `Set ${label} to the user's email, e.g. name@example.com.`);
	}
	return value;
}
