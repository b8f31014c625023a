import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, sleep } from 'n8n-workflow';

import { DEFAULT_TRANSPORT_OPTIONS, SigningHubClient, toNodeError } from '../SigningHub/transport';
import { activate, findChanges, latestEvent, type ChangeSettings } from '../SigningHubTrigger/changes';
import type { EventName } from '../SigningHubTrigger/events';
import { EVENTS_PROPERTY, INCLUDE_DETAILS_OPTION, ownerEmailOf, TRIGGER_RELATED_NODES } from '../SigningHubTrigger/settings';
import { stateIn, writeState, type TriggerState } from '../SigningHubTrigger/state';
import { keyMatches, MIN_WEBHOOK_KEY_LENGTH, readCall } from './callback';
import { forgetWatch, watchOf, type LookOutcome } from './looks';

/** How long one look may start packages; what is left waits for the next call. SigningHub waits for the answer meanwhile. */
const LOOK_BUDGET_MS = 20_000;

/** How long taking stock at activation may read recipients (the list itself is always read whole). */
const ACTIVATION_BUDGET_MS = 60_000;

/** A call that names a package the look found nothing new about is looked at once more after this (SigningHub may call before its lists show the change). */
const RECHECK_AFTER_MS = 1_500;

/** Tries short enough that a look ends while SigningHub still waits for the answer. */
const TRANSPORT = { ...DEFAULT_TRANSPORT_OPTIONS, requestTimeout: 10_000 };

type TriggerContext = IHookFunctions | IWebhookFunctions;

/** What any caller the trigger does not start a look for is told: nothing about SigningHub or the credential. */
const REFUSED = { status: 401, body: { message: 'Authorization failed' } };
const LOOK_FAILED = { status: 503, body: { message: 'The call was received but could not be handled now; call again later' } };

/** A look that failed: the caller may be anyone who has the URL, so the details go to n8n's log only. */
function lookFailed(context: IWebhookFunctions, error: unknown): IWebhookResponseData {
	const failure = toNodeError(context.getNode(), error);
	context.logger.warn(`SigningHub Instant Trigger could not look for events: ${failure.message}`, { workflowId: context.getWorkflow().id, description: failure.description });
	context.getResponseObject().status(LOOK_FAILED.status).json(LOOK_FAILED.body);
	return { noWebhookResponse: true };
}

/**
 * The key every call must carry (see `keyMatches`), or undefined when the trigger asks for none.
 * Version 2 keeps it in a SigningHub Webhook Key credential. Version 1 kept it in the node: a Key
 * entered there, even as an expression that gives nothing, is asked for.
 */
async function expectedKey(context: IWebhookFunctions): Promise<string | undefined> {
	const textOf = (value: unknown) => (typeof value === 'string' ? value : '');
	let key: string;
	if (context.getNode().typeVersion >= 2) {
		if (context.getNodeParameter('authentication', 'none') !== 'webhookKey') return undefined;
		key = textOf((await context.getCredentials('signingHubWebhookKeyApi').catch(() => ({}) as IDataObject)).secret);
	} else {
		const saved = context.getNode().parameters.key;
		if (saved === undefined || saved === '') return undefined;
		try {
			key = textOf(context.getNodeParameter('key', ''));
		} catch (error) {
			context.logger.warn(`SigningHub Instant Trigger could not evaluate its Key: ${error instanceof Error ? error.message : String(error)}`, { workflowId: context.getWorkflow().id });
			key = '';
		}
	}
	if (key.trim() === '') {
		context.logger.warn('SigningHub Instant Trigger refuses every call: its key is empty (a Key expression that gave nothing, or a missing or empty SigningHub Webhook Key credential)', { workflowId: context.getWorkflow().id });
		return '';
	}
	return key;
}

