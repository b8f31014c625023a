import type { ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { FILLABLE_FIELD_KINDS, readDocumentFields } from '../reads';
import { SigningHubClient } from '../transport';

const wholeNumber = (value: unknown) => (/^\d+$/.test(String(value ?? '').trim()) ? Number(value) : undefined);

/** The editor's list of a document's fields that Fill Fields can set, read from SigningHub. */
export async function getFillableFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const packageId = wholeNumber(this.getCurrentNodeParameter('packageId'));
	const rawDocumentId = this.getCurrentNodeParameter('documentId');
	const documentId = wholeNumber(rawDocumentId);
	if (!packageId || (String(rawDocumentId ?? '').trim() !== '' && !documentId)) {
		return {
			fields: [],
			emptyFieldsNotice: "Type a Package ID (and a Document ID, or none for the first document) as numbers to list the document's fields, or map the item's fields automatically, or use JSON.",
		};
	}
	const document = await readDocumentFields(await SigningHubClient.create(this), packageId, documentId);
	const fields = document.fields
		.filter(({ kind }) => FILLABLE_FIELD_KINDS.includes(kind))
		.map(({ kind, field }): ResourceMapperField => {
			const name = String(field.field_name);
			const choices = (field.choices ?? []) as string[];
			const group = field.radio_group_name ? `, group ${field.radio_group_name}` : '';
			return {
				id: name,
				displayName: `${name} (${kind}${group})`,
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				type: kind === 'radio' || kind === 'checkbox' ? 'boolean' : choices.length > 0 ? 'options' : 'string',
				...(choices.length > 0 ? { options: choices.map((choice) => ({ name: choice, value: choice })) } : {}),
			};
		});
	return { fields };
}
