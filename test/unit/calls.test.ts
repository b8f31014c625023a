// The calls as users read them: docs/SIGNINGHUB-CALLS.md lists every path of the one table, with
// its source; the self-test example lists its calls as the table writes them, and every one of its
// SigningHub nodes goes on after a failure, so its run always reaches the listing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PATHS } from '../../nodes/SigningHub/transport/endpoints';

const root = join(__dirname, '../..');
const callsDoc = readFileSync(join(root, 'docs/SIGNINGHUB-CALLS.md'), 'utf8');
const example = JSON.parse(readFileSync(join(root, 'examples/self-test.json'), 'utf8'));

type Entry = { path: string | Record<string, string>; source: string };
const templatesOf = (entry: Entry) => (typeof entry.path === 'string' ? [entry.path] : Object.values(entry.path));

/** The READS and WRITES tables of the example's Report node: [node name, operation, "METHOD path[, path]"]. */
function listedCalls(): string[][] {
	const code: string = example.nodes.find((node: { name: string }) => node.name === 'Report').parameters.jsCode;
	return ['READS', 'WRITES'].flatMap((name) => JSON.parse(new RegExp(`const ${name} = (\\[.*\\]);`).exec(code)?.[1] ?? 'null'));
}

describe('docs/SIGNINGHUB-CALLS.md', () => {
	/** The rows of the table "Every call": method, path, table key, used by, v3, v4, self-test. */
	const callRows = callsDoc.split('\n').filter((line) => /^\| (GET|POST|PUT|DELETE)[ ,]/.test(line)).map((line) => line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim()));

	it.each(Object.entries(PATHS))('lists %s with its path', (key, entry: Entry) => {
		const rows = callRows.filter((row) => row[2] === `\`${key}\``).map((row) => row.join(' | '));
		expect(rows.length).toBeGreaterThan(0);
		for (const template of templatesOf(entry)) {
			const short = template.replace(/^\/\{v\}\/packages\/\{packageId\}/, '...');
			expect({ key, template, listed: rows.some((row) => row.includes(`\`${template}\``) || row.includes(`\`${short}\``)) }).toEqual({ key, template, listed: true });
		}
	});

	it('says, for every call, whether the vendor documents it or only client code shows it', () => {
		for (const entry of Object.values(PATHS) as Entry[]) expect(entry.source).toMatch(/^(documented|client code)/);
		const verdict = expect.stringMatching(/^(documented|client code|assumed|none \(v3 has no such call\))$/);
		expect(callRows.length).toBeGreaterThanOrEqual(Object.keys(PATHS).length);
		for (const row of callRows) expect(row.slice(4, 6).map((cell) => cell.replace(/\*/g, ''))).toEqual([verdict, verdict]);
	});
});

describe('the self-test example', () => {
	const templates = new Set((Object.values(PATHS) as Entry[]).flatMap(templatesOf));
	const calls = listedCalls();

	it('lists its calls as the table of paths writes them', () => {
		expect(calls.length).toBe(19);
		for (const [node, , call] of calls) {
			const [method, ...paths] = call.split(/,? /);
			expect({ node, method }).toEqual({ node, method: expect.stringMatching(/^(GET|POST|PUT|DELETE)$/) });
			for (const path of paths) expect({ node, path, known: templates.has(path) }).toEqual({ node, path, known: true });
		}
	});

	it('has a SigningHub node for each listed call, each going on after a failure and run once', () => {
		for (const [name] of calls) {
			const node = example.nodes.find((candidate: { name: string }) => candidate.name === name);
			expect({ name, type: node?.type, onError: node?.onError, executeOnce: node?.executeOnce, alwaysOutputData: node?.alwaysOutputData }).toEqual({
				name,
				type: 'n8n-nodes-signinghub.signingHub',
				onError: 'continueRegularOutput',
				executeOnce: true,
				alwaysOutputData: true,
			});
		}
	});

	it('is read-only by default', () => {
		const settings: string = example.nodes.find((node: { name: string }) => node.name === 'Settings').parameters.jsCode;
		expect(settings).toMatch(/^\s*writeChecks: false,$/m);
	});
});
