import type { IDataObject } from 'n8n-workflow';

import { binaryFieldOption, inputFile } from '../files';
import { identifyPackage, packageIdProperty, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';

/** HTTP headers carry plain ASCII: other file names go percent-encoded. */
const headerSafe = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : encodeURIComponent(text));

const binaryField = binaryFieldOption('Input Binary Field', 'The name of the binary field that holds the file to upload');

export const uploadDocument: Operation = {
	resource: 'document',
	value: 'upload',
	name: 'Upload',
	description: "Upload a file from the item's binary data into a draft package",
	action: 'Upload a document',
	properties: [packageIdProperty('The ID of the draft package to upload the document to, e.g. 123'), { ...binaryField, required: true }],
	identify: identifyPackage,
	async execute({ n8n, itemIndex, client }) {
		const packageId = readPackageId(n8n, itemIndex);
		const field = readText(n8n, itemIndex, 'binaryPropertyName', 'Input Binary Field');
		const { bytes, fileName } = await inputFile(n8n, itemIndex, field);
		const answer = await client.request({
			method: 'POST',
			endpoint: 'documents',
			pathParameters: { packageId },
			headers: { 'x-file-name': headerSafe(fileName), 'x-source': 'API' },
			body: bytes,
			expect: 'jsonObject',
			repeatable: false,
			action: `upload "${fileName}" to package ${packageId}`,
		});
		const uploaded = answer.body as IDataObject;
		return { json: { packageId, documentId: uploaded.document_id ?? uploaded.documentid, fileName, ...uploaded } };
	},
};
