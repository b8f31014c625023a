import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invalidInput } from '../../transport';
import { reworded } from '../failures';
import { checkChoice, inputsNamed, packageIdProperty, readBooleanOption, readId, readOption, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';
import { documentIdProperty } from './documentFields';

const OWN_TOKEN =
	"Sign needs the signer's own token: a SigningHub credential in User Login or Access Token mode for the user the field is assigned to. SigningHub does not let an enterprise admin sign for someone else (Enterprise Admin mode or Act as User).";

const APPEARANCES = ['COMPANY_LOGO', 'DETAILED_SIGNATURE', 'HAND_SIGNATURE'];

const appearanceOption: INodeProperties = {
	displayName: 'Appearance',
	name: 'appearance',
	type: 'options',
	default: 'DETAILED_SIGNATURE',
	options: [
		{ name: 'Company Logo', value: 'COMPANY_LOGO' },
		{ name: 'Detailed Signature', value: 'DETAILED_SIGNATURE' },
		{ name: 'Hand Signature', value: 'HAND_SIGNATURE' },
	],
	description: "How the signature looks on the page. Without this option SigningHub uses the user's default.",
};

const finishOption: INodeProperties = {
	displayName: 'Finish',
	name: 'finish',
	type: 'boolean',
	default: true,
	description: "Whether to tell SigningHub the signer is done once the field is signed (Finish Processing), so the workflow moves on; SigningHub needs it from the last signer, or the package stays in progress",
};

const skipVerificationOption: INodeProperties = {
	displayName: 'Skip Verification',
	name: 'skipVerification',
	type: 'boolean',
	default: false,
	description: 'Whether SigningHub skips verifying the signature after signing (its answer then carries no verification)',
};

const textOption = (displayName: string, name: string, description: string): INodeProperties => ({ displayName, name, type: 'string', default: '', description });

/** The request body's optional text settings, each with SigningHub's name for it. */
const TEXT_SETTINGS: Array<[INodeProperties, string]> = [
	[textOption('Contact Information', 'contactInformation', 'Written into the signature'), 'contact_information'],
	[textOption('Signing Capacity', 'signingCapacity', "One of the signer's signing capacities in SigningHub, exactly as named there (e.g. Company seal). Without it SigningHub uses the default one."), 'signing_capacity'],
	[textOption('Signing Location', 'signingLocation', 'Written into the signature'), 'signing_location'],
	[textOption('Signing Reason', 'signingReason', 'Written into the signature'), 'signing_reason'],
	[textOption('Signing Server', 'signingServer', "The signing server as SigningHub names it. Without it SigningHub uses the capacity's."), 'signing_server'],
];

interface SignInputs {
	packageId: number;
	documentId: number;
	fieldName: string;
	finish: boolean;
	body: IDataObject;
}

export const signDocument: Operation<SignInputs> = {
	resource: 'document',
	value: 'sign',
	name: 'Sign',
	description: "Sign a signature field server-side with the signer's own SigningHub signing server and capacity, unattended (needs the signer's own token)",
	action: 'Sign a document',
	properties: [
		{
			displayName: "Sign needs the signer's own token: a credential in User Login or Access Token mode for the user the field is assigned to, not Enterprise Admin or Act as User",
			name: 'ownTokenNotice',
			type: 'notice',
			default: '',
		},
		packageIdProperty('The ID of the package, e.g. 123'),
		{ ...documentIdProperty, required: true, description: 'The document holding the field, as Get Fields or Workflow > Get shows it. Required: a signer who does not own the package cannot list its documents.' },
		{ displayName: 'Field Name', name: 'fieldName', type: 'string', required: true, default: '', placeholder: 'signature_2', description: 'The signature field to sign, assigned to the credential\'s user (Get Fields lists them)' },
	],
	options: [appearanceOption, finishOption, skipVerificationOption, ...TEXT_SETTINGS.map(([option]) => option)],
	identifyingInputs: inputsNamed('packageId', 'documentId', 'fieldName'),
	read({ context, itemIndex }) {
		const packageId = readPackageId(context, itemIndex);
		const documentId = readId(context, itemIndex, 'documentId', 'Document ID');
		const fieldName = readText(context, itemIndex, 'fieldName', 'Field Name');
		const finish = readBooleanOption(context, itemIndex, finishOption);
		const body: IDataObject = { field_name: fieldName, skip_verification: readBooleanOption(context, itemIndex, skipVerificationOption) };
		for (const [option, key] of TEXT_SETTINGS) {
			if (readOption(context, itemIndex, option) !== undefined) body[key] = readText(context, itemIndex, `options.${option.name}`, option.displayName);
		}
		const appearance = readOption(context, itemIndex, appearanceOption);
		if (appearance !== undefined) body.appearance_design = checkChoice(appearance, 'Appearance', APPEARANCES);
		return { packageId, documentId, fieldName, finish, body };
	},
	async send({ client }, { packageId, documentId, fieldName, finish, body }) {
		if (client.actsThroughScope) throw invalidInput("Sign cannot act through an enterprise admin's scope", OWN_TOKEN);
		let signed: IDataObject;
		try {
			const response = await client.request({
				method: 'POST',
				endpoint: 'signDocument',
				pathParameters: { packageId, documentId },
				body,
				expect: 'jsonObject',
				repeatable: false,
				action: `sign the field "${fieldName}" of document ${documentId} of package ${packageId}`,
			});
			signed = response.body as IDataObject;
		} catch (error) {
			throw reworded(error, (failure) => (failure.responseStatus === 401 || failure.responseStatus === 403 ? { description: `${failure.description} ${OWN_TOKEN}` } : undefined));
		}
		const status = String(signed.status ?? '').toUpperCase();
		const json: IDataObject = {
			packageId,
			documentId,
			fieldName,
			status,
			signed: status === 'SIGNED',
			waitingForAuthorisation: status === 'PENDING',
			transactionId: signed.transaction_id ?? null,
			verification: signed.verification ?? null,
			finished: false,
		};
		if (finish && status === 'SIGNED') {
			try {
				await client.request({ method: 'POST', endpoint: 'finishProcessing', pathParameters: { packageId }, expect: 'emptyOrJson', repeatable: false, action: `finish package ${packageId} after signing "${fieldName}"` });
			} catch (error) {
				throw reworded(error, (failure) => ({
					message: `Signed the field "${fieldName}", but ${failure.message.charAt(0).toLowerCase()}${failure.message.slice(1)}`,
					description: `${failure.description} The signature is applied: do not sign again (SigningHub refuses it); finish the document in SigningHub instead.`,
				}));
			}
			json.finished = true;
		}
		return { json };
	},
};
