// The shared checks of Recipient > Add Group and Add Placeholder (one factory builds both): each
// item's recipient appended after the package's, its role, notification and signing order sent
// as SigningHub's array body, bad input refused before any request, SigningHub's refusals.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

interface Kind {
	operation: string;
	/** The name's field, e.g. groupName. */
	field: string;
	/** Its key in SigningHub's body and Get Workflow Users, e.g. group_name. */
	key: string;
	path: string;
	names: [string, string];
	label: string;
	/** More of the scenario, e.g. the groups SigningHub knows. */
	scenario?: object;
}

export function describeNamedRecipient(kind: Kind) {
	const parameters = (options: object = {}) => ({ resource: 'recipient', operation: kind.operation, packageId: '={{ $json.packageId }}', [kind.field]: '={{ $json.name }}', role: '={{ $json.role }}', options });

	describe.each(['v4', 'v3'])(`Recipient > ${kind.label} (%s)`, (apiVersion) => {
		beforeEach(() =>
			harness.sim.reset({
				...kind.scenario,
				packages: [
					{ id: 7, owner: OWNER, status: 'DRAFT', recipients: [{ user_email: 'first@example.com', role: 'SIGNER' }] },
					{ id: 8, owner: OWNER, status: 'IN_PROGRESS', recipients: [{ user_email: 'first@example.com', role: 'SIGNER' }] },
					{ id: 9, owner: OWNER, status: 'DRAFT', lockedWorkflow: true },
					{ id: 10, owner: 'colleague@example.com', status: 'DRAFT' },
				],
			}),
		);

		it('appends each item as one recipient, in SigningHub\'s array body, with its own role and options', async () => {
			const from = harness.sim.log.length;
			const items = [
				{ packageId: 7, name: kind.names[0], role: 'SIGNER', order: 2, notify: true },
				{ packageId: 7, name: kind.names[1], role: 'reviewer', order: 3, notify: 'false' },
			];
			const { output } = await harness.run(parameters({ signingOrder: '={{ $json.order }}', emailNotification: '={{ $json.notify }}' }), items, { apiVersion });
			expect(output.map((item) => item.json)).toEqual([
				{ packageId: 7, [kind.field]: kind.names[0], role: 'SIGNER', emailNotification: true, signingOrder: 2, added: true },
				{ packageId: 7, [kind.field]: kind.names[1], role: 'REVIEWER', emailNotification: false, signingOrder: 3, added: true },
			]);
			expect(harness.calls(from)).toEqual([`POST /${apiVersion}/packages/7/workflow/${kind.path}`, `POST /${apiVersion}/packages/7/workflow/${kind.path}`]);
			const recipients = harness.sim.packageOf(7).recipients;
			expect(recipients.map((r: Record<string, unknown>) => [r.order, r[kind.key] ?? r.user_email, r.role, r.signing_order, r.email_notification])).toEqual(
				expect.arrayContaining([
					[1, 'first@example.com', 'SIGNER', 1, true],
					[expect.any(Number), kind.names[0], 'SIGNER', 2, true],
					[expect.any(Number), kind.names[1], 'REVIEWER', 3, false],
				]),
			);
			expect(recipients.filter((r: Record<string, unknown>) => r[kind.key]).every((r: Record<string, unknown>) => r.user_email === undefined)).toBe(true);
		});

		it.each([
			[{ name: '' }, {}, `${kind.label === 'Add Group' ? 'Group Name' : 'Placeholder'} is empty`],
			[{ role: 'WITNESS' }, {}, 'Role must be one of SIGNER, REVIEWER, EDITOR, CARBON_COPY, INPERSON_HOST, not "WITNESS"'],
			[{ packageId: 'abc' }, {}, 'Package ID must be a positive whole number'],
			[{}, { signingOrder: 0 }, 'Signing Order must be a whole number of at least 1, not "0"'],
			[{}, { emailNotification: 'perhaps' }, 'Email Notification must be true or false, not "perhaps"'],
		])('refuses %p with options %p before any request', async (override, options, message) => {
			const [error] = await harness.refused(parameters(options), [{ packageId: 7, name: kind.names[0], role: 'SIGNER', ...override }], { apiVersion });
			expect(error.message).toContain(message);
		});

		it.each([
			[8, 403, 'Document is no longer in draft state'],
			[9, 403, 'You are not allowed to perform this action on locked workflow'],
			[10, 403, 'Document does not belong to user'],
			[404040, 404, 'Document not found'],
		])('passes on SigningHub\'s refusal for package %p in its words, sent once', async (packageId, httpCode, words) => {
			const from = harness.sim.log.length;
			const [error] = await harness.errors(parameters(), [{ packageId, name: kind.names[0], role: 'SIGNER' }], { apiVersion });
			expect(error).toMatchObject({ httpCode, signingHubMessage: words, attempts: 1, packageId });
			expect(harness.calls(from)).toEqual([`POST /${apiVersion}/packages/${packageId}/workflow/${kind.path}`]);
		});

		it('does not send it again when the answer is lost: it may have been added', async () => {
			harness.sim.addFaults({ path: `/workflow/${kind.path}$`, kind: 'drop', after: true, times: 1 });
			const from = harness.sim.log.length;
			const [error] = await harness.errors(parameters({ maxAttempts: 3 }), [{ packageId: 7, name: kind.names[0], role: 'SIGNER' }], { apiVersion });
			expect(error).toMatchObject({ message: expect.stringContaining('SigningHub may have carried it out'), attempts: 1 });
			expect(harness.calls(from)).toEqual([`POST /${apiVersion}/packages/7/workflow/${kind.path}`]);
			expect(harness.sim.packageOf(7).recipients).toHaveLength(2);
		});
	});

	return harness;
}
