// Recipient > Add Placeholder (v3 guide 1051; v4 PlaceholderRequest): the shared checks of named
// recipients; a placeholder holds Share back until Recipient > Update gives it a person.
import { describeNamedRecipient } from './namedRecipients';

const harness = describeNamedRecipient({ operation: 'addPlaceholder', field: 'placeholder', key: 'placeholder', path: 'placeholder', names: ['Customer', 'Witness'], label: 'Add Placeholder' });

describe.each(['v4', 'v3'])('a placeholder, then its person (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: 'owner@example.com', status: 'DRAFT', documents: [{ name: 'a.pdf', content: 'x' }] }] }));

	it('is shared only once Recipient > Update has put a person in its place', async () => {
		await harness.run({ resource: 'recipient', operation: 'addPlaceholder', packageId: '7', placeholder: 'Customer', role: 'SIGNER', options: {} }, [{}], { apiVersion });
		const [refused] = await harness.errors({ resource: 'package', operation: 'share', packageId: '7' }, [{}], { apiVersion });
		expect(refused).toMatchObject({ httpCode: 403, signingHubMessage: 'Replace the placeholder "Customer" with a recipient before sharing the document' });

		await harness.run({ resource: 'recipient', operation: 'update', packageId: '7', findBy: 'order', recipientOrder: 1, updateFields: { email: 'ada@example.com', name: 'Ada Lovelace' } }, [{}], { apiVersion });
		const { output } = await harness.run({ resource: 'package', operation: 'share', packageId: '7' }, [{}], { apiVersion });
		expect(output[0].json).toMatchObject({ shared: true });
		expect(harness.sim.packageOf(7).recipients).toEqual([expect.objectContaining({ user_email: 'ada@example.com', user_name: 'Ada Lovelace', role: 'SIGNER' })]);
		expect(harness.sim.packageOf(7).recipients[0].placeholder).toBeUndefined();
	});
});
