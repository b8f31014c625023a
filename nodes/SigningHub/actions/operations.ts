import type { INodeProperties } from 'n8n-workflow';

import { getManyContacts } from './contact/getMany.operation';
import { addField } from './document/addField.operation';
import { deleteField } from './document/deleteField.operation';
import { fillFields } from './document/fillFields.operation';
import { getFields } from './document/getFields.operation';
import { signDocument } from './document/sign.operation';
import { uploadDocument } from './document/upload.operation';
import { deleteDocument } from './document/delete.operation';
import { downloadDocument } from './document/download.operation';
import { renameDocument } from './document/rename.operation';
import { optionsProperty } from './options';
import { approvePackage } from './package/approve.operation';
import { bulkPackages } from './package/bulk.operation';
import { createPackage } from './package/create.operation';
import { declinePackage } from './package/decline.operation';
import { moveToFolder } from './package/moveToFolder.operation';
import { submitPackage } from './package/submit.operation';
import { changeOwner } from './package/changeOwner.operation';
import { deletePackage } from './package/delete.operation';
import { downloadPackage } from './package/download.operation';
import { downloadEvidenceReport } from './package/downloadEvidenceReport.operation';
import { getManyPackages } from './package/getMany.operation';
import { getDocuments } from './package/getDocuments.operation';
import { getSigningLink } from './package/getSigningLink.operation';
import { recallPackage } from './package/recall.operation';
import { sendForSignature } from './package/sendForSignature.operation';
import { sendFromTemplate } from './package/sendFromTemplate.operation';
import { renamePackage } from './package/rename.operation';
import { sharePackage } from './package/share.operation';
import { verifySignatures } from './package/verifySignatures.operation';
import { addRecipient } from './recipient/add.operation';
import { addGroup } from './recipient/addGroup.operation';
import { addPlaceholder } from './recipient/addPlaceholder.operation';
import { getManyRecipients } from './recipient/getMany.operation';
import { getReminders } from './recipient/getReminders.operation';
import { protectRecipient } from './recipient/protect.operation';
import { removeRecipient } from './recipient/remove.operation';
import { reorderRecipient } from './recipient/reorder.operation';
import { setReminders } from './recipient/setReminders.operation';
import { updateRecipient } from './recipient/update.operation';
import { applyTemplate } from './template/apply.operation';
import { getManyTemplates } from './template/getMany.operation';
import type { AgentTool, AnyOperation, Resource } from './types';
import { completeWorkflow } from './workflow/complete.operation';
import { getWorkflow } from './workflow/get.operation';
import { getWorkflowHistory } from './workflow/getHistory.operation';
import { setPostProcessing } from './workflow/setPostProcessing.operation';
import { updateWorkflow } from './workflow/update.operation';

/** Every operation of the node. Adding one: write its file, then list it here. */
const OPERATIONS: AnyOperation[] = [
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
	getManyTemplates,
	completeWorkflow,
	getWorkflow,
	getWorkflowHistory,
	renamePackage,
	changeOwner,
	getDocuments,
	verifySignatures,
	getSigningLink,
	downloadDocument,
	renameDocument,
	deleteDocument,
	updateRecipient,
	removeRecipient,
	getReminders,
	setReminders,
	updateWorkflow,
	setPostProcessing,
	approvePackage,
	declinePackage,
	submitPackage,
	protectRecipient,
	bulkPackages,
	deleteField,
	moveToFolder,
	getManyContacts,
	sendFromTemplate,
	addGroup,
	addPlaceholder,
	reorderRecipient,
];

/**
 * The resources in the Resource menu, with the operation each one starts with, and, where that
 * one is not offered to AI agents, the one it starts with in n8n's tool version of the node; with
 * what n8n's AI Workflow Builder reads about each (n8n 2.41 refuses a hint on the menu itself).
 */
