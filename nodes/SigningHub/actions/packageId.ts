import type { GenericValue, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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

/** The Package ID as the user gave it, for error payloads. */
export function rawPackageId(context: IExecuteFunctions, itemIndex: number): GenericValue {
	try {
		return context.getNodeParameter('packageId', itemIndex, '') as GenericValue;
	} catch {
		return null;
	}
}

function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Package IDs are positive whole numbers; anything else would change the request's path. */
export function readPackageId(context: IExecuteFunctions, itemIndex: number): number {
	const value: unknown = context.getNodeParameter('packageId', itemIndex, '');
	const fix = 'Set Package ID to the number SigningHub shows for the package, e.g. 123, or map a field that holds it.';
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw new InvalidInputError('Package ID is empty', fix);
	}
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d+$/.test(text)) {
		throw new InvalidInputError(`Package ID must be a positive whole number, not "${shown(value)}"`, fix);
	}
	const packageId = Number(text);
	if (packageId < 1 || !Number.isSafeInteger(packageId)) {
		throw new InvalidInputError(`Package ID must be a positive whole number, not "${shown(value)}"`, fix);
	}
	return packageId;
}
