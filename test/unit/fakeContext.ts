// Stand-ins for the n8n contexts the package runs in (a node's execute, a trigger's poll), for
// unit tests against the simulator. Requests go through n8n-core's own request helpers (the
// real request layer, login path included); the credentials helper does what n8n's does for
// this credential type: preAuthentication when the expirable field is empty or after a 401,
// the answer written into the decrypted credential and kept as the stored credential.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';

import { getRequestHelperFunctions } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers';

import { SigningHubApi } from '../../credentials/SigningHubApi.credentials';

const credentialType = new SigningHubApi();
const EXPIRABLE = credentialType.properties.find((property) => property.typeOptions?.expirable)?.name as string;

export interface FakeContextOptions {
	/** Aborts like n8n's Stop button. */
	cancelSignal?: AbortSignal;
	continueOnFail?: boolean;
	mode?: string;
	/** The ID of the credential n8n names to the node: the package shares one login per ID within the process. */
	credentialId?: string;
	/** Files already in the fake binary store, by binary ID (as a filesystem-mode n8n keeps them). */
	storedFiles?: Record<string, Buffer>;
	/** The stored credential (n8n's database) when contexts share one, as queue-mode workers do. */
	stored?: ICredentialDataDecryptedObject;
}

/** The decrypted credential as n8n would store it after preAuthentication (see `stored`). */
function credentialsHelper(stored: ICredentialDataDecryptedObject) {
	return {
		getParentTypes: () => [],
		async preAuthentication(helpers: IDataObject, credentials: ICredentialDataDecryptedObject, _type: string, _node: INode, expired: boolean) {
			if (credentials[EXPIRABLE] !== '' && !expired) return undefined;
			const output = await credentialType.preAuthentication.call(helpers as never, credentials);
			if (output[EXPIRABLE] === undefined) return undefined;
			Object.assign(stored, output);
			return Object.assign(credentials, output);
		},
		async authenticate(credentials: ICredentialDataDecryptedObject, _type: string, options: IHttpRequestOptions) {
			return await credentialType.authenticate(credentials, options);
		},
	};
}

/** A saved parameter for one item: `={{ $json.a.b }}` reads the item, anything else is as saved. */
function evaluate(raw: unknown, json: IDataObject): unknown {
	if (typeof raw === 'string') {
		const reference = /^=\{\{\s*\$json((?:\.\w+)+)\s*\}\}$/.exec(raw);
		if (reference) return reference[1].slice(1).split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], json);
		if (raw.startsWith('=')) throw new Error(`the fake context evaluates only {{ $json.field }}, not ${raw}`);
	}
	if (Array.isArray(raw)) return raw.map((entry) => evaluate(entry, json));
	if (raw && typeof raw === 'object') {
		return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, evaluate(value, json)]));
	}
	return raw;
}

function lookUp(parameters: IDataObject, name: string): unknown {
	return name.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], parameters);
}

function baseContext(node: INode, credentials: ICredentialDataDecryptedObject, items: INodeExecutionData[], options: FakeContextOptions) {
	const stored: ICredentialDataDecryptedObject = options.stored ?? { ...credentials };
	const helpers = getRequestHelperFunctions({} as never, node, { credentialsHelper: credentialsHelper(stored) } as never);
	const binaries = new Map<string, Buffer>(Object.entries(options.storedFiles ?? {}));
	/** The binary IDs a node read whole (getBinaryDataBuffer) rather than as a stream. */
	const wholeReads: string[] = [];
	const context = {
		getNode: () => node,
		getCredentials: async () => ({ ...stored }),
		getInputData: () => items,
		getMode: () => options.mode ?? 'trigger',
		continueOnFail: () => options.continueOnFail === true,
		logger: { warn: () => {}, debug: () => {}, info: () => {}, error: () => {} },
		helpers: {
			...helpers,
			// As n8n's filesystem mode: a stream is read to its end, and nothing is kept when it fails.
			async prepareBinaryData(file: Buffer | Readable, fileName: string, mimeType: string) {
				const bytes = Buffer.isBuffer(file) ? Buffer.from(file) : await buffer(file);
				const id = `fake:${binaries.size}`;
				binaries.set(id, bytes);
				return { id, data: '', fileName, mimeType, fileSize: String(bytes.length) };
			},
			async getBinaryMetadata(id: string) {
				const bytes = binaries.get(id);
				if (!bytes) throw new Error(`no binary data ${id}`);
				return { fileSize: bytes.length };
			},
			async getBinaryStream(id: string) {
				const bytes = binaries.get(id);
				if (!bytes) throw new Error(`no binary data ${id}`);
				return Readable.from([bytes]);
			},
			async getBinaryDataBuffer(itemIndex: number, field: string) {
				const binary = items[itemIndex]?.binary?.[field];
				if (!binary) throw new Error(`no binary field ${field}`);
				if (binary.id) wholeReads.push(binary.id);
				return binary.id ? (binaries.get(binary.id) as Buffer) : Buffer.from(binary.data, 'base64');
			},
		},
		...(options.cancelSignal ? { getExecutionCancelSignal: () => options.cancelSignal } : {}),
	};
	/** The bytes behind a binary that prepareBinaryData made, for assertions. */
	const binaryBytes = (id: string) => binaries.get(id);
	return { context, stored, binaryBytes, wholeReads, binaries };
}

