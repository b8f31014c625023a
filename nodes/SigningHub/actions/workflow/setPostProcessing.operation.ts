import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../transport';
import { checkEmail, packageIdProperty, packageInput, readBoolean, readOption, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';

const toWorkflowRecipientsProperty: INodeProperties = {
	displayName: 'Also Send to Recipients',
	name: 'toWorkflowRecipients',
	type: 'boolean',
	default: false,
	description: "Whether the package's own recipients get the signed copy too",
};

const processingReportProperty: INodeProperties = {
	displayName: 'Attach Processing Report',
	name: 'processingReport',
	type: 'boolean',
	default: false,
	description: "Whether SigningHub's document processing report goes with the copy",
};

/** "Name <email>" or a bare email, comma-separated, as one writes addresses in a mail client. */
function readAddresses(text: string): IDataObject[] {
	return text
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '')
		.map((entry) => {
			const named = /^(.*?)\s*<([^>]+)>$/.exec(entry);
			const email = checkEmail((named ? named[2] : entry).trim(), 'Send Signed Copy To');
			return { name: named?.[1].trim() || email.split('@')[0], email };
		});
}

const messageOption: INodeProperties = { displayName: 'Message', name: 'message', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'The text of the email that carries the signed copy' };

export const setPostProcessing: Operation = {
	resource: 'workflow',
	value: 'setPostProcessing',
	name: 'Set Post-Processing',
	description: 'Send the signed copy of a package to given addresses when its workflow completes',
	action: 'Set the post-processing of a workflow',
	agent: {
		does: 'Makes SigningHub email the signed copy of a package to the given addresses (e.g. an archive or legal) when its workflow completes. Needs the package ID and the addresses, comma-separated ("Name <email>" or email). Returns the settings sent.',
		changes: "the package's post-processing settings",
		reaches: 'every address given, inside or outside the enterprise: each gets the signed documents by email when the workflow completes, and an email sent cannot be called back. Use only addresses the package owner named',
	},
	properties: [
		packageIdProperty('The ID of the package, e.g. 123'),
		{
			displayName: 'Send Signed Copy To',
			name: 'copyTo',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'Archive <archive@example.com>, legal@example.com',
			description: 'The addresses that get the signed copy, comma-separated: a name and the email in angle brackets, or just the email',
		},
		toWorkflowRecipientsProperty,
		processingReportProperty,
	],
	options: [
		messageOption,
	],
	identifyingInputs: packageInput,
	read({ context, itemIndex }) {
		const packageId = readPackageId(context, itemIndex);
		const recipients = readAddresses(readText(context, itemIndex, 'copyTo', 'Send Signed Copy To'));
		if (recipients.length === 0) throw invalidInput('Send Signed Copy To has no address', 'Set at least one email address, e.g. archive@example.com.');
		const body: IDataObject = {
			enabled: true,
			recipients,
			workflow_recipients: readBoolean(context, itemIndex, toWorkflowRecipientsProperty),
			document_processing_report: readBoolean(context, itemIndex, processingReportProperty),
		};
		const message = readOption(context, itemIndex, messageOption);
		if (message !== undefined) body.message = String(message).trim();
		return { packageId, body };
	},
	async send({ client }, { packageId, body }: { packageId: number; body: IDataObject }) {
		await client.request({
			method: 'PUT',
			endpoint: 'postProcessing',
			pathParameters: { packageId },
			body,
			expect: 'emptyOrJson',
			repeatable: true,
			action: `set the post-processing of package ${packageId}`,
		});
		return { json: { packageId, ...body, updated: true } };
	},
};
