import type { IDataObject } from 'n8n-workflow';

import { readWorkflowDetails } from '../../reads';
import { packageIdProperty, packageInput, readPackageId } from '../parameters';
import type { Operation } from '../types';

export const getDocuments: Operation = {
	resource: 'package',
	value: 'getDocuments',
	name: 'Get Documents',
	description: "List a package's documents with their IDs, one item per document",
	action: 'Get the documents of a package',
	agent: {
		does: "Lists the documents of a SigningHub package: each document's ID, name, size, pages and dates. Needs the package ID. Returns one item per document; the document IDs are what the Document operations need.",
	},
	properties: [packageIdProperty('The ID of the package whose documents to list, e.g. 123')],
	identifyingInputs: packageInput,
	read: ({ context, itemIndex }) => ({ packageId: readPackageId(context, itemIndex) }),
	async send({ client }, { packageId }) {
		const documents = ((await readWorkflowDetails(client, packageId)).documents ?? []) as IDataObject[];
		return documents.map((document) => ({ json: { packageId, documentId: document.document_id ?? document.id, ...document } }));
	},
};
