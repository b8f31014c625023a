import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties } from './actions/operations';
import { router } from './actions/router';
import { searchTemplates } from './methods/listSearch';
import { getFillableFields } from './methods/resourceMapping';

export class SigningHub implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SigningHub',
		name: 'signingHub',
		icon: { light: 'file:signinghub.svg', dark: 'file:signinghub.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send, manage and track SigningHub packages',
		documentationUrl: 'https://github.com/signinghub-n8n/n8n-nodes-signinghub#the-node',
		defaults: {
			name: 'SigningHub',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'signingHubApi',
				required: true,
			},
		],
		properties: nodeProperties(),
	};

	methods = { listSearch: { searchTemplates }, resourceMapping: { getFillableFields } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
