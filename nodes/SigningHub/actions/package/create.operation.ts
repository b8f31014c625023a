import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { SigningHubClient } from '../../transport';
import { checkChoice, inputsNamed, readOption, readText } from '../parameters';
import type { ItemContext, Operation } from '../types';

const WORKFLOW_MODES = ['ME_AND_OTHERS', 'ONLY_ME', 'ONLY_OTHERS'];

export const workflowModeOption: INodeProperties = {
	displayName: 'Workflow Mode',
	name: 'workflowMode',
	type: 'options',
	default: 'ONLY_OTHERS',
	options: [
		{ name: 'Me and Others', value: 'ME_AND_OTHERS', description: 'The owner signs too' },
		{ name: 'Only Me', value: 'ONLY_ME', description: 'Only the owner signs' },
		{ name: 'Only Others', value: 'ONLY_OTHERS', description: 'The recipients sign, not the owner' },
	],
	description: 'Who signs the package. Without this option SigningHub uses its own default.',
};

/** The item's Workflow Mode option, checked; undefined when not added (SigningHub's default applies). */
export function readWorkflowMode(context: ItemContext['context'], itemIndex: number): string | undefined {
	const workflowMode = readOption(context, itemIndex, 'workflowMode');
	return workflowMode === undefined ? undefined : checkChoice(workflowMode, 'Workflow Mode', WORKFLOW_MODES);
}

/** Add Package: a new draft package; SigningHub's answer (`package_id`, ...). */
export async function createPackageRequest(client: SigningHubClient, packageName: string, workflowMode: string | undefined): Promise<IDataObject> {
	const body: IDataObject = { package_name: packageName };
	if (workflowMode !== undefined) body.workflow_mode = workflowMode;
	const response = await client.request({
		method: 'POST',
		endpoint: 'newPackage',
		body,
		expect: 'jsonObject',
		repeatable: false,
		action: `create the package "${packageName}"`,
	});
	return response.body as IDataObject;
}

export const createPackage: Operation = {
	resource: 'package',
	value: 'create',
	name: 'Create',
	description: 'Create an empty package (in draft) to upload documents to and add recipients',
	action: 'Create a package',
	toolDescription:
		"Creates an empty SigningHub package (a draft) to upload documents to and add recipients to. Needs the package name; optionally who signs (workflow mode). Returns the new package's ID in packageId.",
	properties: [
		{
			displayName: 'Package Name',
			name: 'packageName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'Sales contract ACME',
			description: 'The name the package gets in SigningHub',
		},
	],
	options: [workflowModeOption],
	identifyingInputs: inputsNamed('packageName'),
	async execute({ context, itemIndex, client }) {
		const packageName = readText(context, itemIndex, 'packageName', 'Package Name');
		const created = await createPackageRequest(client, packageName, readWorkflowMode(context, itemIndex));
		return { json: { packageId: created.package_id, packageName, ...created } };
	},
};
