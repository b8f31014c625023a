// Recipient > Add Group (v3 guide 1049; v4 WorflowGroupRequest): the shared checks of named
// recipients, and a group SigningHub does not know refused in its words.
import { OWNER } from '../harness';
import { describeNamedRecipient } from './namedRecipients';

const groups = [
	{ group_name: 'Legal team', members: [{ user_email: 'legal@example.com', user_name: 'Lee Legal' }] },
	{ group_name: 'Sales', members: [{ user_email: 'sales@example.com', user_name: 'Sales Desk' }] },
];
const harness = describeNamedRecipient({ operation: 'addGroup', field: 'groupName', key: 'group_name', path: 'groups', names: ['Legal team', 'Sales'], label: 'Add Group', scenario: { groups } });

describe.each(['v4', 'v3'])('Recipient > Add Group: the groups SigningHub has (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ groups, packages: [{ id: 7, owner: OWNER, status: 'DRAFT' }] }));
	const addGroup = (groupName: string) => ({ resource: 'recipient', operation: 'addGroup', packageId: '7', groupName, role: 'SIGNER', options: {} });

	it('passes on "Group or contact not found" (1049) for a group SigningHub does not have', async () => {
		const [error] = await harness.errors(addGroup('Nobody'), [{}], { apiVersion });
		expect(error).toMatchObject({ httpCode: 404, signingHubMessage: 'Group or contact not found', groupName: 'Nobody' });
		expect(harness.sim.packageOf(7).recipients).toHaveLength(0);
	});

	it('shows the group and its members in Recipient > Get Many', async () => {
		await harness.run(addGroup('legal team'), [{}], { apiVersion });
		const { output } = await harness.run({ resource: 'recipient', operation: 'getMany', packageId: '7' }, [{}], { apiVersion });
		expect(output[0].json).toMatchObject({ order: 1, group_name: 'Legal team', group_members: [{ user_email: 'legal@example.com' }], role: 'SIGNER' });
	});
});
