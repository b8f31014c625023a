// n8n's requirements for a verified community package that a reading of the repository can check
// (docs/VERIFICATION.md lists them all, with the command that proves each).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { SigningHubApi } from '../../credentials/SigningHubApi.credentials';
import { SigningHub } from '../../nodes/SigningHub/SigningHub.node';
import { SigningHubInstantTrigger } from '../../nodes/SigningHubInstantTrigger/SigningHubInstantTrigger.node';
import { SigningHubTrigger } from '../../nodes/SigningHubTrigger/SigningHubTrigger.node';

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nodes: INodeType[] = [new SigningHub(), new SigningHubTrigger(), new SigningHubInstantTrigger()];
const credential = new SigningHubApi();

/** Every string a user can see in the editor: names, descriptions, hints, placeholders, options. */
function textsOf(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(textsOf);
	if (value && typeof value === 'object') return Object.values(value).flatMap(textsOf);
	return [];
}

describe("n8n's verification requirements", () => {
	it('is named, tagged and described as n8n asks', () => {
		expect(manifest.name).toMatch(/^(@[a-z0-9-]+\/)?n8n-nodes-[a-z0-9-]+$/);
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.author).toEqual({ name: expect.any(String), email: expect.stringMatching(/^[^@\s]+@[^@\s]+$/) });
		expect(manifest.repository.url).toMatch(/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
		expect(manifest.files).toEqual(['dist']);
	});

	it('is MIT licensed', () => {
		expect(manifest.license).toBe('MIT');
		expect(readFileSync(join(root, 'LICENSE.md'), 'utf8')).toMatch(/^MIT License\n/);
	});

	it('has no runtime dependency, n8n-workflow as its only peer, and no install scripts or overrides', () => {
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(Object.keys(manifest.scripts)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^(pre|post)?install$|^prepare$/)]));
		expect(manifest.overrides).toBeUndefined();
	});

	it("declares every node and credential under dist/, each built from a source in the package", () => {
		expect(manifest.n8n.n8nNodesApiVersion).toBe(1);
		const declared = [...manifest.n8n.nodes, ...manifest.n8n.credentials] as string[];
		expect(declared.length).toBe(nodes.length + 1);
		for (const path of declared) {
			expect(path).toMatch(/^dist\/.+\.(node|credentials)\.js$/);
			expect(existsSync(join(root, path.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
		}
	});

	it('serves one service: every node uses the one SigningHub credential', () => {
		for (const node of nodes) {
			expect(node.description.credentials).toEqual([expect.objectContaining({ name: credential.name, required: true })]);
			expect(node.description.displayName).toMatch(/^SigningHub/);
		}
	});

	it('speaks English in the editor: no text in another script', () => {
		const texts = [...nodes.map((node) => node.description), credential.properties, credential.displayName].flatMap(textsOf);
		expect(texts.length).toBeGreaterThan(500);
		expect(texts.filter((text) => /[^\x20-\x7E\n\t…–—’]/.test(text))).toEqual([]);
	});

	it('publishes from GitHub Actions with an npm provenance statement', () => {
		const workflow = readFileSync(join(root, '.github/workflows/publish.yml'), 'utf8');
		expect(workflow).toMatch(/^\s+id-token: write/m);
		expect(workflow).toMatch(/^\s+- run: npm publish --provenance --access public$/m);
		expect(workflow).toMatch(/^\s+tags:\n\s+- 'v\*\.\*\.\*'$/m);
	});
});
