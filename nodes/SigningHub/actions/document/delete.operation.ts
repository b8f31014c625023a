import type { IDataObject } from 'n8n-workflow';

import type { Operation } from '../types';
import { documentInputs, documentProperties, readDocument } from './documentCall';

export const deleteDocument: Operation = {
	resource: 'document',
	value: 'delete',
	name: 'Delete',
	description: 'Delete one document of a package',
	action: 'Delete a document',
	agent: {
		does: 'Deletes one document from a SigningHub package. Needs the package ID and the document ID (Package > Get Documents gives it). Returns the IDs and deleted: true.',
		changes: 'removes the document and its fields from the package',
		destructive: true,
		final: true,
	},
	properties: documentProperties('delete'),
	identifyingInputs: documentInputs,
	read: ({ context, itemIndex }) => readDocument(context, itemIndex),
	async send({ client }, { packageId, documentId }) {
		const response = await client.request({
			method: 'DELETE',
			endpoint: 'document',
			pathParameters: { packageId, documentId },
			expect: 'emptyOrJson',
			repeatable: false,
			action: `delete document ${documentId} of package ${packageId}`,
		});
		return { json: { packageId, documentId, ...((response.body ?? {}) as IDataObject), deleted: true } };
	},
};
