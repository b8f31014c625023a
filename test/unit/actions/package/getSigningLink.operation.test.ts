// Package > Get Signing Link: v4's integration link with the caller's https callback URL and the
// body the one working public client sends (document_id, the package's first document when none
// is given, and section VIEWER); v3 and bad input refused before any request; SigningHub's refusals.
import { getSigningLink } from '../../../../nodes/SigningHub/actions/package/getSigningLink.operation';
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();
const link = (options: object = {}) => ({ resource: 'package', operation: 'getSigningLink', packageId: '={{ $json.id }}', email: '={{ $json.email }}', callbackUrl: '={{ $json.back }}', options });
const BACK = 'https://portal.example.com/signed?case=12';

describe('Package > Get Signing Link', () => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'IN_PROGRESS', documents: [{ name: 'a.pdf', content: 'A' }, { name: 'b.pdf', content: 'B' }], recipients: [{ user_email: 'signer@example.com' }] },
				{ id: 8, owner: OWNER, status: 'DRAFT', documents: [{ name: 'c.pdf', content: 'C' }], recipients: [{ user_email: 'signer@example.com' }] },
			],
		}),
	);

	const documentsOf = (id: number) => harness.sim.packageOf(id).documents.map((document: { id: number }) => document.id);

	it("gives the link for the recipient, with the callback URL, options, the package's first document and section VIEWER sent", async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(link({ language: 'de-DE', lockPanels: true }), [{ id: 7, email: 'signer@example.com', back: BACK }]);
		expect(output[0].json).toEqual({ packageId: 7, email: 'signer@example.com', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/web\/Integration\?/) });
		const url = new URL(output[0].json.url as string);
		expect(url.searchParams.get('callback_url')).toBe(BACK);
		const [first] = documentsOf(7);
		expect(harness.sim.links.at(-1)).toEqual({ packageId: 7, package_id: 7, document_id: first, section: 'VIEWER', user_email: 'signer@example.com', callback_url: BACK, language: 'de-DE', lock_panels: true, collapse_panels: false });
		expect(harness.calls(from)).toEqual(['GET /v4/packages/7/workflow', 'POST /v4/links/integration']);
	});

	it('sends the Document ID given, without reading the package, and takes http only on loopback', async () => {
		const second = documentsOf(7)[1];
		const from = harness.sim.log.length;
		await harness.run(link({ documentId: String(second) }), [{ id: 7, email: 'signer@example.com', back: 'http://localhost:5678/signed' }]);
		expect(harness.sim.links.at(-1)).toMatchObject({ document_id: second, section: 'VIEWER', callback_url: 'http://localhost:5678/signed' });
		expect(harness.calls(from)).toEqual(['POST /v4/links/integration']);
	});

	it('says in the editor that the link is a secret', () => {
		const callback = getSigningLink.properties.find((property) => property.name === 'callbackUrl');
		expect(callback?.description).toMatch(/secret: whoever holds it can open the package and sign/);
	});

	it.each([
		[{ back: 'javascript:alert(1)' }, {}, 'Callback URL must be an https address'],
		[{ back: 'http://portal.example.com/signed' }, {}, 'Callback URL must be an https address, not "http://portal.example.com/signed"'],
		[{ back: 'http://127.0.0.1.example.com/signed' }, {}, 'Callback URL must be an https address'],
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
