import { findDocument } from '../../reads';
import { inputsNamed, packageIdProperty, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';
import { documentIdProperty, readDocumentId } from './documentFields';

export const deleteField: Operation<{ packageId: number; documentId?: number; fieldName: string }> = {
	resource: 'document',
	value: 'deleteField',
	name: 'Delete Field',
	description: 'Remove a field, by its name, from a document of a draft package',
	action: 'Delete a field from a document',
	agent: {
		does: "Removes one field (signature, text, checkbox, radio, QR code, ...) by its name from a document of a draft SigningHub package. Needs the package ID and the field name (Document > Get Fields lists them). Returns deleted: true.",
		changes: "the document's fields: the field is gone (add it again with Add Field); nobody is notified",
		destructive: true,
		final: true,
	},
	properties: [
		packageIdProperty('The ID of the draft package, e.g. 123'),
		documentIdProperty,
		{ displayName: 'Field Name', name: 'fieldName', type: 'string', required: true, default: '', placeholder: 'signature_1', description: 'The name of the field to remove, as Document > Get Fields shows it' },
	],
	identifyingInputs: inputsNamed('packageId', 'documentId', 'fieldName'),
	read: (item) => ({ packageId: readPackageId(item.context, item.itemIndex), documentId: readDocumentId(item), fieldName: readText(item.context, item.itemIndex, 'fieldName', 'Field Name') }),
	async send({ client }, { packageId, documentId: given, fieldName }) {
		const documentId = given ?? (await findDocument(client, packageId)).documentId;
		await client.request({
			method: 'DELETE',
			endpoint: 'documentField',
			pathParameters: { packageId, documentId },
			body: { field_name: fieldName },
			expect: 'emptyOrJson',
			repeatable: false,
			action: `delete the field "${fieldName}" of document ${documentId} of package ${packageId}`,
		});
		return { json: { packageId, documentId, fieldName, deleted: true } };
	},
};
