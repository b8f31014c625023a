import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CANCELLED, errorPayload, SigningHubClient, SigningHubError, toNodeError } from '../transport';
import { findOperation, offeredToAgents } from './operations';
import { readRunSettings } from './options';
import { checkEmail, readOption, readText } from './parameters';

async function forEachConcurrently(count: number, limit: number, work: (index: number) => Promise<void>) {
	let next = 0;
	const worker = async () => {
		while (next < count) await work(next++);
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/** The client for one item: the credential's own user, or the user in the item's Act as User. */
function clientFor(client: SigningHubClient, context: IExecuteFunctions, itemIndex: number): SigningHubClient {
	if (readOption(context, itemIndex, 'actAsUser') === undefined) return client;
	return client.forUser(checkEmail(readText(context, itemIndex, 'options.actAsUser', 'Act as User'), 'Act as User'));
}

/**
 * Runs the chosen operation for every input item, several at a time, and returns each item's
 * output in input order, paired to it: the operation's items, or one `{error: {...}}` item
 * when the node continues on failure (n8n routes such items to the error output when that is
 * enabled). A bad value fails its item before anything is sent.
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

	let client: SigningHubClient | undefined;
	let setupFailure: unknown;
	try {
		client = await SigningHubClient.create(this, settings);
	} catch (error) {
		setupFailure = error;
	}

	const results: INodeExecutionData[][] = new Array(items.length);
	const failures = new Map<number, unknown>();
	const cancelSignal = this.getExecutionCancelSignal?.();

	await forEachConcurrently(items.length, settings.parallelRequests, async (itemIndex) => {
		if (!continueOnFail && failures.size > 0) return;
		if (cancelSignal?.aborted) {
			failures.set(itemIndex, new SigningHubError(CANCELLED));
			return;
		}
		try {
			if (setupFailure) throw setupFailure;
			const itemClient = clientFor(client as SigningHubClient, this, itemIndex);
			const output = await operation.execute({ context: this, itemIndex, client: itemClient });
			results[itemIndex] = (Array.isArray(output) ? output : [output]).map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
		} catch (error) {
			failures.set(itemIndex, error);
		}
	});

	if (failures.size > 0 && !continueOnFail) {
		const itemIndex = Math.min(...failures.keys());
		throw toNodeError(this.getNode(), failures.get(itemIndex), itemIndex);
	}
	for (const [itemIndex, failure] of failures) {
		const error = errorPayload(failure, operation.identifyingInputs(this, itemIndex));
		results[itemIndex] = [{ json: { error }, pairedItem: { item: itemIndex } }];
	}
	return [results.flat()];
}
