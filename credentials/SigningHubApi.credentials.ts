import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { bearerTokenOf, preAuthenticate } from '../nodes/SigningHub/transport/auth';
import { PROBE_PARAMETERS, resolvePath } from '../nodes/SigningHub/transport/endpoints';

const loginModes = ['userLogin', 'enterpriseScope', 'clientCredentials'];

export class SigningHubApi implements ICredentialType {
	name = 'signingHubApi';

	displayName = 'SigningHub API';

	icon: Icon = { light: 'file:signinghub.svg', dark: 'file:signinghub.dark.svg' };

	documentationUrl = 'https://github.com/signinghub-n8n/n8n-nodes-signinghub#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authMethod',
			type: 'options',
			default: 'userLogin',
			options: [
				{
					name: 'Access Token',
					value: 'accessToken',
					description: 'Paste a bearer token that belongs to the document owner',
				},
				{
					name: 'Client Credentials (No Password)',
					value: 'clientCredentials',
					description: "The integration's client ID and secret alone: no person's password is stored",
				},
				{
					name: 'Enterprise Admin on Behalf of a User',
					value: 'enterpriseScope',
					description: "An enterprise admin's login that acts for another user of the enterprise (SigningHub's scope)",
				},
				{
					name: 'User Login',
					value: 'userLogin',
					description: "The integration's client ID and secret plus the document owner's email and password",
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.signinghub.com',
			placeholder: 'https://api.signinghub.com',
			description:
				'The SigningHub API address: the Ascertia cloud, a regional install (e.g. https://api.signinghub.co.za) or your on-premises "API Address (Public)"',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			default: 'v4',
			options: [
				{ name: 'V3 (SigningHub 7.7.9 and Earlier)', value: 'v3' },
				{ name: 'V4 (SigningHub 8 and Later, Ascertia Cloud)', value: 'v4' },
			],
			description: "SigningHub's API version: v4 for today's Ascertia cloud and SigningHub 8 or later",
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMethod: ['accessToken'] } },
			description: 'A bearer token of the document owner. It is used as is and never renewed.',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { authMethod: loginModes } },
			description: "The integration's Application Name, under Enterprise Settings > Integrations in SigningHub",
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMethod: loginModes } },
			description: "The integration's API Key, under Enterprise Settings > Integrations in SigningHub",
		},
		{
			displayName:
				"SigningHub decides which user this integration's token acts for (set up with the integration in SigningHub). Nodes cannot use Act as User with it: SigningHub documents acting for another user only for an enterprise admin's login.",
			name: 'clientCredentialsNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { authMethod: ['clientCredentials'] } },
		},
		{
			displayName: 'Email',
			name: 'username',
			type: 'string',
			placeholder: 'owner@example.com',
			default: '',
			required: true,
			displayOptions: { show: { authMethod: ['userLogin'] } },
			hint: "The document owner's SigningHub email",
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMethod: ['userLogin'] } },
			hint: "The document owner's SigningHub password",
		},
		{
			displayName: 'Admin Email',
			name: 'username',
			type: 'string',
			placeholder: 'admin@example.com',
			default: '',
			required: true,
			displayOptions: { show: { authMethod: ['enterpriseScope'] } },
			hint: "The enterprise admin's own email, not the user's",
		},
		{
			displayName: 'Admin Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { authMethod: ['enterpriseScope'] } },
			hint: "The enterprise admin's own password",
		},
		{
			displayName: 'Act as User',
			name: 'scope',
			type: 'string',
			placeholder: 'owner@example.com',
			default: '',
			required: true,
			displayOptions: { show: { authMethod: ['enterpriseScope'] } },
			hint: "The email of the user to act for, usually the documents' owner",
			description: "SigningHub's scope. The admin's enterprise role needs the application integration privilege.",
		},
		{
			displayName: 'Allow Act as User From Nodes',
			name: 'actAsUserPolicy',
			type: 'options',
			default: 'none',
			options: [
				{
					name: 'No (Only the User Above)',
					value: 'none',
					description: "Nodes act only for the user in 'Act as User' above; their own Act as User option fails the item",
				},
				{
					name: 'Any User of the Enterprise',
					value: 'anyUser',
					description: 'Every node (and AI agent) using this credential may act for any user of the enterprise',
				},
				{
					name: 'Only Listed Users or Domains',
					value: 'listed',
					description: 'Nodes may act only for the users and email domains listed below',
				},
			],
			displayOptions: { show: { authMethod: ['enterpriseScope'] } },
			description:
				"Whether a node's own Act as User option may switch this admin credential to another user, per item. Off by default: anyone who can use the credential, an AI agent included, could otherwise read, recall or delete any user's packages.",
		},
		{
			displayName: 'Users and Domains Allowed',
			name: 'actAsUserAllowed',
			type: 'string',
			default: '',
			placeholder: 'owner@example.com, @sales.example.com',
			displayOptions: { show: { authMethod: ['enterpriseScope'], actAsUserPolicy: ['listed'] } },
			description: 'Emails, and domains written as @example.com, separated by commas, spaces or new lines',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the SSL certificate cannot be verified, e.g. an on-premises SigningHub with an internal certificate authority',
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Session Expires At',
			name: 'sessionExpiresAt',
			type: 'hidden',
			default: 0,
		},
		{
			displayName: 'Token Identity',
			name: 'tokenIdentity',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * n8n calls this when the session token is empty and on a credential test, and stores
	 * what it returns in the credential, so every execution reuses the token.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await preAuthenticate(this, credentials);
	}

	/**
	 * A function rather than an expression: n8n evaluates credential expressions on every request.
	 * A stored token is sent only for the login that got it: after an edit, SigningHub answers
	 * 401 and n8n logs in again with what was typed (preAuthentication), Test button included.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const token = bearerTokenOf(credentials);
		if (token === '') return requestOptions;
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: `={{$credentials.apiVersion === "v3" ? "${resolvePath('packages', 'v3', PROBE_PARAMETERS)}" : "${resolvePath('packages', 'v4', PROBE_PARAMETERS)}"}}`,
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
			disableFollowRedirect: true,
		},
	};
}
