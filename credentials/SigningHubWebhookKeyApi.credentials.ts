import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { MIN_WEBHOOK_KEY_LENGTH } from '../nodes/SigningHubInstantTrigger/callback';

/**
 * The key a SigningHub Instant Trigger asks every call for (`?key=` in the URL SigningHub calls),
 * kept encrypted with n8n's credentials rather than in the workflow.
 */
export class SigningHubWebhookKeyApi implements ICredentialType {
	name = 'signingHubWebhookKeyApi';

	displayName = 'SigningHub Webhook Key API';

	icon: Icon = { light: 'file:signinghub.svg', dark: 'file:signinghub.dark.svg' };

	documentationUrl = 'https://github.com/signinghub-n8n/n8n-nodes-signinghub#signinghub-instant-trigger';

	properties: INodeProperties[] = [
		{
			displayName: 'Key',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: `A long random text (at least ${MIN_WEBHOOK_KEY_LENGTH} characters, e.g. from a password generator; letters and digits only, so it needs no encoding in a URL). Add it to the URL you paste into SigningHub as ?key=...`,
		},
	];
}
