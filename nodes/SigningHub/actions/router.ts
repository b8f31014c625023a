import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CANCELLED, RequestFailure, SigningHubClient, SigningHubError } from '../transport';
import { readRunOptions, type RunOptions } from './options';
import { findOperation } from './operations';
import { checkEmail, readText } from './parameters';
import { InvalidInputError } from './types';

interface ItemFailure {
	message: string;
	description: string;
	responseStatus: number | null;
	signingHubMessage: string | null;
	attempts: number;
}

function toItemFailure(error: unknown): ItemFailure {
	if (error instanceof InvalidInputError) {
		return { message: error.message, description: error.description, responseStatus: null, signingHubMessage: null, attempts: 0 };
	}
	if (error instanceof SigningHubError) {
		return {
			message: error.message,
			description: error.description,
			responseStatus: error.responseStatus,
			signingHubMessage: error.signingHubMessage,
			attempts: error instanceof RequestFailure ? error.attempts : 0,
		};
	}
	return {
		message: (error as Error)?.message ?? 'Unknown error',
		description: 'An unexpected error happened in the SigningHub node. If it persists, report it with the steps that lead to it.',
		responseStatus: null,
		signingHubMessage: null,
		attempts: 0,
	};
}

function toNodeError(context: IExecuteFunctions, failure: ItemFailure, itemIndex: number) {
	const message = `${failure.message} [item ${itemIndex}]`;
	const error =
		failure.responseStatus === null
			? new NodeOperationError(context.getNode(), message, { itemIndex, description: failure.description })
			: new NodeApiError(context.getNode(), { message, description: failure.description } as JsonObject, {
					message,
					description: failure.description,
					httpCode: String(failure.responseStatus),
					itemIndex,
				});
	// n8n swaps a message that mentions a code such as ECONNREFUSED for a generic one: keep ours.
	error.message = message;
	return error;
}

async function forEachConcurrently(count: number, limit: number, work: (index: number) => Promise<void>) {
	let next = 0;
	const worker = async () => {
		while (next < count) await work(next++);
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

const cancelledFailure: ItemFailure = { ...CANCELLED, attempts: 0 };

/** The client for one item: the credential's own user, or the user in the item's Act as User. */
function clientFor(client: SigningHubClient, context: IExecuteFunctions, itemIndex: number, options: RunOptions): SigningHubClient {
	if (options.chosen.actAsUser === undefined) return client;
	const email = readText(context, itemIndex, 'options.actAsUser', 'Act as User', false);
	return email === '' ? client : client.forUser(checkEmail(email, 'Act as User'));
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
	const options = readRunOptions(this);
	const continueOnFail = this.continueOnFail();

	let client: SigningHubClient | undefined;
	let setupFailure: unknown;
	try {
		client = await SigningHubClient.create(this, options);
	} catch (error) {
		setupFailure = error;
	}

	const results: INodeExecutionData[][] = new Array(items.length);
	const failures = new Map<number, ItemFailure>();
	const cancelSignal = this.getExecutionCancelSignal?.();

	await forEachConcurrently(items.length, options.parallelRequests, async (itemIndex) => {
		if (!continueOnFail && failures.size > 0) return;
		if (cancelSignal?.aborted) {
			failures.set(itemIndex, cancelledFailure);
			return;
		}
		try {
			if (setupFailure) throw setupFailure;
			const itemClient = clientFor(client as SigningHubClient, this, itemIndex, options);
			const output = await operation.execute({ n8n: this, itemIndex, client: itemClient, options });
			results[itemIndex] = (Array.isArray(output) ? output : [output]).map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
		} catch (error) {
			failures.set(itemIndex, toItemFailure(error));
		}
	});

	if (failures.size > 0 && !continueOnFail) {
		const itemIndex = Math.min(...failures.keys());
		throw toNodeError(this, failures.get(itemIndex) as ItemFailure, itemIndex);
	}
	for (const [itemIndex, failure] of failures) {
		const error: IDataObject = {
			message: failure.message,
			description: failure.description,
			httpCode: failure.responseStatus,
			signingHubMessage: failure.signingHubMessage,
			...operation.identify(this, itemIndex),
			attempts: failure.attempts,
		};
		results[itemIndex] = [{ json: { error }, pairedItem: { item: itemIndex } }];
	}
	return [results.flat()];
}
