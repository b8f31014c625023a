import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { findDocument } from '../../reads';
import { invalidInput } from '../../transport';
import { checkEmail, documentIdOption, inputsNamed, packageIdProperty, readBooleanOption, readOption, readId, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';

const collapsePanelsOption: INodeProperties = {
	displayName: 'Collapse Panels',
	name: 'collapsePanels',
	type: 'boolean',
	default: false,
	description: "Whether SigningHub's side panels start collapsed",
};

const lockPanelsOption: INodeProperties = {
	displayName: 'Lock Panels',
	name: 'lockPanels',
	type: 'boolean',
	default: false,
	description: "Whether the recipient cannot open SigningHub's side panels",
};

const DEFAULT_LANGUAGE = 'en-US';

/** What the integration link shows first: the document viewer, as the one working public client asks (section VIEWER). */
const SECTION = 'VIEWER';

const isLoopback = (hostname: string) => hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);

/**
 * An https address the recipient's browser goes back to (http only on this machine's loopback, for
 * development): the browser comes back with the link's outcome, which nobody on the way may read
 * or change.
 */
function checkCallbackUrl(value: string): string {
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname)))) {
		throw invalidInput(
			`Callback URL must be an https address, not "${value.slice(0, 40)}"`,
			'Set Callback URL to the https page of your portal the signer returns to, e.g. https://portal.example.com/signed (http only for localhost or 127.0.0.1 while developing).',
		);
	}
	return value;
}

const documentOption = documentIdOption("The document to open first; without it, the package's first document");
const languageOption: INodeProperties = { displayName: 'Language', name: 'language', type: 'string', default: DEFAULT_LANGUAGE, placeholder: DEFAULT_LANGUAGE, description: "The language of SigningHub's screens, e.g. en-US or de-DE" };

export const getSigningLink: Operation = {
	resource: 'package',
	value: 'getSigningLink',
	name: 'Get Signing Link',
	description: "Get SigningHub's integration link for one recipient, for embedded signing in your portal (API v4)",
	action: 'Get a signing link for a package',
	agent: {
		does: "Creates a SigningHub link with which one recipient opens a shared package in a browser (embedded signing, e.g. in a portal iframe); afterwards the browser returns to the callback URL. Needs the package ID, the recipient's email and the callback URL; API v4 only. Returns the link in url.",
		reaches: 'whoever gets the link: they can open the package and sign as that recipient, without logging in',
		secret: 'hand the link only to that recipient (e.g. in their own portal page), never into a chat, a message to anyone else, a log or a shared document',
	},
	properties: [
		packageIdProperty('The ID of the shared package the recipient is to sign, e.g. 123'),
		{ displayName: 'Recipient Email', name: 'email', type: 'string', placeholder: 'name@email.com', required: true, default: '', description: 'The email of the recipient who opens the link' },
		{
			displayName: 'Callback URL',
			name: 'callbackUrl',
			type: 'string',
			placeholder: 'https://portal.example.com/signed',
			required: true,
			default: '',
			description:
				"Where SigningHub sends the recipient's browser when they are done: an https address. The link this returns is a secret: whoever holds it can open the package and sign as the recipient, so hand it only to them.",
		},
	],
	options: [
		collapsePanelsOption,
		documentOption,
		languageOption,
		lockPanelsOption,
	],
	identifyingInputs: inputsNamed('packageId', 'email'),
	read({ context, itemIndex, apiVersion }) {
		const packageId = readPackageId(context, itemIndex);
		const email = checkEmail(readText(context, itemIndex, 'email', 'Recipient Email'), 'Recipient Email');
		const callbackUrl = checkCallbackUrl(readText(context, itemIndex, 'callbackUrl', 'Callback URL'));
		const documentId = readOption(context, itemIndex, documentOption) === undefined ? undefined : readId(context, itemIndex, 'options.documentId', 'Document ID');
		const language = String(readOption(context, itemIndex, languageOption) ?? DEFAULT_LANGUAGE).trim();
		if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) {
			throw invalidInput(`Language must be a language tag such as en-US, not "${language.slice(0, 40)}"`, 'Set Language to a tag such as en-US, de-DE or fr-FR.');
		}
		if (apiVersion !== 'v4') {
			throw invalidInput(
				'Get Signing Link needs API v4',
				"SigningHub v3 has no API call for integration links. Switch the credential's API Version to V4 if your SigningHub speaks it (SigningHub 8 and later).",
			);
		}
		const body: IDataObject = {
			package_id: packageId,
			user_email: email,
			callback_url: callbackUrl,
			language,
			collapse_panels: readBooleanOption(context, itemIndex, collapsePanelsOption),
			lock_panels: readBooleanOption(context, itemIndex, lockPanelsOption),
			section: SECTION,
		};
		return { packageId, email, documentId, body };
	},
	async send({ client }, { packageId, email, documentId, body }: { packageId: number; email: string; documentId?: number; body: IDataObject }) {
		// The one working public client always sends a document (KB, signinghub-api-next.md section 6).
		const opened = documentId ?? (await findDocument(client, packageId)).documentId;
		const response = await client.request({
			method: 'POST',
			endpoint: 'integrationLink',
			body: { ...body, document_id: opened },
			expect: 'jsonString',
			repeatable: true,
			action: `get a signing link for ${email} on package ${packageId}`,
		});
		return { json: { packageId, email, url: response.body as string } };
	},
};
