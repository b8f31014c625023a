import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const repositoryUrl = 'https://github.com/signinghub-n8n/n8n-nodes-signinghub';

const markdownFiles = [
	join(root, 'README.md'),
	...readdirSync(join(root, 'docs'))
		.filter((name) => name.endsWith('.md'))
		.map((name) => join(root, 'docs', name)),
];

/** The text a reader sees: fenced code blocks and inline code hold no links. */
function proseOf(markdown: string): string {
	return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchors for a file's headings (github-slugger: lower case, punctuation dropped, spaces to dashes, repeats numbered). */
function anchorsOf(file: string): Set<string> {
	const seen = new Map<string, number>();
	const anchors = new Set<string>();
	const markdown = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
	for (const [, heading] of markdown.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
		const text = heading.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '');
		const slug = text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '').replace(/ /g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

/** Every link target written in a Markdown file: [text](target) and ![alt](target). */
function linksOf(file: string): string[] {
	return [...proseOf(readFileSync(file, 'utf8')).matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(([, target]) => target);
}

/** What is wrong with a link from `fromFile`, or undefined when it resolves. */
function brokenLink(fromFile: string, target: string): string | undefined {
	if (/^(https?:|mailto:)/.test(target)) return undefined;
	const [path, anchor] = target.split('#');
	const file = path === '' ? fromFile : resolve(dirname(fromFile), decodeURIComponent(path));
	if (!file.startsWith(root + '/') || !existsSync(file)) return `${target}: no file ${relative(root, file)}`;
	if (anchor === undefined) return undefined;
	if (statSync(file).isDirectory() || !file.endsWith('.md')) return `${target}: an anchor into a file that is not Markdown`;
	return anchorsOf(file).has(anchor) ? undefined : `${target}: ${relative(root, file)} has no heading with the anchor #${anchor}`;
}

describe('README and docs/', () => {
	it('finds the files it checks', () => {
		expect(markdownFiles.map((file) => relative(root, file))).toEqual(expect.arrayContaining(['README.md', 'docs/VERIFICATION.md']));
	});

	it.each(markdownFiles.map((file) => [relative(root, file), file]))('%s: every relative link and anchor resolves', (_name, file) => {
		const broken = linksOf(file)
			.map((target) => brokenLink(file, target))
			.filter((problem) => problem !== undefined);
		expect(broken).toEqual([]);
	});

	it('links from the editor to the README land on a heading', () => {
		const nodes = ['SigningHub', 'SigningHubTrigger', 'SigningHubInstantTrigger'];
		const sources = [
			...readdirSync(join(root, 'credentials')).filter((file) => file.endsWith('.ts')).map((file) => join(root, 'credentials', file)),
			...nodes.map((node) => join(root, 'nodes', node, `${node}.node.ts`)),
		];
		const fromCode = [
			...sources.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/documentationUrl\s*[:=]\s*'([^']+)'/g)].map(([, url]) => url)),
			...nodes.flatMap((node) =>
				[...readFileSync(join(root, 'nodes', node, `${node}.node.json`), 'utf8').matchAll(/"url":\s*"([^"]+)"/g)].map(([, url]) => url),
			),
		].filter((url) => url.startsWith(repositoryUrl));
		expect(fromCode.length).toBeGreaterThan(0);
		const asLocalLinks = fromCode.map((url) => url.slice(repositoryUrl.length).replace(/^\/blob\/main\//, '').replace(/^\//, '') || 'README.md');
		const broken = asLocalLinks
			.map((target) => (target.startsWith('#') ? `README.md${target}` : target))
			.map((target) => brokenLink(join(root, 'README.md'), target))
			.filter((problem) => problem !== undefined);
		expect(broken).toEqual([]);
	});

	it('notices a broken link and a missing anchor (the check itself)', () => {
		const readme = join(root, 'README.md');
		expect(brokenLink(readme, 'docs/NO-SUCH-FILE.md')).toMatch(/no file docs\/NO-SUCH-FILE.md/);
		expect(brokenLink(readme, '#no-such-heading')).toMatch(/no heading with the anchor #no-such-heading/);
		expect(brokenLink(readme, '#credentials')).toBeUndefined();
		expect(brokenLink(readme, 'docs/TESTING.md#what-npm-test-runs')).toBeUndefined();
	});
});
