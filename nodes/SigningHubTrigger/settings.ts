import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

/** What the polling trigger and the instant trigger both offer: the events and their options. */

export const EVENTS_PROPERTY: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	required: true,
	default: ['packageCompleted'],
	options: [
		{ name: 'Package Completed', value: 'packageCompleted', description: "A package's workflow completed" },
		{ name: 'Package Declined', value: 'packageDeclined', description: 'A recipient declined a package' },
		{ name: 'Package Shared', value: 'packageShared', description: 'A draft package was shared with its recipients' },
		{ name: 'Recipient Signed', value: 'recipientSigned', description: 'A recipient signed, reviewed or edited (v3: processed): one event per recipient action' },
	],
};

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
