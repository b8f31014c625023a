// Lists the SigningHub node's AI-agent tools exactly as one installed n8n builds them: n8n's
// own convertNodeToAiTool (the tool version of the node n8n registers for usableAsTool), its
// displayOptions and default parameters (n8n-workflow's NodeHelpers), and the tool an AI Agent
// gets (n8n-core's createNodeAsTool: its name and description). Run with that n8n's Node:
//   node test/e2e/agent-tools.js <n8n install's node_modules>   -> JSON on stdout
const { join, resolve } = require('node:path');

const modules = resolve(process.argv[2]);
const { convertNodeToAiTool } = require(join(modules, 'n8n/dist/tool-generation/ai-tools.js'));
const { NodeHelpers } = require(join(modules, 'n8n-workflow'));
const { createNodeAsTool } = require(join(modules, 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool.js'));

const repoRoot = resolve(__dirname, '../..');
const { SigningHub } = require(join(repoRoot, 'dist/nodes/SigningHub/SigningHub.node.js'));

const tool = convertNodeToAiTool({ description: structuredClone(new SigningHub().description) }).description;

/** The parameters n8n gives a tool node set to one resource and operation (defaults filled in, as a workflow's node has them). */
function toolNode(parameters) {
	const node = { id: 'tool', name: 'SigningHub', type: `n8n-nodes-signinghub.${tool.name}`, typeVersion: 1, position: [0, 0], parameters };
	node.parameters = NodeHelpers.getNodeParameters(tool.properties, parameters, true, false, node, tool);
	return node;
}

const tools = [];
for (const resource of tool.properties.find((property) => property.name === 'resource').options) {
	const node = toolNode({ resource: resource.value });
	const menu = tool.properties.find((property) => property.name === 'operation' && NodeHelpers.displayParameter(node.parameters, property, node, tool));
	for (const operation of menu.options) {
		const configured = toolNode({ resource: resource.value, operation: operation.value });
		const { response } = createNodeAsTool({ node: configured, nodeType: { description: tool }, handleToolInvocation: async () => '' });
		tools.push({ resource: resource.value, operation: operation.value, name: response.name, description: response.description });
	}
}
process.stdout.write(`${JSON.stringify({ name: tool.name, displayName: tool.displayName, outputs: tool.outputs, tools })}\n`);