async function settingsOf(context: TriggerContext, budgetMs: number): Promise<{ client: SigningHubClient; settings: ChangeSettings }> {
	const client = await SigningHubClient.create(context, TRANSPORT);
	const settings: ChangeSettings = {
		chosen: context.getNodeParameter('events', []) as EventName[],
		withDetails: (context.getNodeParameter('options', {}) as IDataObject).includeDetails === true,
		ownerEmail: ownerEmailOf(await context.getCredentials('signingHubApi')),
		now: Date.now,
		deadline: Date.now() + budgetMs,
	};
	return { client, settings };
}

/** The trigger in this n8n process: its workflow and node. */
const watchKey = (context: TriggerContext) => `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;

/** What the trigger keeps of a package, to tell whether a look saw it change. */
const entryOf = (state: TriggerState | undefined, id: string) => JSON.stringify([state?.followed[id], state?.pending[id]]);

/**
 * A call that starts an execution: n8n builds the execution's workflow from this call's static
 * data before it saves it, and building it marks the data unchanged (n8n 2.40's ObservableObject),
 * so what the call wrote would not be saved. Writing it again once n8n is past that (a macrotask
 * later: n8n reaches the save only after database work) gets it saved; the next call writes it
 * too, in any case.
 */
function keepAfterStart(staticData: IDataObject, state: TriggerState, newest: () => boolean): void {
	void sleep(0).then(() => {
		if (newest()) writeState(staticData, state);
	});
}

export class SigningHubInstantTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SigningHub Instant Trigger',
		name: 'signingHubInstantTrigger',
		icon: { light: 'file:signinghub.svg', dark: 'file:signinghub.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow within seconds when SigningHub calls its URL',
		documentationUrl: 'https://github.com/signinghub-n8n/n8n-nodes-signinghub#signinghub-instant-trigger',
		defaults: {
			name: 'SigningHub Instant Trigger',
		},
		builderHint: {
			searchHint:
				'Starts a workflow within seconds when a SigningHub package is completed, declined or shared, or a recipient signed: SigningHub calls its Production URL (enterprise Webhooks or Workflow Completion Report URL). One item per event with event, packageId, packageName, packageStatus and, for signatures, email. Prefer it to the polling SigningHub Trigger when SigningHub can reach n8n.',
			relatedNodes: TRIGGER_RELATED_NODES,
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'signingHubApi',
				required: true,
			},
			{
				name: 'signingHubWebhookKeyApi',
				required: true,
				testedBy: 'webhookKeyTest',
				displayOptions: { show: { authentication: ['webhookKey'], '@version': [2] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST,GET,HEAD',
				responseMode: 'onReceived',
				// Without it n8n 2.40 reads its default, 'firstEntryJson', and answers that text: empty
				// lets n8n answer the webhook's own message, or its "Workflow was started".
				responseData: '',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					"Paste the Production URL into SigningHub's enterprise Webhooks field (or its Workflow Completion Report URL), with ?key=... when you set a key. Any call makes the trigger look for what changed since its last look; events wait for the next call.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			EVENTS_PROPERTY,
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'None', value: 'none', description: 'Any call to the URL makes the trigger look' },
					{ name: 'Key in the URL', value: 'webhookKey', description: "Only calls with ?key= and the credential's key count; any other call gets 401 and starts nothing" },
				],
				default: 'none',
				displayOptions: { show: { '@version': [2] } },
			},
			{
				displayName: 'Key (Deprecated)',
				name: 'key',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Kept in the workflow, not with the credentials: move it to a SigningHub Webhook Key credential in a new SigningHub Instant Trigger (version 2). When set, only calls to the URL with ?key= and this value count; a Key that comes out empty refuses every call.',
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [INCLUDE_DETAILS_OPTION],
			},
		],
	};

	methods = {
		credentialTest: {
			/** The editor's Test button: a key long enough not to be guessed. */
			async webhookKeyTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const key = credential.data?.secret;
				if (typeof key !== 'string' || key.length < MIN_WEBHOOK_KEY_LENGTH) return { status: 'Error', message: `The key must be at least ${MIN_WEBHOOK_KEY_LENGTH} characters long` };
				if (!/^[A-Za-z0-9._~-]+$/.test(key)) return { status: 'Error', message: 'Use letters, digits and - . _ ~ only, so the key needs no encoding in the URL' };
				return { status: 'OK', message: 'The key is long enough' };
			},
		},
	};

	webhookMethods = {
		default: {
			/** On every activation: whether the trigger already has its state (then it carries on from its last look). */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return this.getMode() === 'manual' || stateIn(this.getWorkflowStaticData('node')) !== undefined;
			},
			/** First activation: where SigningHub stands, so nothing from before it becomes an event. */
			async create(this: IHookFunctions): Promise<boolean> {
				const { client, settings } = await settingsOf(this, ACTIVATION_BUDGET_MS);
				try {
					// Through the watch: n8n takes calls as soon as the webhook is stored, before this ends; they wait for it.
					const { state } = await watchOf(watchKey(this)).start(async (known) => ({ events: [], state: known ?? (await activate(client, settings)) }));
					writeState(this.getWorkflowStaticData('node'), state);
				} catch (error) {
					throw toNodeError(this.getNode(), error);
				}
				return true;
			},
			/** Deactivation or an update: the static data is the truth again when the trigger comes back. */
			async delete(this: IHookFunctions): Promise<boolean> {
				forgetWatch(watchKey(this));
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		if (!keyMatches(await expectedKey(this), request.query)) {
			response.status(REFUSED.status).json(REFUSED.body);
			return { noWebhookResponse: true };
		}
		// SigningHub probes the Completion Report URL with HEAD before it posts: a probe is no news.
		if (request.method === 'HEAD') {
			response.status(200).end();
			return { noWebhookResponse: true };
		}
		if (this.getMode() === 'manual') {
			try {
				const { client, settings } = await settingsOf(this, LOOK_BUDGET_MS);
				const event = await latestEvent(client, settings);
				return event ? { workflowData: [[{ json: event }]] } : { webhookResponse: { message: 'No SigningHub package matches the chosen events yet' } };
			} catch (error) {
				return lookFailed(this, error);
			}
		}

		const call = readCall(request.query, request.body);
		const staticData = this.getWorkflowStaticData('node');
		const watch = watchOf(watchKey(this));
		const look = async (state: TriggerState | undefined): Promise<LookOutcome> => {
			// The credential is read and the deadline set when the look starts, not when the call came.
			const { client, settings } = await settingsOf(this, LOOK_BUDGET_MS);
			const known = state ?? stateIn(staticData);
			return known ? await findChanges(client, known, settings) : { events: [], state: await activate(client, settings) };
		};
		try {
			const before = entryOf(watch.state ?? stateIn(staticData), call.packageId ?? '');
			let outcome = await watch.join(look);
			if (!outcome) {
				// n8n saves this call's static data when it changed: the newest state this process knows goes with it.
				if (watch.state && JSON.stringify(stateIn(staticData)) !== JSON.stringify(watch.state)) writeState(staticData, watch.state);
				return { webhookResponse: { message: 'A look is planned already: it will see this change' } };
			}
			const named = call.packageId;
			const nothingSeen = named !== undefined && !outcome.events.some((event) => String(event.packageId) === named) && entryOf(outcome.state, named) === before;
			if (nothingSeen && watch.claimRecheck()) {
				try {
					await sleep(RECHECK_AFTER_MS);
					// A recheck that fails loses nothing: the events found stand, the next call looks again.
					const again = await watch.join(look).catch(() => undefined);
					if (again) outcome = { events: [...outcome.events, ...again.events], state: again.state };
				} finally {
					watch.releaseRecheck();
				}
			}
			// Only the newest state goes to n8n's static data (a call that returns late must not write an older one).
			const newest = () => outcome.state === watch.state;
			if (newest()) writeState(staticData, outcome.state);
			if (outcome.events.length === 0) return { webhookResponse: { message: 'Looked: no new events' } };
			keepAfterStart(staticData, outcome.state, newest);
			return { workflowData: [outcome.events.map((json) => ({ json }))] };
		} catch (error) {
			// Nothing starts and nothing is lost: the state stays, and the next call looks again.
			return lookFailed(this, error);
		}
	}
}
