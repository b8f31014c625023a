import { fileItem, outputBinaryFieldOption } from '../files';
import type { Operation } from '../types';
import { documentInputs, documentProperties, readDocument } from './documentCall';

export const downloadDocument: Operation = {
	resource: 'document',
	value: 'download',
	name: 'Download',
	description: 'Download one document of a package (not a draft), signed once the package is completed',
	action: 'Download a document',
	properties: documentProperties('download'),
	options: [outputBinaryFieldOption],
	identifyingInputs: documentInputs,
	async execute(item) {
		const { packageId, documentId } = readDocument(item.context, item.itemIndex);
		const response = await item.client.request({
			method: 'GET',
			endpoint: 'document',
			pathParameters: { packageId, documentId },
			expect: 'file',
			repeatable: true,
			action: `download document ${documentId} of package ${packageId}`,
		});
		return await fileItem(item, response, `document-${documentId}.pdf`, { packageId, documentId });
	},
};
