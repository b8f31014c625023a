import type { IDataObject } from 'n8n-workflow';

import type { SigningHubClient } from '../../transport';
import { inputBinaryFieldProperty, inputFile } from '../files';
import { packageIdProperty, packageInput, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';

/** HTTP headers carry plain ASCII: other file names go percent-encoded. */
const headerSafe = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : encodeURIComponent(text));

/** Upload Document: a file into a draft package; its document ID and SigningHub's answer. */
export async function uploadFileRequest(client: SigningHubClient, packageId: number, bytes: Buffer, fileName: string): Promise<{ documentId: number; answer: IDataObject }> {
	const response = await client.request({
		method: 'POST',
		endpoint: 'documents',
		pathParameters: { packageId },
		headers: { 'x-file-name': headerSafe(fileName), 'x-source': 'API' },
		body: bytes,
		expect: 'jsonObject',
		repeatable: false,
		action: `upload "${fileName}" to package ${packageId}`,
	});
	const answer = response.body as IDataObject;
	return { documentId: Number(answer.document_id ?? answer.documentid), answer };
}

export const uploadDocument: Operation = {
	resource: 'document',
	value: 'upload',
	name: 'Upload',
	description: "Upload a file from the item's binary data into a draft package",
	action: 'Upload a document',
	properties: [packageIdProperty('The ID of the draft package to upload the document to, e.g. 123'), inputBinaryFieldProperty],
	identifyingInputs: packageInput,
	async execute({ context, itemIndex, client }) {
		const packageId = readPackageId(context, itemIndex);
		const field = readText(context, itemIndex, 'binaryPropertyName', 'Input Binary Field');
		const { bytes, fileName } = await inputFile(context, itemIndex, field);
		const uploaded = await uploadFileRequest(client, packageId, bytes, fileName);
		return { json: { packageId, documentId: uploaded.documentId, fileName, ...uploaded.answer } };
	},
};
