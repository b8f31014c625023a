import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { CANCELLED, invalidInput, SigningHubError, type SigningHubClient } from '../../transport';
import { checkChoice, packageIdProperty, packageInput, readOption, readPackageId, readText } from '../parameters';
import type { BatchItem, BatchOperation } from '../types';

const ACTIONS = ['SHARE', 'SIGN'];

/** The signing options, as options, and the field of SigningHub's body (v4 BulkSignRequest) each one fills. */
const SIGNING_OPTIONS: INodeProperties[] = [
	{ displayName: 'Signing Reason', name: 'signingReason', type: 'string', default: '', description: 'Bulk signing only: the reason written into each signature' },
	{ displayName: 'Signing Location', name: 'signingLocation', type: 'string', default: '', description: 'Bulk signing only: where the signer is' },
	{ displayName: 'Contact Information', name: 'contactInformation', type: 'string', default: '', description: "Bulk signing only: the signer's contact details written into each signature" },
	{ displayName: 'Signing Capacity', name: 'signingCapacity', type: 'string', default: '', description: 'Bulk signing only: the signing capacity (certification profile), exactly as SigningHub names it. Without it: the default one.' },
	{ displayName: 'Signing Server', name: 'signingServer', type: 'string', default: '', description: 'Bulk signing only: the signing server, exactly as SigningHub names it' },
];
const BODY_FIELDS: Record<string, string> = {
	signingReason: 'signing_reason',
	signingLocation: 'signing_location',
	contactInformation: 'contact_information',
	signingCapacity: 'signing_capacity',
	signingServer: 'signing_server',
};

const maxWaitOption: INodeProperties = {
	displayName: 'Wait Up To (Seconds)',
	name: 'maxWaitSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 3600 },
	default: 300,
	description: 'How long to follow SigningHub\'s progress. A package it is still working on then fails its item with "still in progress"; it is not sent again.',
};

const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 5_000;

interface BulkInputs {
	packageId: number;
	action: string;
	/** The signing fields of the body (empty for sharing). */
	signing: IDataObject;
	maxWaitMs: number;
}

/** One package's line in Bulk Signing Status (v4 BulkSignPackagesStatus). */
interface PackageStatus {
	id: number;
	status?: string;
	action?: string | null;
	error?: string | null;
	percentage?: number;
}

const verbOf = (action: string) => action.toLowerCase();

/** A package SigningHub reports as not carried out, in its words. */
function packageRefused(packageId: number, action: string, words: string): SigningHubError {
	return new SigningHubError({
		reason: 'refused',
		responseStatus: null,
		signingHubMessage: words,
		transient: false,
		message: `Could not ${verbOf(action)} package ${packageId}: ${words}`,
		description: 'SigningHub carried out the other packages of the bulk call. Fix this one in SigningHub, then run its item again.',
	});
}

function stillInProgress(packageId: number, action: string, waitedMs: number): SigningHubError {
	return new SigningHubError({
		reason: 'unavailable',
		responseStatus: null,
		signingHubMessage: null,
		transient: false,
		outcomeUnknown: true,
		message: `SigningHub was still working on package ${packageId} after ${Math.round(waitedMs / 1000)} seconds`,
		description: `The bulk ${verbOf(action)} was accepted and may still finish: check the package (Workflow > Get) before running its item again, or let the node wait longer (option Wait Up To).`,
	});
}

function notAnswered(what: string): SigningHubError {
	return new SigningHubError({
		reason: 'notSigningHub',
		responseStatus: null,
		signingHubMessage: null,
		transient: false,
		message: `SigningHub's answer to the bulk call had no ${what}`,
		description: 'The bulk call may have been carried out: check the packages in SigningHub before running the items again.',
	});
}

/** The packages' lines once every one is done (100 %), or the last lines seen when the wait ends. */
async function followProgress(client: SigningHubClient, action: string, transactionId: string, maxWaitMs: number): Promise<{ packages: PackageStatus[]; finished: boolean; waitedMs: number }> {
	let waitedMs = 0;
	let delay = FIRST_POLL_MS;
	for (;;) {
		const response = await client.request({
			method: 'POST',
			endpoint: 'bulkStatus',
			pathParameters: { action },
			body: { transaction_id: transactionId },
			expect: 'jsonObject',
			repeatable: true,
			action: `read the progress of bulk ${verbOf(action)} ${transactionId}`,
		});
		const packages = ((response.body as IDataObject).packages ?? []) as PackageStatus[];
		const finished = packages.every((line) => Number(line.percentage) >= 100 || (line.status !== undefined && line.status !== 'IN_PROGRESS'));
		if (finished || waitedMs >= maxWaitMs) return { packages, finished, waitedMs };
		const pause = Math.min(delay, maxWaitMs - waitedMs);
		if (!(await client.pause(pause))) throw new SigningHubError(CANCELLED);
		waitedMs += pause;
		delay = Math.min(delay * 2, MAX_POLL_MS);
	}
}

