import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SigningHubClient } from '../transport';
import type { RunOptions } from './options';

export type Resource = 'document' | 'package' | 'recipient' | 'template' | 'workflow';

/** What an operation's execute step gets for one input item. */
export interface ItemContext {
	n8n: IExecuteFunctions;
	itemIndex: number;
	/** The client acting for this item's user (the credential's, or Act as User's). */
	client: SigningHubClient;
	options: RunOptions;
}

/** One operation: its place in the node's menus, its fields and options, and its step for one item. */
export interface Operation {
	resource: Resource;
	/** Saved workflows store this: never change it. */
	value: string;
	name: string;
	description: string;
	action: string;
	/** Fields shown for this operation; their own display conditions are kept and narrowed to it. */
	properties: INodeProperties[];
	/** Options shown in the node's Options only for this operation. */
	options?: INodeProperties[];
	/** The item's identifying inputs, as the user gave them, for its error payload. */
	identify(n8n: IExecuteFunctions, itemIndex: number): IDataObject;
	/**
	 * Reads and checks the item's parameters (an InvalidInputError before any request), calls
	 * SigningHub, and returns the item's output: one item, or several for list operations.
	 */
	execute(item: ItemContext): Promise<INodeExecutionData | INodeExecutionData[]>;
}

/** A parameter value that must not reach SigningHub. */
export class InvalidInputError extends Error {
	override readonly name = 'InvalidInputError';

	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
	}
}
