import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_TRANSPORT_OPTIONS, type TransportOptions } from '../transport';
import type { AnyOperation } from './types';

/** The settings that shape a whole run, read from the first item; every other option is read per item. */
export interface RunSettings extends TransportOptions {
	parallelRequests: number;
}

const DEFAULT_PARALLEL_REQUESTS = 10;
const DEFAULT_MAX_ATTEMPTS = DEFAULT_TRANSPORT_OPTIONS.maxAttempts;
const DEFAULT_REQUEST_TIMEOUT = DEFAULT_TRANSPORT_OPTIONS.requestTimeout;

const LIMITS = {
	parallelRequests: { default: DEFAULT_PARALLEL_REQUESTS, min: 1, max: 200 },
	maxAttempts: { default: DEFAULT_MAX_ATTEMPTS, min: 1, max: 10 },
	requestTimeout: { default: DEFAULT_REQUEST_TIMEOUT, min: 1_000, max: 300_000 },
};

/** Act as User, per item; the credential decides whom it may act for. */
export const actAsUserOption: INodeProperties = {
	displayName: 'Act as User',
	name: 'actAsUser',
	type: 'string',
	placeholder: 'owner@example.com',
	default: '',
	description:
		"With an Enterprise Admin credential that allows it (its 'Allow Act as User From Nodes' setting): the email of the user this item acts for, usually mapped from the item (its owner field, say). Each user's token is fetched once per run.",
};

const COMMON_OPTIONS: INodeProperties[] = [
	actAsUserOption,
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: LIMITS.maxAttempts.min, maxValue: LIMITS.maxAttempts.max },
		default: DEFAULT_MAX_ATTEMPTS,
		description:
			'How many times to try a request that failed for a passing reason (429, 502, 503, 504, a dropped connection, a timeout), counting the first try. Holds for the whole run: taken from the first item.',
	},
	{
		displayName: 'Parallel Requests',
		name: 'parallelRequests',
		type: 'number',
		typeOptions: { minValue: LIMITS.parallelRequests.min, maxValue: LIMITS.parallelRequests.max },
		default: DEFAULT_PARALLEL_REQUESTS,
		description:
			'How many requests to SigningHub may run at once. Output items keep the input order. Above 50, check with whoever runs your SigningHub: a gateway may answer 429 (the node then waits as it asks). Holds for the whole run: taken from the first item.',
	},
	{
		displayName: 'Request Timeout',
		name: 'requestTimeout',
		type: 'number',
		typeOptions: { minValue: LIMITS.requestTimeout.min, maxValue: LIMITS.requestTimeout.max },
		default: DEFAULT_REQUEST_TIMEOUT,
		description:
			"How long one try may take, in milliseconds, until SigningHub's whole answer is in; while a file is sent or received, the longest time without a byte moving (a big file on a slow link still arrives). Holds for the whole run: taken from the first item.",
	},
];

/** The node's Options: the common ones, then each operation's own, shown only for it. */
export function optionsProperty(operations: AnyOperation[]): INodeProperties {
	const own = operations.flatMap((operation) =>
		(operation.options ?? []).map((option) => ({
			...option,
			displayOptions: { show: { ...option.displayOptions?.show, '/resource': [operation.resource], '/operation': [operation.value] } },
		})),
	);
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...COMMON_OPTIONS, ...own].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

function clamp(value: unknown, limits: { default: number; min: number; max: number }): number {
	const number = Math.floor(Number(value ?? limits.default));
	if (!Number.isFinite(number)) return limits.default;
	return Math.min(limits.max, Math.max(limits.min, number));
}

/** The settings that shape the run (Parallel Requests, Max Attempts, Request Timeout), from the first item. */
export function readRunSettings(context: IExecuteFunctions): RunSettings {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		parallelRequests: clamp(options.parallelRequests, LIMITS.parallelRequests),
		maxAttempts: clamp(options.maxAttempts, LIMITS.maxAttempts),
		requestTimeout: clamp(options.requestTimeout, LIMITS.requestTimeout),
	};
}
