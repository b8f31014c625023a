import { downloadOptions, fileItem, readDownloadInputs, type DownloadInputs } from '../files';
import type { Operation } from '../types';
import { documentInputs, documentProperties, readDocument } from './documentCall';

export const downloadDocument: Operation = {
	resource: 'document',
	value: 'download',
	name: 'Download',
	description: 'Download one document of a package (not a draft), signed once the package is completed',
	action: 'Download a document',
	properties: documentProperties('download'),
	options: downloadOptions,
	identifyingInputs: documentInputs,
	read: ({ context, itemIndex }) => ({ ...readDocument(context, itemIndex), ...readDownloadInputs(context, itemIndex) }),
	async send({ context, client }, inputs: DownloadInputs & { packageId: number; documentId: number }) {
		const { packageId, documentId, maxBytes } = inputs;
		const response = await client.request({
			method: 'GET',
			endpoint: 'document',
			pathParameters: { packageId, documentId },
			expect: 'file',
			repeatable: true,
			action: `download document ${documentId} of package ${packageId}`,
			maxBytes,
		});
		return await fileItem(context, inputs, response, `document-${documentId}`, { packageId, documentId });
	},
};
