import type { ICredentialDataDecryptedObject, INodeProperties, IRelatedNode } from 'n8n-workflow';

/** What the polling trigger and the instant trigger both offer: the events and their options. */

export const EVENTS_PROPERTY: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	default: ['packageCompleted'],
	builderHint: {
		propertyHint:
			"Pick every event the workflow handles; each event item says which one in 'event'. To store the signed PDF and the evidence report, choose packageCompleted and follow with SigningHub: Package > Download and Package > Download Evidence Report on {{ $json.packageId }}.",
	},
	options: [
		{ name: 'Package Completed', value: 'packageCompleted', description: "A package's workflow completed" },
		{ name: 'Package Declined', value: 'packageDeclined', description: 'A recipient declined a package' },
		{ name: 'Package Shared', value: 'packageShared', description: 'A draft package was shared with its recipients' },
		{ name: 'Recipient Signed', value: 'recipientSigned', description: 'A recipient signed, reviewed or edited (v3: processed): one event per recipient action' },
	],
};

/** For n8n's AI Workflow Builder: what usually follows either trigger. */
export const TRIGGER_RELATED_NODES: IRelatedNode[] = [
	{ nodeType: 'n8n-nodes-signinghub.signingHub', relationHint: 'Downloads the signed PDF and the evidence report of the packageId in each event, or reads its fields' },
];

export const INCLUDE_DETAILS_OPTION: INodeProperties = {
	displayName: 'Include Workflow Details',
	name: 'includeDetails',
	type: 'boolean',
	default: false,
	description: "Whether to add the package's Get Workflow Details answer to each event, in 'details' (one more request per package)",
};

/** The user whose packages the trigger watches, when the credential names it; an Access Token does not. */
export function ownerEmailOf(credentials: ICredentialDataDecryptedObject): string | undefined {
	const email = credentials.authMethod === 'enterpriseScope' ? credentials.scope || credentials.username : credentials.authMethod === 'userLogin' ? credentials.username : undefined;
	return typeof email === 'string' && email.trim() !== '' ? email.trim().toLowerCase() : undefined;
}
