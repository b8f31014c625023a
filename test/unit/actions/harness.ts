// Runs the SigningHub node the way n8n does (its execute, through the router) in a fake execute
// context over n8n-core's real request layer, against one simulator per test file.
import type { IBinaryData, ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SigningHub } from '../../../nodes/SigningHub/SigningHub.node';
import { fakeExecuteContext, type FakeContextOptions } from '../fakeContext';

const { SigningHubSimulator } = require('../../simulator/simulator');

export const OWNER = 'owner@example.com';

export const API_VERSIONS = ['v4', 'v3'];

/** SigningHub's refusal of a package the credential's user does not own (v3 guide 1053, 1040), on most calls. */
export const NOT_OWNER = { httpCode: 403, signingHubMessage: 'Document does not belong to user' };

export function ownerLogin(baseUrl: string, apiVersion = 'v4'): ICredentialDataDecryptedObject {
	return { authMethod: 'userLogin', baseUrl, apiVersion, clientId: 'n8n-integration', clientSecret: 'sim-client-secret-4f9a', username: OWNER, password: 'owner-pass-7c1e', sessionToken: '' };
}

/** An input item holding `bytes` as a file named `fileName` in the binary field `field`. */
export function fileInput(json: IDataObject, field: string, fileName: string, bytes: Buffer): INodeExecutionData {
	return { json, binary: { [field]: { data: bytes.toString('base64'), fileName, mimeType: 'application/pdf' } } };
}

type RunOptions = FakeContextOptions & { apiVersion?: string; credentials?: ICredentialDataDecryptedObject };

/** A simulator started before and stopped after the test file, and a way to run the node against it. */
export function nodeHarness() {
	const sim = new SigningHubSimulator();
	const node = new SigningHub();
	let runs = 0;
	const harness = {
		sim,
		url: '',
		/**
		 * Runs the node once over `items` (JSON only, or whole items); returns its output items and context.
		 * Each run has a credential of its own, so no login outlives a `sim.reset`.
		 */
		async run(parameters: IDataObject, items: Array<IDataObject | INodeExecutionData> = [{}], { apiVersion = 'v4', credentials, ...options }: RunOptions = {}) {
			const input = items.map((item) => ('json' in item ? (item as INodeExecutionData) : { json: item as IDataObject }));
			const fake = fakeExecuteContext(credentials ?? ownerLogin(harness.url, apiVersion), parameters, input, { credentialId: `run-${++runs}`, ...options });
			const [output] = await node.execute.call(fake.context);
			/** The bytes of a file the node put into an output item. */
			const bytesOf = (binary: IBinaryData | undefined) => fake.binaryBytes(String(binary?.id));
			return { output, context: fake.context, bytesOf };
		},
		/** Runs with Continue On Fail; returns each item's `error` (undefined for an item that succeeded), checking one paired output item per input item. */
		async errors(parameters: IDataObject, items: Array<IDataObject | INodeExecutionData>, options: RunOptions = {}): Promise<Array<IDataObject | undefined>> {
			const { output } = await harness.run(parameters, items, { ...options, continueOnFail: true });
			expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
			return output.map((item) => item.json.error as IDataObject | undefined);
		},
		/** Like `errors`, for input the node must refuse before it sends anything: every item fails, and no request is made. */
		async refused(parameters: IDataObject, items: Array<IDataObject | INodeExecutionData>, options: RunOptions = {}): Promise<IDataObject[]> {
			const from = sim.log.length;
			const errors = await harness.errors(parameters, items, options);
			expect(errors).toEqual(items.map(() => expect.objectContaining({ httpCode: null, attempts: 0 })));
			expect(harness.requests(from)).toEqual([]);
			return errors as IDataObject[];
		},
		/** The API requests the simulator saw since `from` (logins left out). */
		requests(from = 0): IDataObject[] {
			return sim.log.slice(from).filter((entry: IDataObject) => entry.path !== '/authenticate');
		},
		/** The API requests since `from` as "METHOD path", e.g. "POST /v4/packages", sorted: items run in parallel. */
		calls(from = 0): string[] {
			return harness.requests(from).map((entry) => `${entry.method} ${entry.path}`).sort();
		},
	};
	beforeAll(async () => {
		harness.url = await sim.start();
	});
	afterAll(async () => await sim.stop());
	return harness;
}
