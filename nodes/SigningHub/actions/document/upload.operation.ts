import type { IDataObject } from 'n8n-workflow';

import { invalidInput } from '../../transport';
import { checkInputFile, inputBinaryFieldProperty, isPdf } from '../files';
import { packageIdProperty, packageInput, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';

/**
 * The one rule for `x-file-name`: printable ASCII goes as it is (the vendor's example is
 * `Test file.pdf`), every other character, and `%` itself, percent-encoded as UTF-8 (n8n's
 * HTTP layer would drop it otherwise). That SigningHub decodes it is assumed (README).
 */
export function fileNameHeader(fileName: string): string {
	return fileName.replace(/[^\x20-\x24\x26-\x7e]/gu, (character) => encodeURIComponent(character));
}

export const uploadDocument: Operation<{ packageId: number; field: string; fileName: string }> = {
	resource: 'document',
	value: 'upload',
	name: 'Upload',
	description: "Upload a file from the item's binary data into a draft package",
	action: 'Upload a document',
	properties: [packageIdProperty('The ID of the draft package to upload the document to, e.g. 123'), inputBinaryFieldProperty],
	identifyingInputs: packageInput,
	read({ context, itemIndex }) {
		const packageId = readPackageId(context, itemIndex);
		const { field, fileName } = checkInputFile(context, itemIndex, readText(context, itemIndex, 'binaryPropertyName', 'Input Binary Field'));
		return { packageId, field, fileName };
	},
	async send({ context, itemIndex, client }, { packageId, field, fileName }) {
		const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, field);
		if (bytes.length === 0) {
			throw invalidInput(`The file in the binary field "${field}" is empty`, 'Check the node that made the file: SigningHub takes no empty documents.');
		}
		// SigningHub keeps a PDF as it is and converts other formats (Word and others) when asked.
		const convert: Record<string, string> = isPdf(bytes) ? {} : { 'x-convert-document': 'true' };
		const response = await client.request({
			method: 'POST',
			endpoint: 'documents',
			pathParameters: { packageId },
			headers: { 'x-file-name': fileNameHeader(fileName), 'x-source': 'API', ...convert },
			body: bytes,
			expect: 'jsonObject',
			repeatable: false,
			action: `upload "${fileName}" to package ${packageId}`,
		});
		const uploaded = response.body as IDataObject;
		return { json: { packageId, documentId: uploaded.document_id ?? uploaded.documentid, fileName, ...uploaded } };
	},
};