/** A node's execute context over `items`; `parameters` as saved in the node (expressions as `={{ $json.x }}`). */
export function fakeExecuteContext(credentials: ICredentialDataDecryptedObject, parameters: IDataObject, items: INodeExecutionData[] = [{ json: {} }], options: FakeContextOptions = {}) {
	const credential = { id: options.credentialId ?? 'fake', name: 'fake' };
	const node = { id: 'node', name: 'SigningHub', type: 'n8n-nodes-signinghub.signingHub', typeVersion: 1, position: [0, 0], parameters, credentials: { signingHubApi: credential } } as unknown as INode;
	const { context, stored, binaryBytes, wholeReads, binaries } = baseContext(node, credentials, items, { mode: 'manual', ...options });
	const execute = {
		...context,
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown, extra?: { extractValue?: boolean }) {
			const raw = lookUp(parameters, name);
			if (raw === undefined) return fallback;
			const value = evaluate(raw, items[itemIndex]?.json ?? {});
			return extra?.extractValue && value && typeof value === 'object' ? (value as IDataObject).value : value;
		},
	};
	return { context: execute as unknown as IExecuteFunctions, stored, binaryBytes, wholeReads, binaries };
}

/** A poll context whose credential is `credentials`; `staticData` is the node's workflow static data. */
export function fakePollContext(credentials: ICredentialDataDecryptedObject, parameters: IDataObject, mode = 'trigger') {
	const node = { id: 'trigger', name: 'SigningHub Trigger', type: 'n8n-nodes-signinghub.signingHubTrigger', typeVersion: 1, position: [0, 0], parameters, credentials: { signingHubApi: { id: 'fake', name: 'fake' } } } as unknown as INode;
	const { context, stored } = baseContext(node, credentials, [], { mode });
	const staticData: IDataObject = {};
	const poll = {
		...context,
		getNodeParameter: (name: string, fallback: unknown) => lookUp(parameters, name) ?? fallback,
		getWorkflowStaticData: () => staticData,
	};
	return { context: poll as unknown as IPollFunctions, staticData, stored };
}

/** What a fake webhook call answered when the node wrote the answer itself (401, 503, HEAD). */
export interface FakeAnswer {
	status?: number;
	body?: unknown;
}

/**
 * An instant trigger's contexts over one workflow's static data, as n8n hands them out: `hook`
 * for activation (checkExists, create, delete), `call(request)` for one call to its webhook.
 */
export interface FakeWebhookOptions {
	workflowId?: string;
	mode?: string;
	typeVersion?: number;
	/** The SigningHub Webhook Key credential, when the node has one. */
	keyCredential?: ICredentialDataDecryptedObject;
	/** What n8n's expressions gave for parameters saved as one (`key: '={{ $json.nothing }}'`): `{ key: undefined }`; an Error is thrown. */
	evaluated?: IDataObject;
}

export function fakeWebhookContexts(credentials: ICredentialDataDecryptedObject, parameters: IDataObject, { workflowId = 'wf', mode = 'webhook', typeVersion = 1, keyCredential, evaluated = {} }: FakeWebhookOptions = {}) {
	const credentialNames = { signingHubApi: { id: 'fake', name: 'fake' }, ...(keyCredential ? { signingHubWebhookKeyApi: { id: 'key', name: 'key' } } : {}) };
	const node = { id: 'instant', name: 'SigningHub Instant Trigger', type: 'n8n-nodes-signinghub.signingHubInstantTrigger', typeVersion, position: [0, 0], parameters, credentials: credentialNames } as unknown as INode;
	const { context, stored } = baseContext(node, credentials, [], { mode });
	const staticData: IDataObject = {};
	/** What the node wrote to n8n's log. */
	const logs: string[] = [];
	const log = (message: string, meta?: unknown) => logs.push(`${message} ${JSON.stringify(meta ?? {})}`);
	const common = {
		...context,
		logger: { warn: log, debug: log, info: log, error: log },
		async getCredentials(type: string) {
			if (type === 'signingHubApi') return await context.getCredentials();
			if (type === 'signingHubWebhookKeyApi' && keyCredential) return { ...keyCredential };
			throw new Error(`Node does not have any credentials set for "${type}"`);
		},
		getNodeParameter(name: string, fallback: unknown) {
			if (!(name in evaluated)) return lookUp(parameters, name) ?? fallback;
			if (evaluated[name] instanceof Error) throw evaluated[name];
			return evaluated[name];
		},
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: workflowId, name: workflowId, active: true }),
	};
	const hook = { ...common, getActivationMode: () => 'activate' } as unknown as IHookFunctions;
	const call = (request: { method?: string; query?: IDataObject; body?: unknown }) => {
		const answer: FakeAnswer = {};
		const response = {
			status(code: number) {
				answer.status = code;
				return response;
			},
			json(body: unknown) {
				answer.body = body;
			},
			end() {},
		};
		const webhook = { ...common, getRequestObject: () => ({ method: 'POST', query: {}, body: {}, ...request }), getResponseObject: () => response };
		return { context: webhook as unknown as IWebhookFunctions, answer };
	};
	return { hook, call, staticData, stored, logs };
}
