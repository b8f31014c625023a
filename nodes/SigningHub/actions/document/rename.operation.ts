import type { IDataObject } from 'n8n-workflow';

import { readText } from '../parameters';
import type { Operation } from '../types';
import { documentInputs, documentProperties, readDocument } from './documentCall';

export const renameDocument: Operation = {
	resource: 'document',
	value: 'rename',
	name: 'Rename',
	description: 'Give a document of a package a new name',
	action: 'Rename a document',
	agent: {
		does: 'Renames one document of a SigningHub package. Needs the package ID, the document ID (Package > Get Documents gives it) and the new name. Returns the IDs and the new name.',
		changes: "the document's name, which its recipients see",
	},
	properties: [
		...documentProperties('rename'),
		{ displayName: 'New Name', name: 'documentName', type: 'string', required: true, default: '', placeholder: 'Contract ACME.pdf', description: 'The name the document gets' },
	],
	identifyingInputs: documentInputs,
	read: ({ context, itemIndex }) => ({ ...readDocument(context, itemIndex), documentName: readText(context, itemIndex, 'documentName', 'New Name') }),
	async send({ client }, { packageId, documentId, documentName }) {
		const response = await client.request({
			method: 'PUT',
			endpoint: 'document',
			pathParameters: { packageId, documentId },
			body: { document_name: documentName },
			expect: 'emptyOrJson',
			repeatable: true,
			action: `rename document ${documentId} of package ${packageId}`,
		});
		return { json: { packageId, documentId, documentName, ...((response.body ?? {}) as IDataObject), renamed: true } };
	},
};
