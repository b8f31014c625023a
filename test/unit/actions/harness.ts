// Runs the SigningHub node the way n8n does (its execute, through the router) in a fake execute
// context over n8n-core's real request layer, against one simulator per test file.
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SigningHub } from '../../../nodes/SigningHub/SigningHub.node';
import { fakeExecuteContext, type FakeContextOptions } from '../fakeContext';

const { SigningHubSimulator } = require('../../simulator/simulator');

export const OWNER = 'owner@example.com';

export function ownerLogin(baseUrl: string, apiVersion = 'v4'): ICredentialDataDecryptedObject {
	return { authMethod: 'userLogin', baseUrl, apiVersion, clientId: 'n8n-integration', clientSecret: 'sim-client-secret-4f9a', username: OWNER, password: 'owner-pass-7c1e', sessionToken: '' };
}

/** A simulator started before and stopped after the test file, and a way to run the node against it. */
export function nodeHarness() {
	const sim = new SigningHubSimulator();
	const node = new SigningHub();
	const harness = {
		sim,
		url: '',
		/** Runs the node once over `items` (JSON only, or whole items); returns its output items and context. */
		async run(parameters: IDataObject, items: Array<IDataObject | INodeExecutionData> = [{}], { apiVersion = 'v4', credentials, ...options }: FakeContextOptions & { apiVersion?: string; credentials?: ICredentialDataDecryptedObject } = {}) {
			const input = items.map((item) => ('json' in item ? (item as INodeExecutionData) : { json: item as IDataObject }));
			const fake = fakeExecuteContext(credentials ?? ownerLogin(harness.url, apiVersion), parameters, input, options);
			const [output] = await node.execute.call(fake.context);
			return { output, context: fake.context };
		},
		/** The API requests the simulator saw since `from` (logins left out). */
		requests(from = 0): IDataObject[] {
			return sim.log.slice(from).filter((entry: IDataObject) => entry.path !== '/authenticate');
		},
	};
	beforeAll(async () => {
		harness.url = await sim.start();
	});
	afterAll(async () => await sim.stop());
	return harness;
}
