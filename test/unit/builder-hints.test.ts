// The node descriptions pass n8n-core's own load-time check (n8n 2.40 and later refuse to start
// with a builderHint on a Resource, Operation or Mode menu itself), and every hint for n8n's AI
// Workflow Builder has the shape n8n-workflow gives it. The hints in a real n8n: test/e2e/builder-hints.test.js.
import { validateNodeDescription } from 'n8n-core/dist/nodes-loader/validate-node-description';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { SigningHub } from '../../nodes/SigningHub/SigningHub.node';
import { SigningHubInstantTrigger } from '../../nodes/SigningHubInstantTrigger/SigningHubInstantTrigger.node';
import { SigningHubTrigger } from '../../nodes/SigningHubTrigger/SigningHubTrigger.node';

const descriptions: INodeTypeDescription[] = [new SigningHub().description, new SigningHubTrigger().description, new SigningHubInstantTrigger().description];

type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** Every parameter hint of a description, with where it sits. */
function parameterHints(entries: Entry[] | undefined, path = ''): Array<{ at: string; hint: unknown }> {
	return (entries ?? []).flatMap((entry) => {
		const at = `${path}/${entry.name}`;
		const own = entry.builderHint ? [{ at, hint: entry.builderHint }] : [];
		const inner = 'values' in entry ? entry.values : 'options' in entry ? (entry.options as Entry[] | undefined) : undefined;
		return [...own, ...parameterHints(inner, at)];
	});
}

describe.each(descriptions.map((description) => [description.name, description] as const))('%s: builder hints', (_name, description) => {
	it("passes n8n-core's check at load", () => {
		expect(() => validateNodeDescription(description)).not.toThrow();
	});

	it('has a search hint and related nodes that name node types', () => {
		expect(description.builderHint?.searchHint).toEqual(expect.any(String));
		for (const related of description.builderHint?.relatedNodes ?? []) expect(related.nodeType).toMatch(/^[\w@/-]+\.\w+$/);
	});

	it('gives each parameter hint a text', () => {
		const hints = parameterHints(description.properties);
		expect(hints.length).toBeGreaterThan(0);
		for (const { at, hint } of hints) expect({ at, hint }).toEqual({ at, hint: { propertyHint: expect.stringMatching(/\S{2,}/) } });
	});
});
