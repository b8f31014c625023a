import type { INodeProperties } from 'n8n-workflow';

import { addField } from './document/addField.operation';
import { fillFields } from './document/fillFields.operation';
import { getFields } from './document/getFields.operation';
import { signDocument } from './document/sign.operation';
import { uploadDocument } from './document/upload.operation';
import { optionsProperty } from './options';
import { createPackage } from './package/create.operation';
import { deletePackage } from './package/delete.operation';
import { downloadPackage } from './package/download.operation';
import { downloadEvidenceReport } from './package/downloadEvidenceReport.operation';
import { getManyPackages } from './package/getMany.operation';
import { recallPackage } from './package/recall.operation';
import { sendForSignature } from './package/sendForSignature.operation';
import { sharePackage } from './package/share.operation';
import { addRecipient } from './recipient/add.operation';
import { getManyRecipients } from './recipient/getMany.operation';
import { applyTemplate } from './template/apply.operation';
import type { Operation, Resource } from './types';
import { completeWorkflow } from './workflow/complete.operation';
import { getWorkflow } from './workflow/get.operation';
import { getWorkflowHistory } from './workflow/getHistory.operation';

/** Every operation of the node. Adding one: write its file, then list it here. */
const OPERATIONS: Operation[] = [
	createPackage,
	getManyPackages,
	downloadPackage,
	downloadEvidenceReport,
	sharePackage,
	sendForSignature,
	recallPackage,
	deletePackage,
	uploadDocument,
	getFields,
	fillFields,
	addField,
	signDocument,
	addRecipient,
	getManyRecipients,
	applyTemplate,
	completeWorkflow,
	getWorkflow,
	getWorkflowHistory,
];

/** The resources in the Resource menu, with the operation each one starts with. */
const RESOURCES: Record<Resource, { name: string; defaultOperation: string }> = {
	document: { name: 'Document', defaultOperation: 'upload' },
	package: { name: 'Package', defaultOperation: 'create' },
	recipient: { name: 'Recipient', defaultOperation: 'add' },
	template: { name: 'Template', defaultOperation: 'apply' },
	workflow: { name: 'Workflow', defaultOperation: 'complete' },
};

/** Saved workflows without a resource are Workflow ones: the node's first operation was Complete. */
const DEFAULT_RESOURCE: Resource = 'workflow';

export function findOperation(resource: string, operation: string): Operation | undefined {
	return OPERATIONS.find((candidate) => candidate.resource === resource && candidate.value === operation);
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The node's Resource and Operation menus, each operation's fields, and the Options. */
export function nodeProperties(): INodeProperties[] {
	const resources = (Object.keys(RESOURCES) as Resource[]).map((value) => ({ name: RESOURCES[value].name, value }));
	const menus = resources.map(({ value: resource }): INodeProperties => {
		const { defaultOperation } = RESOURCES[resource];
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: OPERATIONS.filter((operation) => operation.resource === resource)
				.map(({ name, value, description, action }) => ({ name, value, description, action }))
				.sort(byName),
			default: defaultOperation,
		};
	});
	const fields = OPERATIONS.flatMap((operation) =>
		operation.properties.map((property) => ({
			...property,
			displayOptions: {
				...property.displayOptions,
				show: { ...property.displayOptions?.show, resource: [operation.resource], operation: [operation.value] },
			},
		})),
	);
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.sort(byName),
			default: DEFAULT_RESOURCE,
		},
		...menus,
		...fields,
		optionsProperty(OPERATIONS),
	];
}
