import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readDocumentFields, readWorkflowDetails } from '../../reads';

import { invalidInput, SigningHubError, type SigningHubClient } from '../../transport';
import { reworded } from '../failures';
import { checkChoice, inputsNamed, itemParameter, packageIdProperty, readBooleanOption, readId, readOption, readPackageId, readText } from '../parameters';
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

/** When Finish Processing runs after signing (v3 guide page 1132: "after signing all the signature fields"). */
const FINISH_WHEN_DONE = 'WHEN_DONE';
const FINISH_ALWAYS = 'ALWAYS';
const FINISH_NEVER = 'NEVER';

const finishOption: INodeProperties = {
	displayName: 'Finish',
	name: 'finish',
	type: 'options',
	default: FINISH_WHEN_DONE,
	options: [
		{
			name: 'When No Field of the Signer Is Left',
			value: FINISH_WHEN_DONE,
			description: "After signing, read the package's fields and tell SigningHub the signer is done only when none of their signature fields is left unsigned",
		},
		{ name: 'Always', value: FINISH_ALWAYS, description: 'Tell SigningHub the signer is done right after signing, even with their other fields unsigned: they cannot sign those any more' },
		{ name: 'Never', value: FINISH_NEVER, description: 'Sign only; finish later with another Sign item or in SigningHub' },
	],
	description:
		"When to tell SigningHub the signer is done (Finish Processing), so the workflow moves on to the next recipient or completes. SigningHub means it for after all of the signer's signature fields are signed.",
};

const keyPasswordOption: INodeProperties = {
	displayName: 'Key Password',
	name: 'keyPassword',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: "The password of the signing capacity's key, for a capacity whose key SigningHub keeps protected by a password (SigningHub's user_password). Never shown in the output.",
};

const oneTimePasswordOption: INodeProperties = {
	displayName: 'One-Time Password',
	name: 'oneTimePassword',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description:
		"The one-time password SigningHub sent the signer for this signature, where signing needs one (sent as SigningHub's x-otp header), e.g. from an earlier step. It signs one field. Never shown in the output.",
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
	fieldNames: string[];
	finish: string;
	body: IDataObject;
	oneTimePassword?: string;
}

/** Finish as saved before it had three choices: on (then right after signing) or off. */
function readFinish(context: IExecuteFunctions, itemIndex: number): string {
	const value = readOption(context, itemIndex, finishOption);
	if (value === undefined) return FINISH_WHEN_DONE;
	if (value === true || value === 'true') return FINISH_ALWAYS;
	if (value === false || value === 'false') return FINISH_NEVER;
	return checkChoice(value, 'Finish', [FINISH_WHEN_DONE, FINISH_ALWAYS, FINISH_NEVER]);
}

/** The field names of one item: one name, names separated by commas, or a list from an expression. */
function readFieldNames(context: IExecuteFunctions, itemIndex: number): string[] {
	const given = itemParameter(context, 'fieldName', itemIndex, 'Field Name');
	const names = (Array.isArray(given) ? given.map((name) => String(name ?? '')) : String(given ?? '').split(',')).map((name) => name.trim()).filter((name) => name !== '');
	if (names.length === 0) throw invalidInput('Field Name is empty', 'Set Field Name to the signature field to sign, e.g. signature_2 (Get Fields lists them), or several separated by commas.');
	const repeated = names.find((name, index) => names.indexOf(name) !== index);
	if (repeated) throw invalidInput(`Field Name names "${repeated}" twice`, 'Name each field to sign once: SigningHub refuses to sign a field again.');
	return names;
}

/** What SigningHub answered for one signed field. */
function signatureOf(fieldName: string, answer: IDataObject): IDataObject {
	const status = String(answer.status ?? '').toUpperCase();
	return { fieldName, status, signed: status === 'SIGNED', waitingForAuthorisation: status === 'PENDING', transactionId: answer.transaction_id ?? null, verification: answer.verification ?? null };
}

