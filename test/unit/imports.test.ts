// The package's import graph: no cycle, nothing from outside but what n8n allows, and the trigger
// and the editor's lists reach SigningHub through the shared reads and the transport only, never
// through the node's operations.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return name.endsWith('.ts') ? [path] : [];
	});
}

function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map(([, target]) => {
		const base = resolve(dirname(file), target);
		return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate)) ?? `${base}.ts`;
	});
}

const files = [...sources(join(root, 'nodes')), ...sources(join(root, 'credentials'))];
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const name = (file: string) => relative(root, file);

describe('import graph', () => {
	it('resolves every relative import to a file', () => {
		const missing = [...graph].flatMap(([file, targets]) => targets.filter((target) => !existsSync(target)).map((target) => `${name(file)} -> ${name(target)}`));
		expect(missing).toEqual([]);
	});

	it("imports from outside the package only what n8n's verification allows: n8n-workflow and crypto", () => {
		const outside = files.flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'([^.'][^']*)'|require\('([^.'][^']*)'\)/g)]
				.map(([, imported, required]) => imported ?? required)
				.filter((module) => !['n8n-workflow', 'crypto', 'node:crypto'].includes(module))
				.map((module) => `${name(file)}: ${module}`),
		);
		expect(outside).toEqual([]);
	});

	it('has no cycle', () => {
		const cycles: string[] = [];
		const state = new Map<string, 'open' | 'done'>();
		const visit = (file: string, path: string[]) => {
			if (state.get(file) === 'done') return;
			if (state.get(file) === 'open') {
				cycles.push([...path.slice(path.indexOf(file)), file].map(name).join(' -> '));
				return;
			}
			state.set(file, 'open');
			for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
			state.set(file, 'done');
		};
		for (const file of graph.keys()) visit(file, []);
		expect(cycles).toEqual([]);
	});

	it('keeps the trigger, the editor lists, the shared reads and the transport out of actions/', () => {
		const actions = join(root, 'nodes/SigningHub/actions');
		const outside = [join(root, 'nodes/SigningHubTrigger'), join(root, 'nodes/SigningHub/methods'), join(root, 'nodes/SigningHub/transport'), join(root, 'nodes/SigningHub/reads.ts')];
		const arrows = [...graph]
			.filter(([file]) => outside.some((dir) => file.startsWith(dir)))
			.flatMap(([file, targets]) => targets.filter((target) => target.startsWith(actions)).map((target) => `${name(file)} -> ${name(target)}`));
		expect(arrows).toEqual([]);
	});

	it('lets the instant trigger reach SigningHub only through the transport, the shared reads and the polling trigger\'s shared modules', () => {
		const allowed = [join(root, 'nodes/SigningHub/transport'), join(root, 'nodes/SigningHub/reads.ts'), join(root, 'nodes/SigningHubTrigger'), join(root, 'nodes/SigningHubInstantTrigger')];
		const pollingNode = join(root, 'nodes/SigningHubTrigger/SigningHubTrigger.node.ts');
		const arrows = [...graph]
			.filter(([file]) => file.startsWith(join(root, 'nodes/SigningHubInstantTrigger')))
			.flatMap(([file, targets]) => targets.filter((target) => target === pollingNode || !allowed.some((dir) => target.startsWith(dir))).map((target) => `${name(file)} -> ${name(target)}`));
		expect(arrows).toEqual([]);
	});
});
