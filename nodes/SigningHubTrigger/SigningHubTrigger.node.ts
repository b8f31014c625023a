import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { SigningHubClient, toNodeError } from '../SigningHub/transport';
import { activate, latestEvent, poll, type EventName, type PollState } from './events';

export class SigningHubTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SigningHub Trigger',
		name: 'signingHubTrigger',
		icon: { light: 'file:signinghub.svg', dark: 'file:signinghub.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Send, manage and track SigningHub packages',
		documentationUrl: 'https://github.com/signinghub-n8n/n8n-nodes-signinghub#the-trigger',
		defaults: {
			name: 'SigningHub Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'signingHubApi',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['packageCompleted'],
				options: [
					{ name: 'Package Completed', value: 'packageCompleted', description: "A package's workflow completed" },
					{ name: 'Package Declined', value: 'packageDeclined', description: 'A recipient declined a package' },
					{ name: 'Package Shared', value: 'packageShared', description: 'A draft package was shared with its recipients' },
					{ name: 'Recipient Signed', value: 'recipientSigned', description: 'A recipient signed or approved: one event per recipient action' },
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Include Workflow Details',
						name: 'includeDetails',
						type: 'boolean',
						default: false,
						description: "Whether to add the package's Get Workflow Details answer to each event, in 'details' (one more request per package)",
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const chosen = this.getNodeParameter('events', []) as EventName[];
		if (chosen.length === 0) throw new NodeOperationError(this.getNode(), 'No events chosen', { description: 'Choose at least one event to start the workflow on.' });
		const withDetails = (this.getNodeParameter('options', {}) as IDataObject).includeDetails === true;
		const client = await SigningHubClient.create(this);
		const staticData = this.getWorkflowStaticData('node') as PollState;

		if (this.getMode() === 'manual') {
			const event = await latestEvent(client, chosen, withDetails).catch(failed(this));
			if (!event) {
				throw new NodeOperationError(this.getNode(), 'No SigningHub package matches the chosen events yet', {
					description: 'Share, sign, complete or decline a package in SigningHub (as the credential\'s user), then fetch again.',
				});
			}
			return [[{ json: event }]];
		}
		if (!staticData.cursor) {
			Object.assign(staticData, await activate(client).catch(failed(this)));
			return null;
		}
		const { events, state } = await poll(client, staticData, chosen, withDetails).catch(failed(this));
		Object.assign(staticData, state);
		return events.length ? [events.map((json) => ({ json }))] : null;
	}
}

/** A failed poll keeps the node's words; the state is untouched, so the next poll catches up. */
function failed(context: IPollFunctions) {
	return async (error: unknown): Promise<never> => await Promise.reject(toNodeError(context.getNode(), error));
}