/** What to do about a password or one-time password SigningHub refused, by the error key it documents for protected documents. */
const PROTECTION_ADVICE: Record<string, string> = {
	password_required: "The key of this signing capacity is protected by a password: set Key Password in the options to it.",
	otp_required:
		"Signing this field needs a one-time password: have SigningHub send one to the signer (Signer Authentication via OTP, v3 guide page 1086), then run Sign with it in One-Time Password, e.g. from an earlier step's output.",
	invalid_credentials: 'SigningHub did not accept the Key Password or One-Time Password: check the key password; a one-time password works once and for a short time, so get a new one.',
};

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;

/** A signing failure in words that say what to do, and which fields were already signed (never to be signed again). */
function signingFailure(error: unknown, signed: string[]): unknown {
	return reworded(error, (failure) => {
		const advice =
			(failure.signingHubErrorKey && PROTECTION_ADVICE[failure.signingHubErrorKey]) ??
			(failure.responseStatus === 401 || failure.responseStatus === 403 ? `${failure.description} ${OWN_TOKEN}` : undefined);
		if (signed.length === 0) return advice ? { description: advice } : undefined;
		return {
			message: `Signed ${signed.map((name) => `"${name}"`).join(', ')}, but ${lowerFirst(failure.message)}`,
			description: `${advice ?? failure.description} The signatures applied stay: do not sign those fields again (SigningHub refuses it); nothing was finished.`,
		};
	});
}

/**
 * The signer's signature fields still unsigned in the package after signing `signed` in
 * `documentId`: the signer is the recipient those fields are assigned to (their `order`). The
 * package's documents come from Get Workflow Details; a signer who does not own the package may be
 * refused it, and then the document signed in is the one read.
 */
async function fieldsLeft(client: SigningHubClient, packageId: number, documentId: number, signed: string[]): Promise<{ left: string[]; documentsChecked: number[] }> {
	const signedIn = await readDocumentFields(client, packageId, documentId);
	const order = signedIn.fields.find(({ field }) => signed.includes(String(field.field_name)))?.field.order;
	const details = await readWorkflowDetails(client, packageId).then(
		(workflow) => workflow,
		async (error: unknown) => await (error instanceof SigningHubError && error.reason === 'ownership' ? undefined : Promise.reject(error)),
	);
	const others = ((details?.documents ?? []) as IDataObject[]).map((document) => Number(document.id ?? document.document_id)).filter((id) => id !== documentId);
	const documentIds = [documentId, ...others];
	const left: string[] = [];
	for (const id of documentIds) {
		const document = id === documentId ? signedIn : await readDocumentFields(client, packageId, id);
		for (const { field } of document.fields) {
			if ('process_status' in field && field.process_status !== 'PROCESSED' && field.order === order) left.push(String(field.field_name));
		}
	}
	return { left, documentsChecked: documentIds };
}

/** The signing of each package in one run, item after item (below). */
const signingInRun = new WeakMap<IExecuteFunctions, Map<number, Promise<unknown>>>();

/**
 * Runs `work` once the run's earlier items of the same package are done. Items run several at a
 * time; two items signing one signer's two fields at once would each see the other's field still
 * unsigned (or both see none left and finish twice). One after another, only the last finishes.
 */
