import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SigningHubClient } from '../transport';
import type { NodeOptions } from './options';

export type Resource = 'workflow';

/** One operation: its place in the node's menus, its fields, and its per-item steps. */
export interface Operation<Input = unknown> {
	resource: Resource;
	/** Saved workflows store this: never change it. */
	value: string;
	name: string;
	description: string;
	action: string;
	/** Fields shown for this operation (the node adds the display conditions). */
	properties: INodeProperties[];
	/** Fields of the item that identify it in an error payload, as the user gave them. */
	identify(context: IExecuteFunctions, itemIndex: number): IDataObject;
	/** Reads and checks the item's parameters; throws InvalidInputError before any request. */
	prepare(context: IExecuteFunctions, itemIndex: number): Input;
	execute(client: SigningHubClient, input: Input, options: NodeOptions): Promise<IDataObject>;
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
