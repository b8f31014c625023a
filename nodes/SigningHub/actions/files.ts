import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { fileTypeFromMimeType } from 'n8n-workflow';

import { CONFIG_FAILURE, firstBytesOf, invalidInput, MEGABYTE, SigningHubError, type RequestSpec, type StoredFile } from '../transport';
import { checkWholeNumber, readOption } from './parameters';
import type { ItemContext } from './types';

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
 * or hostile server could fill n8n's binary storage (its memory in the database mode); the
 * transport stops the stream past this size.
 */
const DEFAULT_MAX_FILE_SIZE_MB = 1000;

export const maxFileSizeOption: INodeProperties = {
	displayName: 'Max File Size (MB)',
	name: 'maxFileSize',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_FILE_SIZE_MB,
	description: `The largest file to accept, in megabytes of 1,000,000 bytes (default ${DEFAULT_MAX_FILE_SIZE_MB}, i.e. 1 GB): a larger one fails its item and nothing of it is kept. Files stream into n8n's binary data storage as they arrive, so a large limit costs no memory.`,
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
	return { field, maxBytes: maxFileSize * MEGABYTE };
}

/** Characters that must not reach a file name: controls, and those that reorder or hide text. */
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cs}\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;
/** Characters Windows refuses in a file name: each becomes "_". */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
/** Names Windows keeps for devices, with any extension ("CON.pdf" opens the console): they get a "_". */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?=\s*(\.|$))/i;
/** The longest name most file systems take (ext4, APFS, and NTFS's 255 UTF-16 units at the least). */
const MAX_NAME_BYTES = 255;

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** The longest start of `text` within `maxBytes` of UTF-8 that ends between two characters (as a reader sees them, e.g. a whole emoji). */
function shortened(text: string, maxBytes: number): string {
	let kept = '';
	for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
		if (utf8Bytes(kept + segment) > maxBytes) break;
		kept += segment;
	}
	return kept;
}

/**
 * A file name every system accepts, safe to hand on: its last path segment only, without control
 * or bidirectional characters, Windows' forbidden characters as "_", no trailing dots or spaces,
 * not a Windows device name, at most 255 bytes of UTF-8 (shortened by whole characters, the
 * extension kept); undefined when nothing usable is left.
 */
export function safeBaseName(name: string | undefined): string | undefined {
	const withoutTrailing = (text: string) => text.replace(/[. ]+$/u, '');
	const segment = (name ?? '').replace(UNSAFE_CHARACTERS, '').split(/[/\\]/).pop() ?? '';
	const base = withoutTrailing(segment.replace(WINDOWS_FORBIDDEN, '_').trim()).replace(WINDOWS_RESERVED, '$1_');
	if (base === '' || /^\.+$/.test(base)) return undefined;
	if (utf8Bytes(base) <= MAX_NAME_BYTES) return base;
	const extension = /\.[^.]{1,10}$/u.exec(base)?.[0] ?? '';
	const stem = withoutTrailing(shortened(base.slice(0, base.length - extension.length), MAX_NAME_BYTES - utf8Bytes(extension)));
	return stem === '' ? undefined : `${stem}${extension}`;
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

/** The name and type of a downloaded file, from the answer's headers and first bytes. */
function describeFile(headers: IDataObject, head: Buffer, fallbackName: string): { fileName: string; mimeType: string } {
	const sentType = String(headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	const mimeType = EXTENSIONS[sentType] ? sentType : (sniffedType(head) ?? (sentType || 'application/octet-stream'));
	const name = safeBaseName(dispositionName(headers)) ?? fallbackName;
	return { fileName: /\.[^.]+$/.test(name) ? name : `${name}${EXTENSIONS[mimeType] ?? ''}`, mimeType };
}

/**
 * Downloads a file into the item's chosen binary field: SigningHub's answer streams into n8n's
 * binary storage as it arrives, never held whole here, and stops at Max File Size. A file that
 * breaks off or passes the limit fails the item, and n8n keeps nothing of it. The name is
 * SigningHub's, made safe, or `fallbackName`; without an extension it gets the type's (.pdf for
 * one document, .zip for several); an answer typed only as bytes is typed by its first bytes.
 */
export async function downloadFile(
	{ context, client }: ItemContext,
	{ field, maxBytes }: DownloadInputs,
	request: Omit<RequestSpec, 'expect' | 'maxBytes'>,
	fallbackName: string,
	json: IDataObject,
): Promise<INodeExecutionData> {
	return await client.receiveFile({ ...request, maxBytes }, async (file) => {
		const provisional = describeFile(file.headers, Buffer.alloc(0), fallbackName);
		const stored = await context.helpers.prepareBinaryData(file.stream, provisional.fileName, provisional.mimeType);
		// The first bytes are known only once the file is in: its name and type follow them then.
		const { fileName, mimeType } = describeFile(file.headers, file.head(), fallbackName);
		const binary: IBinaryData = { ...stored, fileName, mimeType, fileType: fileTypeFromMimeType(mimeType), fileExtension: /\.([^.]+)$/.exec(fileName)?.[1] ?? stored.fileExtension };
		return { json: { ...json, fileName, mimeType, fileSize: file.received() }, binary: { [field]: binary } };
	});
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

/** The most bytes `isPdf` looks at. */
const HEAD_BYTES = 1024;

/**
 * The file of an item to upload, from the field `checkInputFile` accepted, with its first bytes:
 * a file in n8n's binary storage goes as a stream, opened afresh for each try; an inline one
 * (n8n's in-memory mode) as its bytes. An empty file is refused before any request.
 */
export async function fileToSend(context: IExecuteFunctions, itemIndex: number, field: string): Promise<{ body: Buffer | StoredFile; head: Buffer }> {
	const empty = () => invalidInput(`The file in the binary field "${field}" is empty`, 'Check the node that made the file: SigningHub takes no empty documents.');
	const id = context.getInputData()[itemIndex]?.binary?.[field]?.id;
	if (!id) {
		const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, field);
		if (bytes.length === 0) throw empty();
		return { body: bytes, head: bytes.subarray(0, HEAD_BYTES) };
	}
	const unreadable = (error: unknown) =>
		new SigningHubError({
			...CONFIG_FAILURE,
			message: `Could not read the file in the binary field "${field}" from n8n's binary data storage`,
			description: `n8n said: ${error instanceof Error ? error.message : String(error)}. Check that the node before this one still has the file.`,
		});
	const { fileSize } = await context.helpers.getBinaryMetadata(id).catch((error: unknown) => Promise.reject(unreadable(error)));
	if (!fileSize) throw empty();
	const file: StoredFile = { size: fileSize, open: async () => await context.helpers.getBinaryStream(id).catch((error: unknown) => Promise.reject(unreadable(error))) };
	// Read on their own: the upload opens the file again.
	return { body: file, head: await firstBytesOf(await file.open(), HEAD_BYTES) };
}
