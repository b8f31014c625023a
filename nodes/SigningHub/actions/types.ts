import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ApiVersion, SigningHubClient } from '../transport';

export type Resource = 'contact' | 'document' | 'package' | 'recipient' | 'template' | 'workflow';

/** What an operation's read step gets for one input item: no client, so it cannot send. */
export interface ReadContext {
	context: IExecuteFunctions;
	itemIndex: number;
	/** The credential's API version, for checks that differ between v3 and v4. */
	apiVersion: ApiVersion;
}

/** What an operation's send step gets for one input item. */
export interface ItemContext {
	context: IExecuteFunctions;
	itemIndex: number;
	/** The client acting for this item's user (the credential's, or Act as User's). */
	client: SigningHubClient;
}

/** What an operation that carries out many items in one SigningHub call gets: the items of one user. */
export interface BatchContext {
	context: IExecuteFunctions;
	client: SigningHubClient;
}

/** One item of a batch: its index and what `read` gave for it. */
export interface BatchItem<Inputs> {
	itemIndex: number;
	inputs: Inputs;
}

/**
 * One operation: its place in the node's menus, its fields and options, and its two steps for
 * one item. The router reads every item (`read`) before it sends any (`send`), so with On Error
 * = Stop a bad item stops the run before the first request.
 */
/**
 * An operation as an AI agent's tool: what it does, and what it does to the world, for the agent
 * to weigh before it calls it (n8n gives the agent these words, made into one text, as the tool's
 * description).
 */
export interface AgentTool {
	/** What it does, what it needs, what it returns. */
	does: string;
	/** What it changes in SigningHub; none: it only reads. */
	changes?: string;
	/** Who it can reach: whom SigningHub emails or lets act, who gets access. */
	reaches?: string;
	/** It takes something away or stops people acting: its description starts with "Destructive:". */
	destructive?: true;
	/** Its change cannot be undone (said as "Cannot be undone."). */
	final?: true;
	/** What its output grants to whoever holds it, when the output is a secret. */
	secret?: string;
}

export interface Operation<Inputs = unknown> extends OperationDescription<Inputs> {
	/** Calls SigningHub with what `read` gave, and returns the item's output: one item, or several for lists. */
	send(item: ItemContext, inputs: Inputs): Promise<INodeExecutionData | INodeExecutionData[]>;
}

/** An operation that carries out many items in one SigningHub call (bulk): read per item, sent together. */
export interface BatchOperation<Inputs = unknown> extends OperationDescription<Inputs> {
	/** Carries out every item of one user in one SigningHub call; returns, in the order of `items`, each item's output or its failure. */
	sendAll(batch: BatchContext, items: Array<BatchItem<Inputs>>): Promise<Array<INodeExecutionData | Error>>;
}

/** Any operation of the node's menus. */
export type AnyOperation = Operation | BatchOperation;

/** What every operation has: its place in the menus, its fields, its read step. */
interface OperationDescription<Inputs> {
	resource: Resource;
	/** Saved workflows store this: never change it. */
	value: string;
	name: string;
	description: string;
	action: string;
	/**
	 * What n8n's AI Agent reads about this operation when the node is its tool (see `AgentTool`).
	 * An operation without one (one that only moves binary files, which an agent cannot hand
	 * over) is not offered to agents.
	 */
	agent?: AgentTool;
	/** Fields shown for this operation; their own display conditions are kept and narrowed to it. */
	properties: INodeProperties[];
	/** Options shown in the node's Options only for this operation; read per item by `read`. */
	options?: INodeProperties[];
	/** The item's identifying inputs, as the user gave them, for its error payload. */
	identifyingInputs(context: IExecuteFunctions, itemIndex: number): IDataObject;
	/**
	 * Reads and checks the item's parameters and options: an invalid-input error for a bad
	 * value. Sends nothing and reads no file content.
	 */
	read(item: ReadContext): Inputs;
}
