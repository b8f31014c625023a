import { downloadFile, downloadOptions, readDownloadInputs, type DownloadInputs } from '../files';
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
	async send(item, inputs: DownloadInputs & { packageId: number; documentId: number }) {
		const { packageId, documentId } = inputs;
		const request = { method: 'GET' as const, endpoint: 'document' as const, pathParameters: { packageId, documentId }, repeatable: true, action: `download document ${documentId} of package ${packageId}` };
		return await downloadFile(item, inputs, request, `document-${documentId}`, { packageId, documentId });
	},
};
