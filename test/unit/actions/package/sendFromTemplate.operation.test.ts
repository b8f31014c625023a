// Package > Send From Template: an item's PDF, a template with placeholders, the people from the
// item (a CRM record) put into them by placeholder name or by order, from the editor's rows or
// a JSON list; prefill, share; a failed step deletes the draft it created; bad input before any
// request. v3 and v4.
import { nodeHarness } from '../harness';
import { itemWithFiles } from '../document/contract';

const { DEFAULT_TEMPLATES } = require('../../../simulator/packages');
const { ROLE_TEMPLATE: TEMPLATE } = require('../../../simulator/recipients');

const harness = nodeHarness();
const record = { deal: 'ACME renewal', contact: { name: 'Ada Lovelace', email: 'ada@example.com' }, owner: { name: 'Grace Hopper', email: 'grace@example.com' }, amount: '1200' };
const byRows = {
	recipient: [
		{ templateRecipient: 'Customer', name: '={{ $json.contact.name }}', email: '={{ $json.contact.email }}' },
		{ templateRecipient: 'account manager', name: '={{ $json.owner.name }}', email: '={{ $json.owner.email }}' },
	],
};
const send = (extra: object = {}) => ({
	resource: 'package',
	operation: 'sendFromTemplate',
	packageName: '={{ $json.deal }}',
	binaryPropertyNames: 'data',
	templateName: { __rl: true, mode: 'name', value: 'Two-party agreement' },
	templateRecipients: byRows,
	prefill: { field: [{ name: 'customer_name', value: '={{ $json.contact.name }}' }, { name: 'amount', value: '={{ $json.amount }}' }] },
	options: {},
	...extra,
});
type Recipient = { order: number; user_email?: string; user_name: string; role: string; placeholder?: string };
const people = (id: number) => harness.sim.packageOf(id).recipients.map((r: Recipient) => [r.order, r.user_email, r.user_name, r.role, r.placeholder]);

