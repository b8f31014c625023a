// The hints for n8n's AI Workflow Builder (`builderHint` on the node, both triggers and the
// parameters that matter), in a real n8n: every pinned n8n loads the package with them and runs
// the node (n8n before the builder ignores them); where n8n has the builder's node catalog
// (2.40 and later), the node types n8n serves at /types/nodes.json, fed to n8n's own catalog code
// as its NodeCatalogService feeds them, make a search for "e-signature" find the node with its
// hint and related nodes, and the type definition the builder reads carry the parameter hints.
// N8N_TEST_VERSIONS=2.41.1 runs it in the newest n8n.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const { SigningHubSimulator } = require('../simulator/simulator');
const { N8nSandbox, nodeOutput, PACKAGE_NAME } = require('./n8n');
const { loginCredential, signingHubNode, CLIENT_SECRET } = require('./workflows');
const { versionsUnderTest } = require('./versions');

jest.setTimeout(10 * 60 * 1000);

const dist = join(__dirname, '../../dist/nodes');
const built = (folder, className) => new (require(join(dist, folder, `${folder}.node.js`))[className])().description;
const DESCRIPTIONS = {
	[`${PACKAGE_NAME}.signingHub`]: built('SigningHub', 'SigningHub'),
	[`${PACKAGE_NAME}.signingHubTrigger`]: built('SigningHubTrigger', 'SigningHubTrigger'),
	[`${PACKAGE_NAME}.signingHubInstantTrigger`]: built('SigningHubInstantTrigger', 'SigningHubInstantTrigger'),
};

/** n8n's node catalog code in an install, when that n8n has it (what its AI Workflow Builder searches and reads). */
function nodeCatalogOf(install) {
	const searchModule = join(install.dir, 'node_modules/@n8n/ai-utilities/dist/cjs/node-catalog/index.js');
	const typeDefModule = join(install.dir, 'node_modules/n8n/dist/modules/mcp-registry/synthesize-type-def.js');
	if (!existsSync(searchModule) || !existsSync(typeDefModule)) return undefined;
	const { NodeTypeParser, searchCodeBuilderNodes } = require(searchModule);
	const { synthesizeNodeTypeDef } = require(typeDefModule);
	return { search: (nodeTypes, queries) => searchCodeBuilderNodes(new NodeTypeParser(nodeTypes), queries).results, typeDefinition: synthesizeNodeTypeDef };
}

describe.each(versionsUnderTest({ core: true }))('builder hints in n8n %s', (version) => {
	const simulator = new SigningHubSimulator();
	let n8n;
	let run;
	let served;
	let catalog;

	beforeAll(async () => {
		const url = await simulator.start();
		const credential = loginCredential('hints', url, { apiVersion: 'v4' });
		simulator.reset({ clients: [{ id: credential.data.clientId, secret: CLIENT_SECRET }], packages: [{ id: 701, owner: 'owner@example.com', status: 'IN_PROGRESS' }] });
		n8n = await N8nSandbox.create(version);
		catalog = nodeCatalogOf(n8n.install);
		await n8n.importCredentials([credential]);
		const complete = signingHubNode('complete', 'Complete', 'hints', [220, 0], { parameters: { packageId: '701' } });
		await n8n.importWorkflows([
			{
				id: 'wfHints',
				name: 'wfHints',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, complete],
				connections: { Start: { main: [[{ node: 'Complete', type: 'main', index: 0 }]] } },
			},
		]);
		run = await n8n.execute('wfHints');
		// Seen once in CI: the n8n CLI ended by a signal (exit code null) with nothing wrong in the
		// run; the same execution is tried once more then, and any real failure still shows.
		if (run.code === null) run = await n8n.execute('wfHints');
		const server = await n8n.startServer();
		try {
			served = await server.request('GET', '/types/nodes.json', undefined, { whole: true });
		} finally {
			await server.stop();
		}
	});

	afterAll(async () => {
		await simulator.stop();
		n8n?.cleanup();
	});

	// n8n also serves the node's tool version (signingHubTool), built from the node's description.
	const ours = () => served.filter((nodeType) => nodeType.name in DESCRIPTIONS);

	test('n8n loads the node and both triggers with their hints, and the node runs', () => {
		expect(ours().map((nodeType) => nodeType.name).sort()).toEqual(Object.keys(DESCRIPTIONS).sort());
		for (const nodeType of ours()) expect(nodeType.builderHint).toEqual(DESCRIPTIONS[nodeType.name].builderHint);
		expect(run.code).toBe(0);
		expect(nodeOutput(run.execution, 'Complete').map((item) => item.json)).toEqual([{ packageId: 701, completed: true }]);
	});

	test('each hint names what a builder needs: the node, both triggers, the parameters that matter', () => {
		for (const description of Object.values(DESCRIPTIONS)) {
			expect(description.builderHint.searchHint.length).toBeGreaterThan(100);
			for (const related of description.builderHint.relatedNodes) expect(related.relationHint).toEqual(expect.any(String));
		}
		const properties = DESCRIPTIONS[`${PACKAGE_NAME}.signingHub`].properties;
		const hinted = [...new Set(properties.filter((property) => property.builderHint).map((property) => property.name))].sort();
		expect(hinted).toEqual(['binaryPropertyNames', 'packageId', 'recipients', 'signatureFields']);
		// n8n 2.41 refuses a hint on a Resource or Operation menu itself: each resource has its own.
		const resource = properties.find((property) => property.name === 'resource');
		expect(resource.builderHint).toBeUndefined();
		for (const option of resource.options) expect(option.builderHint.propertyHint).toEqual(expect.any(String));
		for (const trigger of ['signingHubTrigger', 'signingHubInstantTrigger']) {
			expect(DESCRIPTIONS[`${PACKAGE_NAME}.${trigger}`].properties.find((property) => property.name === 'events').builderHint.propertyHint).toMatch(/packageCompleted/);
		}
	});

	test("where n8n has the builder's node catalog: a search for e-signature finds the node with its hint and related nodes, and its type definition carries the parameter hints", () => {
		if (!catalog) {
			expect(version).toBe('2.8.4');
			return;
		}
		const found = catalog.search(served, ['e-signature']);
		const node = DESCRIPTIONS[`${PACKAGE_NAME}.signingHub`];
		expect(found).toContain(`- ${PACKAGE_NAME}.signingHub\n`);
		expect(found).toContain(`@builderHint ${node.builderHint.searchHint}`);
		for (const related of node.builderHint.relatedNodes) expect(found).toContain(`- ${related.nodeType}: "${related.relationHint}"`);
		for (const option of node.properties.find((property) => property.name === 'resource').options) expect(found).toContain(option.builderHint.propertyHint);
		const instant = catalog.search(served, ['SigningHub Instant Trigger']);
		expect(instant).toContain(`@builderHint ${DESCRIPTIONS[`${PACKAGE_NAME}.signingHubInstantTrigger`].builderHint.searchHint}`);

		const definition = catalog.typeDefinition(served.find((nodeType) => nodeType.name === `${PACKAGE_NAME}.signingHub`));
		const unescaped = definition.replace(/&gt;/g, '>').replace(/&lt;/g, '<');
		for (const property of node.properties.filter((candidate) => candidate.builderHint)) expect(unescaped).toContain(`@builderHint ${property.builderHint.propertyHint}`);
	});
});
