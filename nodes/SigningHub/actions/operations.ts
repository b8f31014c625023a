import type { INodeProperties } from 'n8n-workflow';

import type { Operation, Resource } from './types';
import { completeWorkflow } from './workflow/complete.operation';
import { getWorkflow } from './workflow/get.operation';

/** Every operation of the node. Adding one: write its file, then list it here. */
const OPERATIONS = [completeWorkflow, getWorkflow] as Array<Operation<never>>;

const RESOURCE_NAMES: Record<Resource, string> = {
	workflow: 'Workflow',
};

export function findOperation(resource: string, operation: string): Operation<never> | undefined {
	return OPERATIONS.find((candidate) => candidate.resource === resource && candidate.value === operation);
}

/** The node's Resource and Operation menus and each operation's fields, built from OPERATIONS. */
export function operationProperties(): INodeProperties[] {
	const resources = [...new Set(OPERATIONS.map((operation) => operation.resource))];
	const menus: INodeProperties[] = resources.map((resource) => {
		const options = OPERATIONS.filter((operation) => operation.resource === resource).sort((a, b) =>
			a.name.localeCompare(b.name),
		);
		const firstOperation = options[0].value;
		return {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: options.map(({ name, value, description, action }) => ({ name, value, description, action })),
			default: firstOperation,
		};
	});
	const fields = OPERATIONS.flatMap((operation) =>
		operation.properties.map((property) => ({
			...property,
			displayOptions: { show: { resource: [operation.resource], operation: [operation.value] } },
		})),
	);
	const firstResource = resources[0];
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map((resource) => ({ name: RESOURCE_NAMES[resource], value: resource })),
			default: firstResource,
		},
		...menus,
		...fields,
	];
}
