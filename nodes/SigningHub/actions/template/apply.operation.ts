import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readWorkflowDetails } from '../../reads';
import { invalidInput, type SigningHubClient } from '../../transport';
import { documentIdOption, evaluated, packageIdProperty, packageInput, readId, readOption, readPackageId } from '../parameters';
import type { Operation } from '../types';

/** The Template field's value for one item: the name typed or picked from the list. */
export function readTemplateName(context: IExecuteFunctions, itemIndex: number): string {
	const templateName = String(evaluated('Template', () => context.getNodeParameter('templateName', itemIndex, '', { extractValue: true })) ?? '').trim();
	if (templateName === '') throw invalidInput('Template is empty', 'Choose a template from the list, or type its name.');
	return templateName;
}

/** The workflow template, picked from SigningHub's list or typed. */
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

const documentOption = documentIdOption('Only this document of the package. Without it: every document of the package.');

export const applyTemplate: Operation<{ packageId: number; templateName: string; documentId?: number }> = {
	resource: 'template',
	value: 'apply',
	name: 'Apply',
	description: "Apply a workflow template (its recipients and fields) to a draft package's documents",
	action: 'Apply a template',
	agent: {
		does: "Applies a SigningHub workflow template (its recipients, fields and settings) to a draft package. Needs the package ID and the template's name; optionally a document ID. Returns the package ID and template applied.",
		changes: "the draft package's recipients, fields and workflow settings, as the template sets them",
		reaches: "the template's recipients, once the package is shared",
	},
	properties: [
		packageIdProperty('The ID of the draft package to apply the template to, e.g. 123'),
		templateProperty,
	],
	options: [documentOption],
	identifyingInputs: packageInput,
	read({ context, itemIndex }) {
		const packageId = readPackageId(context, itemIndex);
		const templateName = readTemplateName(context, itemIndex);
		const chosen = readOption(context, itemIndex, documentOption) !== undefined;
		return { packageId, templateName, documentId: chosen ? readId(context, itemIndex, 'options.documentId', 'Document ID') : undefined };
	},
	async send({ client }, { packageId, templateName, documentId }) {
		// Every document: v4 takes document 0 for it; v3 takes any of the package's documents with
		// apply_to_all (v3 guide page 1024).
		const pathDocumentId = documentId ?? (client.apiVersion === 'v4' ? 0 : await firstDocumentId(client, packageId));
		await client.request({
			method: 'POST',
			endpoint: 'applyTemplate',
			pathParameters: { packageId, documentId: pathDocumentId },
			body: { template_name: templateName, apply_to_all: documentId === undefined },
			expect: 'emptyOrJson',
			repeatable: false,
			action: `apply the template "${templateName}" to package ${packageId}`,
		});
		return { json: { packageId, templateName, documentId: documentId ?? null, applied: true } };
	},
};

/** v3 names a document in the path even for every document: the package's first. */
async function firstDocumentId(client: SigningHubClient, packageId: number): Promise<number> {
	const details = await readWorkflowDetails(client, packageId);
	const [first] = (details.documents ?? []) as IDataObject[];
	const id = Number(first?.document_id ?? first?.id);
	if (!Number.isSafeInteger(id) || id < 1) {
		throw invalidInput(`Package ${packageId} has no document to apply a template to`, 'Upload a document to the package first.');
	}
	return id;
}
