import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { invalidInput, type Answer } from '../transport';
import { checkWholeNumber, readOption } from './parameters';

const DEFAULT_BINARY_FIELD = 'data';

/** The option naming the binary field a downloaded file goes into, as n8n's file nodes call it. */
export const outputBinaryFieldOption: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: DEFAULT_BINARY_FIELD,
	description: 'The name of the binary field to put the file in',
};

/**
 * The one limit on a downloaded file. n8n's request layer takes answers of any size, so a broken
 * or hostile server could fill n8n's memory; the transport stops receiving past this size.
 */
const DEFAULT_MAX_FILE_SIZE_MB = 100;
const BYTES_PER_MB = 1024 * 1024;

export const maxFileSizeOption: INodeProperties = {
	displayName: 'Max File Size (MB)',
	name: 'maxFileSize',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_FILE_SIZE_MB,
	description: `The largest file to accept, in megabytes (default ${DEFAULT_MAX_FILE_SIZE_MB}): a larger one fails its item and is not kept. Downloads are held in memory, up to Parallel Requests at once.`,
};

/** The download options every file operation has. */
export const downloadOptions = [outputBinaryFieldOption, maxFileSizeOption];

/** Where a downloaded file goes, and how large it may be, for one item. */
export interface DownloadInputs {
	field: string;
	maxBytes: number;
}

export function readDownloadInputs(context: IExecuteFunctions, itemIndex: number): DownloadInputs {
	const field = String(readOption(context, itemIndex, outputBinaryFieldOption) ?? DEFAULT_BINARY_FIELD).trim();
	const megabytes = readOption(context, itemIndex, maxFileSizeOption);
	const maxFileSize = megabytes === undefined ? DEFAULT_MAX_FILE_SIZE_MB : checkWholeNumber(megabytes, maxFileSizeOption.displayName, 1);
	return { field, maxBytes: maxFileSize * BYTES_PER_MB };
}

/** Characters that must not reach a file name: controls, and those that reorder or hide text. */
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cs}\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;
const MAX_NAME_LENGTH = 200;

/**
 * A file name safe to hand on: its last path segment only, without control or bidirectional
 * characters, not "." or "..", at most 200 characters (the extension kept); undefined when
 * nothing usable is left.
 */
export function safeBaseName(name: string | undefined): string | undefined {
	const base = (name ?? '').replace(UNSAFE_CHARACTERS, '').split(/[/\\]/).pop()?.trim() ?? '';
	if (base === '' || /^\.+$/.test(base)) return undefined;
	if (base.length <= MAX_NAME_LENGTH) return base;
	const extension = /\.[^.]{1,10}$/.exec(base)?.[0] ?? '';
	return `${base.slice(0, MAX_NAME_LENGTH - extension.length)}${extension}`;
}

/** The file name SigningHub gave in Content-Disposition, if any. */
function dispositionName(headers: IDataObject): string | undefined {
	const disposition = String(headers['content-disposition'] ?? '');
	const encoded = /filename\*\s*=\s*[^']*''([^;]+)/i.exec(disposition);
	if (encoded) {
		try {
			return decodeURIComponent(encoded[1].trim());
		} catch {
			// a malformed encoded name: the plain one below, or the fallback
		}
	}
	const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
	return plain ? plain[1].trim() : undefined;
}

const EXTENSIONS: Record<string, string> = {
	'application/pdf': '.pdf',
	'application/zip': '.zip',
	'application/x-zip-compressed': '.zip',
	'application/xml': '.xml',
	'text/xml': '.xml',
};

/** The type of a file from its first bytes, for an answer typed only as bytes. */
function sniffedType(bytes: Buffer): string | undefined {
	if (bytes.subarray(0, 1024).includes('%PDF-')) return 'application/pdf';
	if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'application/zip';
	return undefined;
}

/** Whether the bytes are a PDF (its header within the first 1024 bytes, as PDF readers accept). */
export function isPdf(bytes: Buffer): boolean {
	return sniffedType(bytes) === 'application/pdf';
}

/**
 * A file answer as an output item: the bytes in the item's chosen binary field (through n8n's
 * helper, so n8n's filesystem and database binary modes work), and what they are in the JSON.
 * The name is SigningHub's, made safe, or `fallbackName`; without an extension it gets the
 * type's (.pdf for one document, .zip for several).
 */
export async function fileItem(
	context: IExecuteFunctions,
	{ field }: DownloadInputs,
	response: Answer,
	fallbackName: string,
	json: IDataObject,
): Promise<INodeExecutionData> {
	const bytes = response.body as Buffer;
	const sentType = String(response.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	const mimeType = EXTENSIONS[sentType] ? sentType : (sniffedType(bytes) ?? (sentType || 'application/octet-stream'));
	const name = safeBaseName(dispositionName(response.headers)) ?? fallbackName;
	const fileName = /\.[^.]+$/.test(name) ? name : `${name}${EXTENSIONS[mimeType] ?? ''}`;
	const binary = await context.helpers.prepareBinaryData(bytes, fileName, mimeType);
	return { json: { ...json, fileName, mimeType, fileSize: bytes.length }, binary: { [field]: binary } };
}

/** The field that holds the file to upload, as n8n's file nodes call it. */
export const inputBinaryFieldProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: DEFAULT_BINARY_FIELD,
	description: 'The name of the binary field that holds the file to upload',
};

/** The input file of an item, checked without reading its content: its field and safe file name. */
export function checkInputFile(context: IExecuteFunctions, itemIndex: number, field: string): { field: string; fileName: string } {
	const binary = context.getInputData()[itemIndex]?.binary?.[field];
	if (!binary) {
		const present = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
		throw invalidInput(
			`The input item has no file in the binary field "${field}"`,
			present.length
				? `Set Input Binary Field to one of: ${present.join(', ')}.`
				: 'Put a file in the item first, e.g. with the Read/Write Files from Disk or HTTP Request node, and name its field in Input Binary Field.',
		);
	}
	return { field, fileName: safeBaseName(binary.fileName) ?? `document.${binary.fileExtension ?? 'pdf'}` };
}