const RESOURCES: Record<Resource, { name: string; defaultOperation: string; toolDefaultOperation?: string; builderHint: string }> = {
	contact: { name: 'Contact', defaultOperation: 'getMany', builderHint: 'People saved in SigningHub (v4): search and list contacts by name or email' },
	document: {
		name: 'Document',
		defaultOperation: 'upload',
		toolDefaultOperation: 'rename',
		builderHint: "A file of a package: upload a PDF into a draft, read or fill its form fields, place a field, sign server-side, download, rename or delete it",
	},
	package: {
		name: 'Package',
		defaultOperation: 'create',
		builderHint:
			'What SigningHub sends for signature: Send for Signature goes from PDFs to a shared package in one step; also list (Get Many), download the signed PDF or the evidence report, share, recall, change owner, delete',
	},
	recipient: { name: 'Recipient', defaultOperation: 'add', builderHint: "Who acts on a package: add, update, remove or list recipients, and their reminders" },
	template: { name: 'Template', defaultOperation: 'apply', builderHint: 'Apply a SigningHub workflow template (its recipients and fields) to a draft package' },
	workflow: {
		name: 'Workflow',
		defaultOperation: 'complete',
		builderHint: "A package's signing workflow: complete it early, read its details or history, change its type or message, set post-processing",
	},
};

/** Saved workflows without a resource are Workflow ones: the node's first operation was Complete. */
const DEFAULT_RESOURCE: Resource = 'workflow';

export function findOperation(resource: string, operation: string): AnyOperation | undefined {
	return OPERATIONS.find((candidate) => candidate.resource === resource && candidate.value === operation);
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Whether an operation may run in n8n's tool version of the node (its type name ends in "Tool"). */
export function offeredToAgents(operation: AnyOperation): boolean {
	return operation.agent !== undefined;
}

/** The tool description an AI agent reads: what the operation does, changes and reaches, in that order. */
export function agentDescription({ does, changes, reaches, destructive, final, secret }: AgentTool): string {
	return [
		destructive ? `Destructive: ${does}` : does,
		changes ? `Changes: ${changes}.` : 'Changes nothing in SigningHub.',
		reaches && `Reaches: ${reaches}.`,
		final && 'Cannot be undone.',
		secret && `Its output is a secret: ${secret}.`,
	]
		.filter(Boolean)
		.join(' ');
}

function operationMenu(resource: Resource, operations: AnyOperation[], defaultOperation: string, tool?: boolean): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource], ...(tool === undefined ? {} : { '@tool': [tool] }) } },
		options: operations.map(({ name, value, description, action }) => ({ name, value, description, action })).sort(byName),
		default: defaultOperation,
	};
}

/**
 * A resource's Operation menu. Where some of its operations are not for AI agents (they only move
 * binary files), n8n's tool version of the node (whose type name ends in "Tool", n8n's '@tool'
 * condition) gets a second menu without them. n8n's nodes panel and its automatic tool
 * descriptions read the first menu of a resource.
 */
function operationMenus(resource: Resource): INodeProperties[] {
	const { defaultOperation, toolDefaultOperation = defaultOperation } = RESOURCES[resource];
	const operations = OPERATIONS.filter((operation) => operation.resource === resource);
	const forAgents = operations.filter(offeredToAgents);
	if (forAgents.length === operations.length) return [operationMenu(resource, operations, defaultOperation)];
	return [operationMenu(resource, operations, defaultOperation, false), operationMenu(resource, forAgents, toolDefaultOperation, true)];
}

/**
 * Each operation's description for AI agents, in the tool version of the node only. Since the
 * node has its own `toolDescription`, n8n adds none of its own and gives the agent this one
 * (which the user may edit).
 */
function toolDescriptionProperties(): INodeProperties[] {
	const field: INodeProperties = {
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'What the AI agent reads about this tool: what it does, what it needs, what it returns',
	};
	return OPERATIONS.filter(offeredToAgents).map((operation) => ({
		...field,
		default: agentDescription(operation.agent as AgentTool),
		displayOptions: { show: { '@tool': [true], resource: [operation.resource], operation: [operation.value] } },
	}));
}

/** The node's Resource and Operation menus, each operation's fields, and the Options. */
export function nodeProperties(): INodeProperties[] {
	const resources = (Object.keys(RESOURCES) as Resource[]).map((value) => ({ name: RESOURCES[value].name, value, builderHint: { propertyHint: RESOURCES[value].builderHint } }));
	const menus = resources.flatMap(({ value: resource }) => operationMenus(resource));
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
		...toolDescriptionProperties(),
		...fields,
		optionsProperty(OPERATIONS),
	];
}
