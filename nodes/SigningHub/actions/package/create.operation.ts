import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { SigningHubError } from '../../transport';
import { checkChoice, inputsNamed, readOption, readText } from '../parameters';
import type { Operation } from '../types';

export const WORKFLOW_MODES = ['ME_AND_OTHERS', 'ONLY_ME', 'ONLY_OTHERS'];

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
	description: 'Who signs the package. Without this option: Only Others (SigningHub v4 needs a mode, so the node always sends one).',
};

/**
 * The ID of the package SigningHub created: its answer's `package_id` and nothing else, so that
 * no other field of an answer can point what follows (uploads, a clean-up's delete) elsewhere.
 */
function createdPackageId(answer: IDataObject, packageName: string): number {
	const id = answer.package_id;
	const text = typeof id === 'number' || typeof id === 'string' ? String(id).trim() : '';
	if (/^\d{1,15}$/.test(text) && Number(text) > 0) return Number(text);
	throw new SigningHubError({
		reason: 'notSigningHub',
		responseStatus: null,
		signingHubMessage: null,
		transient: false,
		message: `SigningHub's answer to creating the package "${packageName}" has no package ID`,
		description: `SigningHub may have created it: look for the draft package "${packageName}" in SigningHub and delete it before running this item again.`,
	});
}

export const createPackage: Operation<{ packageName: string; workflowMode: string }> = {
	resource: 'package',
	value: 'create',
	name: 'Create',
	description: 'Create an empty package (in draft) to upload documents to and add recipients',
	action: 'Create a package',
	agent: {
		does: "Creates an empty SigningHub package (a draft) to upload documents to and add recipients to. Needs the package name; optionally who signs (workflow mode). Returns the new package's ID in packageId.",
		changes: "adds a draft package to the user's documents",
	},
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
	read({ context, itemIndex }) {
		const packageName = readText(context, itemIndex, 'packageName', 'Package Name');
		const workflowMode = checkChoice(readOption(context, itemIndex, workflowModeOption) ?? workflowModeOption.default, 'Workflow Mode', WORKFLOW_MODES);
		return { packageName, workflowMode };
	},
	async send({ client }, { packageName, workflowMode }) {
		const response = await client.request({
			method: 'POST',
			endpoint: 'newPackage',
			body: { package_name: packageName, workflow_mode: workflowMode },
			expect: 'jsonObject',
			repeatable: false,
			action: `create the package "${packageName}"`,
		});
		const created = response.body as IDataObject;
		const packageId = createdPackageId(created, packageName);
		// The answer's fields after these two, which it cannot replace.
		return { json: Object.assign({ packageId, packageName }, created, { packageId, packageName }) };
	},
};
