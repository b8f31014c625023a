// Package > Get Signing Link: v4's integration link with the caller's callback URL; v3 and bad
// input refused before any request; SigningHub's refusals.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();
const link = (options: object = {}) => ({ resource: 'package', operation: 'getSigningLink', packageId: '={{ $json.id }}', email: '={{ $json.email }}', callbackUrl: '={{ $json.back }}', options });
const BACK = 'https://portal.example.com/signed?case=12';

describe('Package > Get Signing Link', () => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'IN_PROGRESS', recipients: [{ user_email: 'signer@example.com' }] },
				{ id: 8, owner: OWNER, status: 'DRAFT', recipients: [{ user_email: 'signer@example.com' }] },
			],
		}),
	);

	it('gives the link for the recipient, with the callback URL and options sent', async () => {
		const { output } = await harness.run(link({ language: 'de-DE', lockPanels: true }), [{ id: 7, email: 'signer@example.com', back: BACK }]);
		expect(output[0].json).toEqual({ packageId: 7, email: 'signer@example.com', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/web\/Integration\?/) });
		const url = new URL(output[0].json.url as string);
		expect(url.searchParams.get('callback_url')).toBe(BACK);
		expect(harness.sim.links.at(-1)).toMatchObject({ package_id: 7, user_email: 'signer@example.com', callback_url: BACK, language: 'de-DE', lock_panels: true, collapse_panels: false });
	});

	it.each([
		[{ back: 'javascript:alert(1)' }, {}, 'Callback URL must be an http or https address'],
		[{ back: '' }, {}, 'Callback URL is empty'],
		[{ email: 'signer' }, {}, 'Recipient Email must be an email address'],
		[{}, { language: 'english please' }, 'Language must be a language tag such as en-US'],
	])('refuses %p %p before any request', async (override, options, text) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(link(options), [{ id: 7, email: 'signer@example.com', back: BACK, ...override }], { continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(text), attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});

	it('says v3 has no such call, before any request', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(link(), [{ id: 7, email: 'signer@example.com', back: BACK }], { apiVersion: 'v3', continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'Get Signing Link needs API v4', description: expect.stringContaining('v3 has no API call') });
		expect(harness.requests(from)).toEqual([]);
	});

	it("gives SigningHub's refusals: a draft, someone who is not a recipient", async () => {
		const { output } = await harness.run(link(), [{ id: 8, email: 'signer@example.com', back: BACK }, { id: 7, email: 'stranger@example.com', back: BACK }], { continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document is still in draft state' });
		expect(output[1].json.error).toMatchObject({ httpCode: 400, signingHubMessage: 'The user is not a recipient of this document' });
	});

	it('does not take an HTML page for a link', async () => {
		harness.sim.addFaults({ path: '/links/integration$', kind: 'html', status: 200, times: 1 });
		const { output } = await harness.run(link(), [{ id: 7, email: 'signer@example.com', back: BACK }], { continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining('did not answer like a SigningHub API') });
	});
});
