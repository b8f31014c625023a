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
		documentationUrl: 'https://github.com/signinghub-n8n/n8n-nodes-signinghub#operations',
		defaults: {
			name: 'SigningHub',
		},
		usableAsTool: true,
		builderHint: {
			searchHint:
				'E-signature with SigningHub (Ascertia): send PDFs for signature (Package > Send for Signature, with a template or with signature fields placed next to texts), complete, recall or hand over packages (Change Owner), download signed documents and the evidence report, read form fields and signatures, manage recipients and reminders. Binary input: the PDFs to sign. Start a workflow on signing events with SigningHub Instant Trigger.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-signinghub.signingHubInstantTrigger', relationHint: 'Starts a workflow within seconds when a package is signed, completed, declined or shared' },
				{ nodeType: 'n8n-nodes-signinghub.signingHubTrigger', relationHint: 'Polls for the same events where SigningHub cannot reach n8n' },
				{ nodeType: 'n8n-nodes-base.formTrigger', relationHint: 'Collects the details and the PDF to send for signature' },
				{ nodeType: 'n8n-nodes-base.if', relationHint: 'Branches on package_status or on a dry-run flag before a destructive operation (Recall, Delete, Change Owner)' },
			],
		},
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