describe.each(['v4', 'v3'])('Package > Send From Template (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ templates: [...DEFAULT_TEMPLATES, TEMPLATE] }));

	it("puts the CRM record's two people into the template's placeholders by name, prefills and shares", async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(send(), [itemWithFiles(record)], { apiVersion });
		const { packageId } = output[0].json as { packageId: number };
		expect(output[0].json).toEqual({
			packageId,
			packageName: 'ACME renewal',
			documents: [{ documentId: expect.any(Number), fileName: 'data.pdf' }],
			template: 'Two-party agreement',
			recipients: [
				{ order: 1, templateRecipient: 'Customer', email: 'ada@example.com', name: 'Ada Lovelace', role: 'SIGNER' },
				{ order: 2, templateRecipient: 'Account manager', email: 'grace@example.com', name: 'Grace Hopper', role: 'SIGNER' },
			],
			fieldsFilled: ['customer_name', 'amount'],
			message: null,
			shared: true,
		});
		const pkg = harness.sim.packageOf(packageId);
		expect(pkg.status).toBe('IN_PROGRESS');
		expect(people(packageId)).toEqual([
			[1, 'ada@example.com', 'Ada Lovelace', 'SIGNER', undefined],
			[2, 'grace@example.com', 'Grace Hopper', 'SIGNER', undefined],
			[3, 'archive@example.com', 'Archive', 'CARBON_COPY', undefined],
		]);
		const puts = harness.requests(from).filter((entry) => entry.method === 'PUT' && String(entry.path).endsWith('/user'));
		expect(puts.map((entry) => entry.path)).toEqual([`/${apiVersion}/packages/${packageId}/workflow/1/user`, `/${apiVersion}/packages/${packageId}/workflow/2/user`]);
		expect(harness.sim.fieldsOf(pkg.documents[0]).find((f: { field_name: string }) => f.field_name === 'customer_name').value).toBe('Ada Lovelace');
	});

	it('takes the people from a JSON list an expression gives, by order, with their own delivery and role', async () => {
		const item = { ...record, signers: [{ order: 2, user_name: 'Grace Hopper', user_email: 'grace@example.com', role: 'reviewer' }, { templateRecipient: 1, name: 'Ada Lovelace', email: 'ada@example.com' }] };
		const { output } = await harness.run(send({ recipientSource: 'json', recipientsJson: '={{ $json.signers }}', templateRecipients: {} }), [itemWithFiles(item)], { apiVersion });
		const { packageId } = output[0].json as { packageId: number };
		expect(people(packageId).slice(0, 2)).toEqual([
			[1, 'ada@example.com', 'Ada Lovelace', 'SIGNER', undefined],
			[2, 'grace@example.com', 'Grace Hopper', 'REVIEWER', undefined],
		]);
	});

	it.each([
		[{ templateRecipients: { recipient: [byRows.recipient[0]] } }, /placeholder nobody was given for: 2 "Account manager" \(placeholder, SIGNER\)/],
		[{ templateRecipients: { recipient: [byRows.recipient[0], { ...byRows.recipient[1], templateRecipient: 'Witness' }] } }, /Recipient 2: the template "Two-party agreement" has no recipient "Witness"/],
		[{ templateRecipients: { recipient: [byRows.recipient[0], { ...byRows.recipient[1], templateRecipient: '7' }] } }, /Recipient 2: the template "Two-party agreement" has no recipient 7/],
	])('deletes its draft when the people do not fit the template (%#)', async (parameters, message) => {
		const { output } = await harness.run(send(parameters), [itemWithFiles(record)], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringMatching(message), packageName: 'ACME renewal' });
		expect(String((output[0].json.error as { message: string }).message)).toMatch(/The draft package \d+ it created was deleted$/);
		expect(harness.sim.packages.size).toBe(0);
	});

	it('does not send a recipient again when its answer is lost, and deletes the draft', async () => {
		harness.sim.addFaults({ path: '/workflow/2/user$', kind: 'drop', after: true, times: 1 });
		const from = harness.sim.log.length;
		const { output } = await harness.run(send(), [itemWithFiles(record)], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining('SigningHub may have carried it out') });
		expect(harness.requests(from).filter((entry) => String(entry.path).endsWith('/workflow/2/user'))).toHaveLength(1);
		expect(harness.sim.packages.size).toBe(0);
	});

	it.each([
		[{ templateRecipients: {} }, 'No one to put into the template'],
		[{ templateRecipients: { recipient: [byRows.recipient[0], { ...byRows.recipient[1], templateRecipient: 'CUSTOMER' }] } }, 'Recipient 1 and Recipient 2 both take template recipient "CUSTOMER"'],
		[{ templateRecipients: { recipient: [byRows.recipient[0], { ...byRows.recipient[1], email: 'grace' }] } }, 'Recipient 2: Email must be an email address, not "grace"'],
		[{ recipientSource: 'json', recipientsJson: '[{"name": "Ada", "email": "ada@example.com"' }, 'Recipients (JSON) is not valid JSON'],
		[{ recipientSource: 'json', recipientsJson: '[{"name": "Ada", "email": "ada@example.com", "templateRecipient": 0}]' }, 'Recipient 1: Template Recipient must be an order of 1 or more, not "0"'],
		[{ templateName: { __rl: true, mode: 'name', value: '' } }, 'Template is empty'],
		[{ prefillSource: 'json', prefillJson: '{"amount": {"value": 1}}' }, 'Prefilled field "amount" must be text, a number, or true or false'],
	])('refuses %p before any request', async (parameters, message) => {
		const [error] = await harness.refused(send(parameters), [itemWithFiles(record)], { apiVersion });
		expect(error.message).toContain(message);
	});
});

it('fills a template recipient by order when the entry does not say which (its place in the list), and keeps an SMS the template set', async () => {
	harness.sim.reset({ templates: [{ ...TEMPLATE, recipients: [{ ...TEMPLATE.recipients[0], delivery_method: 'SMS', mobile_number: '+447700900123' }, TEMPLATE.recipients[1]] }] });
	const rows = { recipient: byRows.recipient.map(({ name, email }) => ({ name, email })) };
	const { output } = await harness.run(send({ templateRecipients: rows }), [itemWithFiles(record)]);
	const { packageId } = output[0].json as { packageId: number };
	expect(harness.sim.packageOf(packageId).recipients.map((r: { user_email: string; delivery_method: string }) => [r.user_email, r.delivery_method])).toEqual([
		['ada@example.com', 'SMS'],
		['grace@example.com', 'EMAIL'],
	]);
});
