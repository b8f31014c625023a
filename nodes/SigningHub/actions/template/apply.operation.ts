import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readWorkflowDetails } from '../../reads';
import { invalidInput, type SigningHubClient } from '../../transport';
import { packageIdProperty, packageInput, readId, readOption, readPackageId } from '../parameters';
import type { Operation } from '../types';

/** The Template field: from SigningHub's list, or by name. */
export const templateProperty: INodeProperties = {
	displayName: 'Template',
	name: 'templateName',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchTemplates', searchable: true } },
		{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'Sales contract' },
	],
	description: 'The workflow template, as named in SigningHub',
};

/** The item's template name, from the list or as typed. */
export function readTemplateName(context: IExecuteFunctions, itemIndex: number): string {
	const templateName = String(context.getNodeParameter('templateName', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (templateName === '') throw invalidInput('Template is empty', 'Choose a template from the list, or type its name.');
	return templateName;
}

/** Apply Workflow Template to one document, or with document 0 (v4) to every document. */
export async function applyTemplateRequest(client: SigningHubClient, packageId: number, templateName: string, documentId: number): Promise<void> {
	await client.request({
		method: 'POST',
		endpoint: 'applyTemplate',
		pathParameters: { packageId, documentId },
		body: { template_name: templateName, apply_to_all: documentId === 0 },
		expect: 'emptyOrJson',
		repeatable: false,
		action: `apply the template "${templateName}" to package ${packageId}`,
	});
}

export const applyTemplate: Operation = {
	resource: 'template',
	value: 'apply',
	name: 'Apply',
	description: "Apply a workflow template (its recipients and fields) to a draft package's documents",
	action: 'Apply a template',
	toolDescription:
		"Applies a SigningHub workflow template (its recipients, fields and settings) to a draft package. Needs the package ID and the template's name; optionally a document ID. Returns the package ID and template applied.",
	properties: [
		packageIdProperty('The ID of the draft package to apply the template to, e.g. 123'),
		templateProperty,
	],
	options: [
		{
			displayName: 'Document ID',
			name: 'documentId',
			type: 'string',
			default: '',
			placeholder: '456',
			description:
				"Only this document of the package. Without it: every document (v4), or the package's first document (v3).",
		},
	],
	identifyingInputs: packageInput,
	async execute({ context, itemIndex, client }) {
		const packageId = readPackageId(context, itemIndex);
		const templateName = readTemplateName(context, itemIndex);
		const documentId =
			readOption(context, itemIndex, 'documentId') !== undefined
				? readId(context, itemIndex, 'options.documentId', 'Document ID')
				: client.apiVersion === 'v4'
					? 0
					: await firstDocumentId(client, packageId);
		await applyTemplateRequest(client, packageId, templateName, documentId);
		return { json: { packageId, templateName, documentId: documentId === 0 ? null : documentId, applied: true } };
	},
};

/** v3 has no "every document": its template goes to the package's first document. */
async function firstDocumentId(client: SigningHubClient, packageId: number): Promise<number> {
	const details = await readWorkflowDetails(client, packageId);
	const [first] = (details.documents ?? []) as IDataObject[];
	const id = Number(first?.document_id ?? first?.id);
	if (!Number.isSafeInteger(id) || id < 1) {
		throw invalidInput(`Package ${packageId} has no document to apply a template to`, 'Upload a document to the package first.');
	}
	return id;
}
