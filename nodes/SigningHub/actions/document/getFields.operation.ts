import { readDocumentFields } from '../../reads';
import { checkChoice, inputsNamed, packageIdProperty, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';
import { documentIdProperty, documentSummary, fieldSummary, readDocumentId } from './documentFields';

const OUTPUTS = ['FIELD', 'DOCUMENT'];

export const getFields: Operation<{ packageId: number; documentId?: number; output: string }> = {
	resource: 'document',
	value: 'getFields',
	name: 'Get Fields',
	description: "Read a document's fields: the values typed or filled in, and who signed each signature field, when, with its verification",
	action: "Get a document's fields",
	agent: {
		does: "Reads the fields of a document in a SigningHub package: the values of its text, checkbox, radio, dropdown and list fields, and for each signature field who signed, when, and SigningHub's verification. Needs the package ID (and a document ID, else the first document).",
	},
	properties: [
		packageIdProperty('The ID of the package, e.g. 123'),
		documentIdProperty,
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'FIELD',
			options: [
				{ name: 'One Item per Field', value: 'FIELD', description: 'Each field as its own item: name, type, value or signature' },
				{ name: 'One Item per Document', value: 'DOCUMENT', description: 'The values by field name and the signatures in one item, ready to write to a CRM record' },
			],
		},
	],
	identifyingInputs: inputsNamed('packageId', 'documentId'),
	read(item) {
		const { context, itemIndex } = item;
		return {
			packageId: readPackageId(context, itemIndex),
			documentId: readDocumentId(item),
			output: checkChoice(readText(context, itemIndex, 'output', 'Output'), 'Output', OUTPUTS),
		};
	},
	async send({ client }, { packageId, documentId, output }) {
		const document = await readDocumentFields(client, packageId, documentId);
		const about = { packageId, documentId: document.documentId, documentName: document.documentName };
		if (output === 'DOCUMENT') return { json: { ...about, ...documentSummary(document), fields: document.fields.map((field) => fieldSummary(field)) } };
		return document.fields.map((field) => ({ json: { ...about, ...fieldSummary(field) } }));
	},
};
