/**
 * Every SigningHub path this package calls, per API version. Paths marked unconfirmed come
 * from one unofficial source only (see the README): correct them here and nowhere else.
 */
export type ApiVersion = 'v3' | 'v4';

export const TOKEN_PATH = '/authenticate';

export interface EndpointTable {
	/** Complete Workflow in the Middle. v4 unconfirmed: from server and client code only. */
	completeWorkflow: (packageId: number) => string;
	/** Get Workflow Details. */
	workflowDetails: (packageId: number) => string;
	/** Get Packages, first page of one: the cheapest authenticated call (credential test). */
	probe: string;
}

export const ENDPOINTS: Record<ApiVersion, EndpointTable> = {
	v3: {
		completeWorkflow: (packageId) => `/v3/packages/${packageId}/complete`,
		workflowDetails: (packageId) => `/v3/packages/${packageId}/workflow`,
		probe: '/v3/packages/ALL/1/1',
	},
	v4: {
		completeWorkflow: (packageId) => `/v4/enterprise/packages/${packageId}/complete`,
		workflowDetails: (packageId) => `/v4/packages/${packageId}/workflow`,
		probe: '/v4/packages/ALL/1/1',
	},
};