async function inTurn<T>(context: IExecuteFunctions, packageId: number, work: () => Promise<T>): Promise<T> {
	let queues = signingInRun.get(context);
	if (!queues) {
		queues = new Map();
		signingInRun.set(context, queues);
	}
	const result = (queues.get(packageId) ?? Promise.resolve()).then(work, work);
	queues.set(packageId, result.catch(() => undefined));
	return await result;
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
		{
			displayName: 'Field Name',
			name: 'fieldName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'signature_2',
			description: "The signature field to sign, assigned to the credential's user (Get Fields lists them). Several fields of the document: separate them with commas; they are signed in that order, then Finish runs once.",
		},
	],
	options: [appearanceOption, finishOption, keyPasswordOption, oneTimePasswordOption, skipVerificationOption, ...TEXT_SETTINGS.map(([option]) => option)],
	identifyingInputs: inputsNamed('packageId', 'documentId', 'fieldName'),
	read({ context, itemIndex }) {
		const packageId = readPackageId(context, itemIndex);
		const documentId = readId(context, itemIndex, 'documentId', 'Document ID');
		const fieldNames = readFieldNames(context, itemIndex);
		const finish = readFinish(context, itemIndex);
		const body: IDataObject = { skip_verification: readBooleanOption(context, itemIndex, skipVerificationOption) };
		for (const [option, key] of TEXT_SETTINGS) {
			if (readOption(context, itemIndex, option) !== undefined) body[key] = readText(context, itemIndex, `options.${option.name}`, option.displayName);
		}
		const appearance = readOption(context, itemIndex, appearanceOption);
		if (appearance !== undefined) body.appearance_design = checkChoice(appearance, 'Appearance', APPEARANCES);
		const keyPassword = readOption(context, itemIndex, keyPasswordOption);
		if (keyPassword !== undefined) body.user_password = String(keyPassword);
		const otp = readOption(context, itemIndex, oneTimePasswordOption);
		const oneTimePassword = otp === undefined ? undefined : String(otp).trim();
		if (oneTimePassword !== undefined && fieldNames.length > 1) {
			throw invalidInput('A One-Time Password signs one field', `SigningHub issues a one-time password for one signature field. Sign ${fieldNames.join(', ')} in separate items, each with its own one-time password.`);
		}
		return { packageId, documentId, fieldNames, finish, body, oneTimePassword };
	},
	async send({ context, client }, inputs) {
		if (client.actsThroughScope) throw invalidInput("Sign cannot act through an enterprise admin's scope", OWN_TOKEN);
		return await inTurn(context, inputs.packageId, async () => await signAndFinish(client, inputs));
	},
};

/** Signs the item's fields one by one, then finishes as Finish says. */
async function signAndFinish(client: SigningHubClient, { packageId, documentId, fieldNames, finish, body, oneTimePassword }: SignInputs): Promise<INodeExecutionData> {
	const signatures: IDataObject[] = [];
	for (const fieldName of fieldNames) {
		try {
			const response = await client.request({
				method: 'POST',
				endpoint: 'signDocument',
				pathParameters: { packageId, documentId },
				body: { field_name: fieldName, ...body },
				headers: oneTimePassword ? { 'x-otp': oneTimePassword } : undefined,
				expect: 'jsonObject',
				repeatable: false,
				action: `sign the field "${fieldName}" of document ${documentId} of package ${packageId}`,
			});
			signatures.push(signatureOf(fieldName, response.body as IDataObject));
		} catch (error) {
			throw signingFailure(error, signatures.map((signature) => String(signature.fieldName)));
		}
	}
	const last = signatures[signatures.length - 1];
	const allSigned = signatures.every((signature) => signature.signed === true);
	const json: IDataObject = { packageId, documentId, ...last, fieldName: fieldNames.join(', '), signatures, finished: false };
	if (!allSigned || finish === FINISH_NEVER) return { json };
	const signedNames = fieldNames.map((name) => `"${name}"`).join(', ');
	if (finish === FINISH_WHEN_DONE) {
		const { left, documentsChecked } = await fieldsLeft(client, packageId, documentId, fieldNames).catch(async (error: unknown) => await Promise.reject(
			reworded(error, (failure) => ({
				message: `Signed ${signedNames}, but ${lowerFirst(failure.message)}`,
				description: `${failure.description} The signatures are applied: do not sign again (SigningHub refuses it). Once every signature field of the signer is signed, finish the document in SigningHub.`,
			})),
		));
		Object.assign(json, { fieldsLeft: left, documentsChecked });
		if (left.length > 0) return { json };
	}
	try {
		await client.request({ method: 'POST', endpoint: 'finishProcessing', pathParameters: { packageId }, expect: 'emptyOrJson', repeatable: false, action: `finish package ${packageId}` });
	} catch (error) {
		throw reworded(error, (failure) => ({
			message: `Signed ${signedNames}, but ${lowerFirst(failure.message)}`,
			description: `${failure.description} The signatures are applied: do not sign again (SigningHub refuses it); finish the document in SigningHub instead.`,
		}));
	}
	json.finished = true;
	return { json };
}