/** One item's output from its package's line. */
function itemResult(inputs: BulkInputs, line: PackageStatus | undefined, transactionId: string, waitedMs: number): INodeExecutionData | Error {
	const { packageId, action } = inputs;
	if (!line) return packageRefused(packageId, action, 'the package is missing from SigningHub\'s progress report');
	if (line.error) return packageRefused(packageId, action, line.error);
	if (line.status === 'IN_PROGRESS' || (line.percentage !== undefined && Number(line.percentage) < 100 && !line.action)) return stillInProgress(packageId, action, waitedMs);
	return { json: { packageId, action: verbOf(action), status: line.status ?? null, requiredAction: line.action ?? null, transactionId } };
}

/** One bulk call for the items that ask for the same action with the same settings; each item's result. */
async function sendBulk(client: SigningHubClient, items: Array<BatchItem<BulkInputs>>): Promise<Array<INodeExecutionData | Error>> {
	const { action, signing, maxWaitMs } = items[0].inputs;
	const ids = [...new Set(items.map(({ inputs }) => inputs.packageId))];
	const response = await client.request({
		method: 'POST',
		endpoint: 'bulkAction',
		pathParameters: { action },
		body: { ids, ...signing },
		expect: 'jsonObject',
		repeatable: false,
		action: `${verbOf(action)} packages ${ids.join(', ')} in bulk`,
	});
	const transactionId = (response.body as IDataObject).transaction_id;
	if (typeof transactionId !== 'string' || transactionId === '') throw notAnswered('transaction_id');
	const { packages, waitedMs } = await followProgress(client, action, transactionId, maxWaitMs);
	return items.map(({ inputs }) => itemResult(inputs, packages.find((line) => Number(line.id) === inputs.packageId), transactionId, waitedMs));
}

export const bulkPackages: BatchOperation<BulkInputs> = {
	resource: 'package',
	value: 'bulk',
	name: 'Share or Sign in Bulk',
	description: "Share, or sign as yourself, every item's package in one SigningHub call, and wait until it is done",
	action: 'Share or sign packages in bulk',
	agent: {
		does: "Shares or signs, as the credential's own user, many SigningHub packages in one call, then follows SigningHub's progress until done. v4 only. Needs one package ID per item and the action (SHARE or SIGN). Returns one item per package: status (COMPLETED when done), or the package's error.",
		changes: "each package: shared (only a recall takes it back) or signed (a signature stays)",
		reaches: "the recipients of every package shared, whom SigningHub notifies",
		final: true,
	},
	properties: [
		packageIdProperty("The ID of this item's package, e.g. 123. All items go to SigningHub in one call."),
		{
			displayName: 'Action',
			name: 'bulkAction',
			type: 'options',
			default: 'SHARE',
			options: [
				{ name: 'Share', value: 'SHARE', description: 'Start each draft package\'s workflow: its recipients are notified' },
				{ name: 'Sign', value: 'SIGN', description: "Sign each package as the credential's user, whose turn it must be (a draft of yours is shared first). Needs the user's own login: a token got for another user (scope) cannot sign." },
			],
		},
	],
	options: [...SIGNING_OPTIONS, maxWaitOption],
	identifyingInputs: packageInput,
	read({ context, itemIndex, apiVersion }) {
		if (apiVersion !== 'v4') {
			throw invalidInput('Share or Sign in Bulk needs SigningHub API v4', "SigningHub's bulk call (POST /v4/packages/{action}) has no v3 version: set the credential's API Version to v4, or use Package > Share for each package.");
		}
		const packageId = readPackageId(context, itemIndex);
		const action = checkChoice(readText(context, itemIndex, 'bulkAction', 'Action'), 'Action', ACTIONS);
		const signing: IDataObject = {};
		if (action === 'SIGN') {
			for (const option of SIGNING_OPTIONS) {
				if (readOption(context, itemIndex, option) !== undefined) signing[BODY_FIELDS[option.name]] = readText(context, itemIndex, `options.${option.name}`, option.displayName);
			}
		}
		const wait = readOption(context, itemIndex, maxWaitOption);
		const seconds = wait === undefined ? Number(maxWaitOption.default) : Number(wait);
		if (!(Number.isFinite(seconds) && seconds >= 1 && seconds <= 3600)) {
			throw invalidInput(`Wait Up To (Seconds) must be a number from 1 to 3600, not "${String(wait)}"`, 'Set how long to follow the bulk call, e.g. 300.');
		}
		return { packageId, action, signing, maxWaitMs: seconds * 1000 };
	},
	async sendAll({ client }, items) {
		const groups = new Map<string, Array<BatchItem<BulkInputs>>>();
		for (const item of items) {
			const key = JSON.stringify([item.inputs.action, item.inputs.signing, item.inputs.maxWaitMs]);
			groups.set(key, [...(groups.get(key) ?? []), item]);
		}
		const results = new Map<number, INodeExecutionData | Error>();
		for (const group of groups.values()) {
			try {
				(await sendBulk(client, group)).forEach((result, position) => results.set(group[position].itemIndex, result));
			} catch (error) {
				group.forEach(({ itemIndex }) => results.set(itemIndex, error as Error));
			}
		}
		return items.map(({ itemIndex }) => results.get(itemIndex) as INodeExecutionData | Error);
	},
};
