// Builders for the credentials and workflows the end-to-end tests import into n8n.
const { randomUUID } = require('node:crypto');
const { NODE_TYPE } = require('./n8n');

const CLIENT_SECRET = 'sim-client-secret-4f9a';

function credential(id, data) {
	return { id, name: `SigningHub ${id}`, type: 'signingHubApi', data };
}

/**
 * A User Login (or, with `scope`, enterprise admin) credential against the simulator; `extra`
 * adds credential fields (e.g. `actAsUserPolicy`).
 */
function loginCredential(id, baseUrl, { user = 'owner@example.com', password = 'owner-pass-7c1e', scope, apiVersion = 'v3', clientSecret = CLIENT_SECRET, extra = {} } = {}) {
	return credential(id, {
		authMethod: scope ? 'enterpriseScope' : 'userLogin',
		baseUrl,
		apiVersion,
		clientId: `client-${id}`,
		clientSecret,
		username: user,
		password,
		...(scope ? { scope } : {}),
		...extra,
	});
}

/** A token of the simulator's owner@example.com, logged in straight at SigningHub with the client `clientId`. */
async function ownerToken(baseUrl, clientId) {
	const answer = await fetch(`${baseUrl}/authenticate`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'password', client_id: clientId, client_secret: CLIENT_SECRET, username: 'owner@example.com', password: 'owner-pass-7c1e' }),
	});
	return (await answer.json()).access_token;
}

/** A Client Credentials (No Password) credential: the client `client-<id>` alone. */
function clientCredential(id, baseUrl, { apiVersion = 'v4', clientSecret = CLIENT_SECRET } = {}) {
	return credential(id, { authMethod: 'clientCredentials', baseUrl, apiVersion, clientId: `client-${id}`, clientSecret });
}

function tokenCredential(id, baseUrl, accessToken, apiVersion = 'v3') {
	return credential(id, { authMethod: 'accessToken', baseUrl, apiVersion, accessToken });
}

/** A SigningHub node; `parameters` are merged over the Workflow resource's (Complete by default). */
function signingHubNode(id, name, credentialId, position, { parameters = {}, onError } = {}) {
	return {
		id,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		...(onError ? { onError } : {}),
		credentials: { signingHubApi: { id: credentialId, name: `SigningHub ${credentialId}` } },
		parameters: { resource: 'workflow', operation: 'complete', options: {}, ...parameters },
	};
}

/**
 * A workflow whose manual trigger feeds one branch per entry: a Code node that emits the
 * branch's items, then a SigningHub node. Branches run one after the other.
 */
function workflow(id, branches) {
	const nodes = [{ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections = { Start: { main: [[]] } };
	branches.forEach((branch, index) => {
		const itemsName = `${branch.name} items`;
		const y = index * 200;
		nodes.push({
			id: `${id}-items-${index}`,
			name: itemsName,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [250, y],
			parameters: { jsCode: `return ${JSON.stringify(branch.items.map((json) => ({ json })))};` },
		});
		nodes.push(
			signingHubNode(`${id}-sh-${index}`, branch.name, branch.credential, [500, y], {
				onError: branch.onError,
				parameters: { operation: branch.operation ?? 'complete', packageId: branch.packageId ?? '={{ $json.id }}', options: branch.options ?? {}, ...branch.parameters },
			}),
		);
		connections.Start.main[0].push({ node: itemsName, type: 'main', index: 0 });
		connections[itemsName] = { main: [[{ node: branch.name, type: 'main', index: 0 }]] };
	});
	return { id, name: id, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

/**
 * An active-able workflow: a Webhook (POST `path`, answering with every item of the last node)
 * whose JSON body `{ packages: [{ packageId }, ...] }` is split into one item per package, then a
 * SigningHub node completing each.
 */
function webhookWorkflow(id, { path, credential: credentialId, options = {} }) {
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-webhook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{
				id: `${id}-split`,
				name: 'Split Out',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [250, 0],
				parameters: { fieldToSplitOut: 'body.packages', options: {} },
			},
			signingHubNode(`${id}-sh`, 'SigningHub', credentialId, [500, 0], { parameters: { packageId: '={{ $json.packageId }}', options } }),
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'SigningHub', type: 'main', index: 0 }]] },
		},
	};
}

/** A Code node running `jsCode`. */
const codeNode = (name, position, jsCode) => ({ id: name, name, type: 'n8n-nodes-base.code', typeVersion: 2, position, parameters: { jsCode } });
/** A manual trigger named Start, its ID prefixed with `id`. */
const manualTrigger = (id) => ({ id: `${id}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [-220, 0], parameters: {} });

/** A workflow whose nodes run one after the other, in the order given. */
function chain(id, nodes) {
	const connections = {};
	nodes.reduce((from, to) => {
		connections[from.name] = { main: [[{ node: to.name, type: 'main', index: 0 }]] };
		return to;
	});
	return { id, name: id, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

const ids = (from, count) => Array.from({ length: count }, (_, i) => ({ id: from + i }));

module.exports = { CLIENT_SECRET, clientCredential, credential, loginCredential, ownerToken, tokenCredential, workflow, webhookWorkflow, signingHubNode, ids, codeNode, manualTrigger, chain };
