// The editor's list of a document's fields for Fill Fields (n8n's resource mapper): read from
// SigningHub through the same request layer, each field typed for its input; nothing is asked
// while Package ID is not a plain number.
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { getFillableFields } from '../../../nodes/SigningHub/methods/resourceMapping';
import { contractPackage } from '../actions/document/contract';
import { nodeHarness, ownerLogin } from '../actions/harness';
import { fakeExecuteContext } from '../fakeContext';

const harness = nodeHarness();

function loadContext(current: Record<string, unknown>) {
	const { context } = fakeExecuteContext(ownerLogin(harness.url), {});
	return { ...context, getCurrentNodeParameter: (name: string) => current[name] } as unknown as ILoadOptionsFunctions;
}

describe('Fill Fields: the editor lists the document\'s fields', () => {
	beforeEach(() => harness.sim.reset({ packages: [contractPackage(7)] }));

	it('offers every field that can be filled, as text, a toggle or a list of choices', async () => {
		const { fields } = await getFillableFields.call(loadContext({ packageId: '7', documentId: '' }));
		expect(fields.map(({ id, displayName, type }) => [id, displayName, type])).toEqual([
			['customer_name', 'customer_name (text)', 'string'],
			['amount', 'amount (text)', 'string'],
			['payment_card', 'payment_card (radio, group payment)', 'boolean'],
			['payment_invoice', 'payment_invoice (radio, group payment)', 'boolean'],
			['accept_terms', 'accept_terms (checkbox)', 'boolean'],
			['plan', 'plan (dropdown)', 'options'],
		]);
		expect(fields.find(({ id }) => id === 'plan')?.options).toEqual(['Basic', 'Standard', 'Premium'].map((choice) => ({ name: choice, value: choice })));
	});

	it('asks nothing while the Package ID is an expression', async () => {
		const from = harness.sim.log.length;
		const result = await getFillableFields.call(loadContext({ packageId: '={{ $json.packageId }}', documentId: '' }));
		expect(result).toEqual({ fields: [], emptyFieldsNotice: expect.stringContaining('Type a Package ID') });
		expect(harness.sim.log.slice(from)).toEqual([]);
	});
});
