import type { IDataObject } from 'n8n-workflow';

import { readWorkflowDetails } from '../../reads';
import { invalidInput } from '../../transport';
import { checkBoolean, checkChoice, evaluated, packageIdProperty, packageInput, readPackageId } from '../parameters';
import type { Operation } from '../types';

const WORKFLOW_TYPES = ['SERIAL', 'PARALLEL', 'INDIVIDUAL'];

export const updateWorkflow: Operation = {
	resource: 'workflow',
	value: 'update',
	name: 'Update',
	description: "Change a draft package's workflow: its type, message, and whether it continues after a decline",
	action: 'Update a workflow',
	agent: {
		does: 'Changes the workflow of a draft SigningHub package: type (SERIAL: one recipient after another, PARALLEL: all at once, INDIVIDUAL: a separate copy for each), the message to recipients, and whether it continues when a recipient declines. Needs the package ID and the fields to change. Returns the workflow settings sent.',
		changes: "the package's workflow settings (draft packages only)",
		reaches: 'the recipients, once the package is shared: they read the message',
	},
	properties: [
		packageIdProperty('The ID of the package whose workflow to change, e.g. 123'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add field',
			default: {},
			options: [
				{
					displayName: 'Continue on Decline',
					name: 'continueOnDecline',
					type: 'boolean',
					default: false,
					description: 'Whether the workflow goes on to the next recipients when one declines',
				},
				{ displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'The message SigningHub sends the recipients with the package' },
				{
					displayName: 'Type',
					name: 'workflowType',
					type: 'options',
					default: 'SERIAL',
					options: [
						{ name: 'Individual', value: 'INDIVIDUAL', description: 'Each recipient gets a separate copy' },
						{ name: 'Parallel', value: 'PARALLEL', description: 'All recipients at once' },
						{ name: 'Serial', value: 'SERIAL', description: 'One recipient after another, in order' },
					],
				},
			],
		},
	],
	identifyingInputs: packageInput,
	read({ context, itemIndex }) {
		const packageId = readPackageId(context, itemIndex);
		const fields = evaluated('Update Fields', () => context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
		const changes: IDataObject = {};
		if (fields.workflowType !== undefined) changes.workflow_type = checkChoice(fields.workflowType, 'Type', WORKFLOW_TYPES);
		if (fields.message !== undefined) changes.message = String(fields.message);
		if (fields.continueOnDecline !== undefined) changes.continue_on_decline = checkBoolean(fields.continueOnDecline, 'Continue on Decline');
		if (Object.keys(changes).length === 0) throw invalidInput('Nothing to update', 'Add at least one field under Update Fields (Type, Message or Continue on Decline).');
		return { packageId, changes };
	},
	async send({ client }, { packageId, changes }) {
		// The settings not changed are sent as they are, so SigningHub keeps them whichever it requires.
		const { workflow = {} } = (await readWorkflowDetails(client, packageId)) as { workflow?: IDataObject };
		const body: IDataObject = {
			workflow_type: workflow.workflow_type,
			continue_on_decline: workflow.continue_on_decline,
			message: workflow.message ?? '',
			...changes,
		};
		await client.request({
			method: 'PUT',
			endpoint: 'workflowDetails',
			pathParameters: { packageId },
			body,
			expect: 'emptyOrJson',
			repeatable: true,
			action: `update the workflow of package ${packageId}`,
		});
		return { json: { packageId, ...body, updated: true } };
	},
};
