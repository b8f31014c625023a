import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { CONFIG_FAILURE, invalidInput, SigningHubError, type RequestSpec, type StoredFile } from '../transport';
import type { ItemContext } from './types';
import { readOption } from './parameters';

const DEFAULT_BINARY_FIELD = 'data';

/** The option naming the binary field a downloaded file goes into, as n8n's file nodes call it. */
export const outputBinaryFieldOption: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: DEFAULT_BINARY_FIELD,
	description: 'The name of the binary field to put the file in',
};

/** The field that holds the file to upload, as n8n's file nodes call it. */
export const inputBinaryFieldProperty: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: DEFAULT_BINARY_FIELD,
	description: 'The name of the binary field that holds the file to upload',
};

/** The file name SigningHub gave in Content-Disposition, if any. */
function fileNameOf(headers: IDataObject): string | undefined {
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

/**
 * Downloads a file into the item's chosen binary field: SigningHub's answer streams into n8n's
 * binary store (filesystem, S3, Azure or database mode) as it arrives, never held whole here.
 * A file that breaks off or passes the limit fails the item, and n8n keeps nothing of it.
 */
export async function downloadFile(
	{ context, itemIndex, client }: ItemContext,
	request: Omit<RequestSpec, 'expect'>,
	fallbackName: string,
	json: IDataObject,
): Promise<INodeExecutionData> {
	const field = String(readOption(context, itemIndex, 'binaryPropertyName') ?? DEFAULT_BINARY_FIELD).trim();
	return await client.receiveFile(request, async ({ stream, headers, received }) => {
		const fileName = fileNameOf(headers) ?? fallbackName;
		const mimeType = String(headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
		const binary = await context.helpers.prepareBinaryData(stream, fileName, mimeType);
		return { json: { ...json, fileName, mimeType, fileSize: received() }, binary: { [field]: binary } };
	});
}

/**
 * The input file of an item, from the binary field the user named: a file in n8n's binary store
 * goes as a stream, opened for each try; an inline one (n8n's memory mode) as its bytes.
 */
export async function inputFile(context: IExecuteFunctions, itemIndex: number, field: string): Promise<{ body: Buffer | StoredFile; fileName: string }> {
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
	const fileName = binary.fileName ?? `document.${binary.fileExtension ?? 'pdf'}`;
	const empty = () => invalidInput(`The file in the binary field "${field}" is empty`, 'Check the node that made the file: SigningHub takes no empty documents.');
	const { id } = binary;
	if (!id) {
		const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, field);
		if (bytes.length === 0) throw empty();
		return { body: bytes, fileName };
	}
	const unreadable = (error: unknown) =>
		new SigningHubError({
			...CONFIG_FAILURE,
			message: `Could not read the file in the binary field "${field}" from n8n's binary data storage`,
			description: `n8n said: ${error instanceof Error ? error.message : String(error)}. Check that the node before this one still has the file.`,
		});
	const { fileSize } = await context.helpers.getBinaryMetadata(id).catch((error: unknown) => {
		throw unreadable(error);
	});
	if (!fileSize) throw empty();
	return {
		body: { size: fileSize, open: async () => await context.helpers.getBinaryStream(id).catch((error: unknown) => Promise.reject(unreadable(error))) },
		fileName,
	};
}
