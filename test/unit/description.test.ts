import { SigningHub } from '../../nodes/SigningHub/SigningHub.node';

describe('SigningHub node description', () => {
	const { description } = new SigningHub();
	const property = (name: string) => description.properties.filter((p) => p.name === name);

	it('keeps the names saved workflows depend on', () => {
		expect(description.name).toBe('signingHub');
		expect(description.version).toBe(1);
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'signingHubApi', required: true }]);
		expect(property('resource')[0]).toMatchObject({ default: 'workflow' });
		expect(property('operation')[0]).toMatchObject({ default: 'complete' });
	});

	it('lists every operation with a value, a description and an action, and shows each field only for its own', () => {
		const operations = property('operation')[0].options as Array<{ value: string; action: string; description: string }>;
		expect(operations.map((o) => [o.value, o.action])).toEqual([
			['complete', 'Complete a workflow'],
			['get', 'Get a workflow'],
		]);
		expect(operations.every((o) => o.description.length > 20)).toBe(true);
		expect(property('packageId').map((p) => p.displayOptions?.show?.operation)).toEqual([['complete'], ['get']]);
	});
});
