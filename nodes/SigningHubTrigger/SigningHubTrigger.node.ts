import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { DEFAULT_TRANSPORT_OPTIONS, SigningHubClient, toNodeError, type TransportOptions } from '../SigningHub/transport';
import { activate, findChanges, latestEvent, type ChangeSettings } from './changes';
import type { EventName } from './events';
import { EVENTS_PROPERTY, INCLUDE_DETAILS_OPTION, ownerEmailOf, TRIGGER_RELATED_NODES } from './settings';
import { stateIn, underLease, writeState } from './state';

export class SigningHubTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SigningHub Trigger',
		name: 'signingHubTrigger',
		icon: { light: 'file:signinghub.svg', dark: 'file:signinghub.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Send, manage and track SigningHub packages',
		documentationUrl: 'https://github.com/signinghub-n8n/n8n-nodes-signinghub#signinghub-trigger-polling',
		defaults: {
			name: 'SigningHub Trigger',
		},
		polling: true,
		builderHint: {
			searchHint:
				'Polls SigningHub and starts a workflow when a package is completed, declined or shared, or a recipient signed. One item per event with event, packageId, packageName, packageStatus and, for signatures, email. Use it when SigningHub cannot call n8n; otherwise SigningHub Instant Trigger is faster.',
			relatedNodes: TRIGGER_RELATED_NODES,
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'signingHubApi',
				required: true,
			},
		],
		properties: [
			EVENTS_PROPERTY,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					INCLUDE_DETAILS_OPTION,
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const chosen = this.getNodeParameter('events', []) as EventName[];
		if (chosen.length === 0) throw new NodeOperationError(this.getNode(), 'No events chosen', { description: 'Choose at least one event to start the workflow on.' });
		const withDetails = (this.getNodeParameter('options', {}) as IDataObject).includeDetails === true;
		// n8n 2.40 says how long a poll may take (about 36 s under its durable scheduler); older n8n does not.
		const budgetMs = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : LEGACY_POLL_BUDGET_MS;
		const startedAt = Date.now();
		const client = await SigningHubClient.create(this, transportFor(budgetMs));
		const settings: ChangeSettings = {
			chosen,
			withDetails,
			ownerEmail: ownerEmailOf(await this.getCredentials('signingHubApi')),
			now: Date.now,
			// Half the budget for starting packages: the request under way may still take its time.
			deadline: startedAt + budgetMs / 2,
		};

		if (this.getMode() === 'manual') {
			const event = await latestEvent(client, settings).catch(failed(this));
			if (!event) {
				throw new NodeOperationError(this.getNode(), 'No SigningHub package matches the chosen events yet', {
					description: "Share, sign, complete or decline a package in SigningHub (as the credential's user), then fetch again.",
				});
			}
			return [[{ json: event }]];
		}
		const staticData = this.getWorkflowStaticData('node');
		const events = await underLease(staticData, Date.now, budgetMs + LEASE_MARGIN_MS, async () => {
			const state = stateIn(staticData);
			const outcome = state ? await findChanges(client, state, settings) : { events: [], state: await activate(client, settings) };
			return { result: outcome.events, commit: () => writeState(staticData, outcome.state) };
		}).catch(failed(this));
		return events?.length ? [events.map((json) => ({ json }))] : null;
	}
}

/** n8n's legacy poller gives a poll 5 minutes (n8n-core's PollContext). */
const LEGACY_POLL_BUDGET_MS = 5 * 60 * 1000;

/** A lease outlives the budget by the longest request: Max Attempts tries at the request timeout, and the pauses between. */
const LEASE_MARGIN_MS = 2 * 60 * 1000;

/** Tries short enough that the last request started within the budget ends within it. */
function transportFor(budgetMs: number): TransportOptions {
	return { ...DEFAULT_TRANSPORT_OPTIONS, requestTimeout: Math.min(DEFAULT_TRANSPORT_OPTIONS.requestTimeout, Math.max(5_000, Math.floor(budgetMs / 5))) };
}

/** A failed poll keeps the node's words; the state is untouched, so the next poll catches up. */
function failed(context: IPollFunctions) {
	return async (error: unknown): Promise<never> => await Promise.reject(toNodeError(context.getNode(), error));
}
