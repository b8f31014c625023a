import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PATHS } from '../../nodes/SigningHub/transport/endpoints';

const doc = readFileSync(join(__dirname, '../../docs/SIGNINGHUB-CALLS.md'), 'utf8');

/** The row docs/SIGNINGHUB-CALLS.md gives an entry of the paths table. */
function rowOf(name: string, entry: { path: string | Record<string, string>; source: string }): string {
	const path = typeof entry.path === 'string' ? `\`${entry.path}\`` : Object.entries(entry.path).map(([version, template]) => `${version}: \`${template}\``).join('<br>');
	return `| \`${name}\` | ${path} | ${entry.source} |`;
}

describe('docs/SIGNINGHUB-CALLS.md', () => {
	it('lists every path of the paths table with its source, and nothing else (a failure shows the rows to paste)', () => {
		const expected = Object.entries(PATHS).map(([name, entry]) => rowOf(name, entry));
		const listed = doc.split('\n').filter((line) => /^\| `\w+` \|/.test(line));
		expect(listed).toEqual(expected);
	});
});
