import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { SigningHub } from '../../nodes/SigningHub/SigningHub.node';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

/** The rows of the README table that follows the heading (or line) `after`. */
function tableAfter(after: string): string[][] {
	const rest = readme.slice(readme.indexOf(after));
	const table = rest.slice(rest.startsWith('|') ? 0 : rest.indexOf('\n|') + 1).split('\n\n')[0];
	return table
		.trim()
		.split('\n')
		.slice(2)
		.map((row) => row.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim()));
}

describe('README against the node', () => {
	const { properties } = new SigningHub().description;
	const resources = properties.find((p) => p.name === 'resource')?.options as INodePropertyOptions[];
	// The node also carries the tool version's menus (without the file transfers): the first menu of each resource is the editor's.
	const menuOf = (resource: string) => properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));

	it('lists every operation once, with the name and the one line the editor shows', () => {
		const inEditor = resources.flatMap((resource) =>
			(menuOf(resource.value as string)?.options as INodePropertyOptions[]).map((operation) => [resource.name, operation.name, operation.description]),
		);
		const inReadme = tableAfter('| resource | operation | what it does |');
		expect(inReadme.length).toBe(inEditor.length);
		expect([...inReadme].sort()).toEqual([...inEditor].sort());
		expect(readme).toContain(`**SigningHub** node: ${inEditor.length} operations`);
	});

	it("gives every common option's default and limits as the editor has them", () => {
		const options = (properties.find((p) => p.name === 'options')?.options ?? []) as INodeProperties[];
		const rows = new Map(tableAfter('### Options').map(([option, byDefault]) => [option.replace(/ \(`.*$/, ''), byDefault]));
		const option = (name: string) => options.find((o) => o.displayName === name) as INodeProperties;
		for (const name of ['Parallel Requests', 'Max Attempts']) {
			const { default: byDefault, typeOptions } = option(name);
			expect(rows.get(name)).toBe(`${byDefault} (${typeOptions?.minValue} to ${typeOptions?.maxValue})`);
		}
		const timeout = option('Request Timeout');
		expect(rows.get('Request Timeout')).toBe(`${timeout.default} ms (${timeout.typeOptions?.minValue} to ${timeout.typeOptions?.maxValue})`);
		expect(rows.get('Max File Size (MB)')).toBe(String(option('Max File Size (MB)').default));
		expect(rows.get('Act as User')).toBe(option('Act as User').default === '' ? 'empty' : 'set');
		expect(rows.get('Succeed If Already Completed')).toBe(option('Succeed If Already Completed').default === true ? 'on' : 'off');
	});
});
