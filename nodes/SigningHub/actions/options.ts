import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export interface NodeOptions {
	parallelRequests: number;
	maxAttempts: number;
	requestTimeout: number;
	alreadyCompletedAsSuccess: boolean;
}

const LIMITS = {
	parallelRequests: { default: 10, min: 1, max: 50 },
	maxAttempts: { default: 3, min: 1, max: 10 },
	requestTimeout: { default: 30_000, min: 1_000, max: 300_000 },
};

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Succeed If Already Completed',
			name: 'alreadyCompletedAsSuccess',
			type: 'boolean',
			default: true,
			displayOptions: { show: { '/operation': ['complete'] } },
			description:
				"Whether a package whose workflow is already completed is a success, marked 'alreadyCompleted: true', rather than an error",
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: LIMITS.maxAttempts.min, maxValue: LIMITS.maxAttempts.max },
			default: 3,
			description:
				'How many times to try a request that failed for a passing reason (429, 502, 503, 504, a dropped connection, a timeout), counting the first try',
		},
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: { minValue: LIMITS.parallelRequests.min, maxValue: LIMITS.parallelRequests.max },
			default: 10,
			description: 'How many requests to SigningHub may run at once. Output items keep the input order.',
		},
		{
			displayName: 'Request Timeout',
			name: 'requestTimeout',
			type: 'number',
			typeOptions: { minValue: LIMITS.requestTimeout.min, maxValue: LIMITS.requestTimeout.max },
			default: 30000,
			description: 'How long to wait for SigningHub to answer one request, in milliseconds',
		},
	],
};

function clamp(value: unknown, limits: { default: number; min: number; max: number }): number {
	const number = Math.floor(Number(value));
	if (!Number.isFinite(number)) return limits.default;
	return Math.min(limits.max, Math.max(limits.min, number));
}

/** Options hold for the whole run, so they are read from the first item. */
export function readOptions(context: IExecuteFunctions): NodeOptions {
	const raw = context.getNodeParameter('options', 0, {}) as Partial<Record<keyof NodeOptions, unknown>>;
	return {
		parallelRequests: clamp(raw.parallelRequests ?? LIMITS.parallelRequests.default, LIMITS.parallelRequests),
		maxAttempts: clamp(raw.maxAttempts ?? LIMITS.maxAttempts.default, LIMITS.maxAttempts),
		requestTimeout: clamp(raw.requestTimeout ?? LIMITS.requestTimeout.default, LIMITS.requestTimeout),
		alreadyCompletedAsSuccess: raw.alreadyCompletedAsSuccess !== false,
	};
}
