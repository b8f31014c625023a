import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CANCELLED, errorPayload, SigningHubClient, SigningHubError, toNodeError } from '../transport';
import { findOperation, offeredToAgents } from './operations';
import { actAsUserOption, readRunSettings } from './options';
import { checkEmail, readOption, readText } from './parameters';
import type { BatchOperation, Operation } from './types';

async function forEachConcurrently(indexes: number[], limit: number, work: (index: number) => Promise<void>) {
	let next = 0;
	const worker = async () => {
		while (next < indexes.length) await work(indexes[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(limit, indexes.length) }, worker));
}

/** The client for one item: the credential's own user, or the user in the item's Act as User. */
function clientFor(client: SigningHubClient, context: IExecuteFunctions, itemIndex: number): SigningHubClient {
	if (readOption(context, itemIndex, actAsUserOption) === undefined) return client;
	return client.forUser(checkEmail(readText(context, itemIndex, 'options.actAsUser', 'Act as User'), 'Act as User'));
}

/** Item indexes as short ranges: "0 to 8, 10". */
function describeItems(indexes: number[]): string {
	const ranges: string[] = [];
	for (let i = 0; i < indexes.length; ) {
		let end = i;
		while (end + 1 < indexes.length && indexes[end + 1] === indexes[end] + 1) end++;
		ranges.push(end === i ? `${indexes[i]}` : `${indexes[i]} to ${indexes[end]}`);
		i = end + 1;
	}
	return ranges.join(', ');
}

/** What a run stopped by a failure says about the items it had already carried out. */
function doneNote(done: number[]): string | undefined {
	if (done.length === 0) return undefined;
	return `Before the run stopped, SigningHub carried out item${done.length === 1 ? '' : 's'} ${describeItems(done)}: leave ${done.length === 1 ? 'it' : 'them'} out when you run the others again.`;
}

/** What the send step of a run works with: the items read, and where each one's output or failure goes. */
interface Run {
	context: IExecuteFunctions;
	ready: Map<number, { client: SigningHubClient; inputs: unknown }>;
	results: INodeExecutionData[][];
	failures: Map<number, unknown>;
	continueOnFail: boolean;
	parallelRequests: number;
	cancelSignal: AbortSignal | undefined;
}

/** Sends the items one by one, several at a time; with On Error = Stop, none after a failure. */
async function sendEach({ context, ready, results, failures, continueOnFail, parallelRequests, cancelSignal }: Run, operation: Operation) {
	await forEachConcurrently([...ready.keys()], parallelRequests, async (itemIndex) => {
		if (!continueOnFail && failures.size > 0) return;
		if (cancelSignal?.aborted) {
			failures.set(itemIndex, new SigningHubError(CANCELLED));
			return;
		}
		const { client, inputs } = ready.get(itemIndex) as { client: SigningHubClient; inputs: unknown };
		try {
			const output = await operation.send({ context, itemIndex, client }, inputs);
			results[itemIndex] = (Array.isArray(output) ? output : [output]).map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
		} catch (error) {
			failures.set(itemIndex, error);
		}
	});
}

/** Sends each user's items together (one batch per Act as User), each output paired to its item. */
async function sendTogether({ context, ready, results, failures, parallelRequests, cancelSignal }: Run, operation: BatchOperation) {
	const byClient = new Map<SigningHubClient, number[]>();
	for (const [itemIndex, { client }] of ready) byClient.set(client, [...(byClient.get(client) ?? []), itemIndex]);
	const batches = [...byClient];
	await forEachConcurrently(batches.map((_, batch) => batch), parallelRequests, async (batch) => {
		const [client, indexes] = batches[batch];
		if (cancelSignal?.aborted) {
			indexes.forEach((itemIndex) => failures.set(itemIndex, new SigningHubError(CANCELLED)));
			return;
		}
		try {
			const outputs = await operation.sendAll({ context, client }, indexes.map((itemIndex) => ({ itemIndex, inputs: ready.get(itemIndex)?.inputs })));
			outputs.forEach((output, position) => {
				const itemIndex = indexes[position];
				if (output instanceof Error) failures.set(itemIndex, output);
				else results[itemIndex] = [{ ...output, pairedItem: { item: itemIndex } }];
			});
		} catch (error) {
			indexes.forEach((itemIndex) => failures.set(itemIndex, error));
		}
	});
}

/**
 * Runs the chosen operation for every input item and returns each item's output in input
 * order, paired to it: the operation's items, or one `{error: {...}}` item when the node
 * continues on failure (n8n routes such items to the error output when that is enabled).
 * Every item is read and checked first; with On Error = Stop a bad item fails the run before
 * anything is sent. Then the items go to SigningHub, several at a time.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	if (this.getNode().type.endsWith('Tool') && !offeredToAgents(operation)) {
		throw new NodeOperationError(this.getNode(), `${operation.name} is not offered to AI agents`, {
			description: 'It only moves binary files, which an agent cannot hand over. Use the SigningHub node itself, outside the agent, for it.',
		});
	}
	const settings = readRunSettings(this);
	const continueOnFail = this.continueOnFail();

	const failures = new Map<number, unknown>();
	const ready = new Map<number, { client: SigningHubClient; inputs: unknown }>();
	let client: SigningHubClient | undefined;
	try {
		client = await SigningHubClient.create(this, settings);
	} catch (error) {
		items.forEach((_, itemIndex) => failures.set(itemIndex, error));
	}
	if (client) {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const itemClient = clientFor(client, this, itemIndex);
				ready.set(itemIndex, { client: itemClient, inputs: operation.read({ context: this, itemIndex, apiVersion: client.apiVersion }) });
			} catch (error) {
				failures.set(itemIndex, error);
				if (!continueOnFail) break;
			}
		}
	}

	const results: INodeExecutionData[][] = new Array(items.length);
	if (continueOnFail || failures.size === 0) {
		const run: Run = { context: this, ready, results, failures, continueOnFail, parallelRequests: settings.parallelRequests, cancelSignal: this.getExecutionCancelSignal?.() };
		if ('sendAll' in operation) await sendTogether(run, operation);
		else await sendEach(run, operation);
	}

	if (failures.size > 0 && !continueOnFail) {
		const itemIndex = Math.min(...failures.keys());
		const done = results.flatMap((result, index) => (result ? [index] : []));
		throw toNodeError(this.getNode(), failures.get(itemIndex), itemIndex, doneNote(done));
	}
	for (const [itemIndex, failure] of failures) {
		const error = errorPayload(failure, operation.identifyingInputs(this, itemIndex));
		results[itemIndex] = [{ json: { error }, pairedItem: { item: itemIndex } }];
	}
	return [results.flat()];
}
