import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SigningHubClient } from '../transport';

export type Resource = 'document' | 'package' | 'recipient' | 'template' | 'workflow';

/** What an operation's execute step gets for one input item. */
export interface ItemContext {
	context: IExecuteFunctions;
	itemIndex: number;
	/** The client acting for this item's user (the credential's, or Act as User's). */
	client: SigningHubClient;
}

/** One operation: its place in the node's menus, its fields and options, and its step for one item. */
export interface Operation {
	resource: Resource;
	/** Saved workflows store this: never change it. */
	value: string;
	name: string;
	description: string;
	action: string;
	/**
	 * What n8n's AI Agent reads about this operation when the node is its tool: what it does, what
	 * it needs, what it returns, and whether it destroys something. An operation without one
	 * (one that only moves binary files, which an agent cannot hand over) is not offered to agents.
	 */
	toolDescription?: string;
	/** Fields shown for this operation; their own display conditions are kept and narrowed to it. */
	properties: INodeProperties[];
	/** Options shown in the node's Options only for this operation; read per item by execute. */
	options?: INodeProperties[];
	/** The item's identifying inputs, as the user gave them, for its error payload. */
	identifyingInputs(context: IExecuteFunctions, itemIndex: number): IDataObject;
	/**
	 * Reads and checks the item's parameters and options (an invalid-input error before any
	 * request), calls SigningHub, and returns the item's output: one item, or several for lists.
	 */
	execute(item: ItemContext): Promise<INodeExecutionData | INodeExecutionData[]>;
}
