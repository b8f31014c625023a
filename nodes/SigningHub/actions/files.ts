import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Answer } from '../transport';
import { InvalidInputError } from './types';

/** The name of the binary field a file goes into or comes from, as n8n's file nodes call it. */
export function binaryFieldOption(displayName: string, description: string): INodeProperties {
	return { displayName, name: 'binaryPropertyName', type: 'string', default: 'data', description };
}

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
 * A file answer as an output item: the bytes in the binary field (through n8n's helper, so
 * n8n's filesystem and database binary modes work), and what they are in the JSON.
 */
export async function fileItem(
	item: { n8n: IExecuteFunctions; itemIndex: number; options: { chosen: IDataObject } },
	answer: Answer,
	fallbackName: string,
	json: IDataObject,
): Promise<INodeExecutionData> {
	const field = String(item.options.chosen.binaryPropertyName ?? '').trim() || 'data';
	const fileName = fileNameOf(answer.headers) ?? fallbackName;
	const mimeType = String(answer.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim();
	const binary = await item.n8n.helpers.prepareBinaryData(answer.body as Buffer, fileName, mimeType);
	return { json: { ...json, fileName, mimeType, fileSize: (answer.body as Buffer).length }, binary: { [field]: binary } };
}

/** The input file of an item: its bytes and file name, from the binary field the user named. */
export async function inputFile(n8n: IExecuteFunctions, itemIndex: number, field: string): Promise<{ bytes: Buffer; fileName: string }> {
	const binary = n8n.getInputData()[itemIndex]?.binary?.[field];
	if (!binary) {
		const present = Object.keys(n8n.getInputData()[itemIndex]?.binary ?? {});
		throw new InvalidInputError(
			`The input item has no file in the binary field "${field}"`,
			present.length
				? `Set Input Binary Field to one of: ${present.join(', ')}.`
				: 'Put a file in the item first, e.g. with the Read/Write Files from Disk or HTTP Request node, and name its field in Input Binary Field.',
		);
	}
	const bytes = await n8n.helpers.getBinaryDataBuffer(itemIndex, field);
	return { bytes, fileName: binary.fileName ?? `document.${binary.fileExtension ?? 'pdf'}` };
}
