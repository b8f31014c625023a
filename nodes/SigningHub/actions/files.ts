import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { invalidInput, type Answer } from '../transport';
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
 * A file answer as an output item: the bytes in the item's chosen binary field (through n8n's
 * helper, so n8n's filesystem and database binary modes work), and what they are in the JSON.
 */
export async function fileItem(
	{ context, itemIndex }: { context: IExecuteFunctions; itemIndex: number },
	response: Answer,
	fallbackName: string,
	json: IDataObject,
): Promise<INodeExecutionData> {
	const field = String(readOption(context, itemIndex, 'binaryPropertyName') ?? DEFAULT_BINARY_FIELD).trim();
	const fileName = fileNameOf(response.headers) ?? fallbackName;
	const mimeType = String(response.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
	const binary = await context.helpers.prepareBinaryData(response.body as Buffer, fileName, mimeType);
	return { json: { ...json, fileName, mimeType, fileSize: (response.body as Buffer).length }, binary: { [field]: binary } };
}

/** The input file of an item: its bytes and file name, from the binary field the user named. */
export async function inputFile(context: IExecuteFunctions, itemIndex: number, field: string): Promise<{ bytes: Buffer; fileName: string }> {
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
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, field);
	if (bytes.length === 0) {
		throw invalidInput(`The file in the binary field "${field}" is empty`, 'Check the node that made the file: SigningHub takes no empty documents.');
	}
	return { bytes, fileName: binary.fileName ?? `document.${binary.fileExtension ?? 'pdf'}` };
}
