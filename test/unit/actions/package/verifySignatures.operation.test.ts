// Package > Verify Signatures: one item per signature with `valid` to gate on, for the package or
// one document; none: one item saying so; bad input before any request.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();
const verify = (options: object = {}) => ({ resource: 'package', operation: 'verifySignatures', packageId: '={{ $json.id }}', options });

describe.each(['v4', 'v3'])('Package > Verify Signatures (%s)', (apiVersion) => {
	beforeEach(() => {
		harness.sim.reset({
			packages: [
				{
					id: 7,
					owner: OWNER,
					status: 'IN_PROGRESS',
					documents: [{ name: 'a.pdf' }, { name: 'b.pdf' }],
					recipients: [{ user_email: 'signer@example.com', user_name: 'Sam Signer' }, { user_email: 'forger@example.com', user_name: 'Fay Forger' }],
					signatureStatuses: { 'forger@example.com': 'INVALID' },
				},
				{ id: 8, owner: OWNER, status: 'DRAFT', documents: [{ name: 'c.pdf' }] },
			],
		});
		harness.sim.sign(7, 'signer@example.com');
		harness.sim.sign(7, 'forger@example.com');
	});

	it("gives each signature's signer, time, status, timestamp and certificate", async () => {
		const { output } = await harness.run(verify(), [{ id: 7 }], { apiVersion });
		const [first] = harness.sim.packageOf(7).documents;
		expect(output).toHaveLength(4);
		expect(output[0].json).toMatchObject({ packageId: 7, documentId: first.id, valid: true, signer_name: 'Sam Signer', signature_status: 'VALID', timestamp_at: expect.any(String), subject_dn: expect.stringContaining('Sam Signer'), issuer_dn: expect.any(String) });
		expect(output.map((item) => item.json.valid)).toEqual([true, false, true, false]);
		expect(harness.sim.log.at(-1)).toMatchObject({ path: `/${apiVersion}/packages/7/verification` });
	});

	it('verifies one document with the Document ID option, and says when there is no signature', async () => {
		const [, second] = harness.sim.packageOf(7).documents;
		const one = await harness.run(verify({ documentId: '={{ $json.doc }}' }), [{ id: 7, doc: second.id }], { apiVersion });
		expect(one.output.map((item) => [item.json.documentId, item.json.valid])).toEqual([
			[second.id, true],
			[second.id, false],
		]);
		const none = await harness.run(verify(), [{ id: 8 }], { apiVersion });
		expect(none.output.map((item) => item.json)).toEqual([{ packageId: 8, documentId: null, valid: false, signatureCount: 0 }]);
	});

	it('refuses a bad Document ID before any request, and an unknown one with SigningHub\'s words', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(verify({ documentId: '={{ $json.doc }}' }), [{ id: 7, doc: '1/../2' }, { id: 7, doc: 999 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'Document ID must be a positive whole number, not "1/../2"', attempts: 0 });
		expect(output[1].json.error).toMatchObject({ httpCode: 404, signingHubMessage: 'Document not found' });
		expect(harness.requests(from).filter((entry) => entry.status !== 401).map((entry) => entry.path)).toEqual([`/${apiVersion}/packages/7/documents/999/verification`]);
	});
});
