// Document > Sign: the owner's countersignature after the customer signed, with a signing
// capacity, then Finish: the package completes; a signer waiting for remote authorisation; the
// signer's own token (never an enterprise admin's scope); SigningHub's refusals; never sent twice.
import { nodeHarness, OWNER, ownerLogin } from '../harness';
import { contractPackage, CUSTOMER } from './contract';

const { DEFAULT_SCENARIO } = require('../../../simulator/simulator');

const harness = nodeHarness();
const sign = (options: object = {}) => ({ resource: 'document', operation: 'sign', packageId: '={{ $json.packageId }}', documentId: '={{ $json.documentId }}', fieldName: '={{ $json.field }}', options });
const documentOf = (id: number) => harness.sim.packageOf(id).documents[0].id;
const users = (owner: object) => DEFAULT_SCENARIO.users.map((user: { email: string }) => (user.email === OWNER ? { ...user, ...owner } : user));

function countersignable(id: number) {
	const pkg = harness.sim.packageOf(id);
	const [document] = pkg.documents;
	harness.sim.addFieldTo(document, 'signature', { order: 1, field_name: 'customer_signature' }, 1, { x: 200, y: 280, width: 160, height: 40 });
	harness.sim.addFieldTo(document, 'signature', { order: 2, field_name: 'company_seal' }, 1, { x: 200, y: 380, width: 160, height: 40 });
	pkg.status = 'IN_PROGRESS';
	harness.sim.fillAs(id, document.id, CUSTOMER, { customer_name: 'Ada Lovelace' });
	harness.sim.sign(id, CUSTOMER);
	return pkg;
}

describe.each(['v4', 'v3'])('Document > Sign (%s)', (apiVersion) => {
	beforeEach(() => {
		harness.sim.reset({ users: users({ signingCapacities: ['Company seal', 'Personal'] }), packages: [contractPackage(7), contractPackage(8)] });
		countersignable(7);
	});

	it('seals the field with the capacity, finishes, and the package completes', async () => {
		const { output } = await harness.run(sign({ signingCapacity: 'Company seal', signingReason: 'Countersigned' }), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal' }], { apiVersion });
		expect(output[0].json).toMatchObject({ packageId: 7, documentId: documentOf(7), fieldName: 'company_seal', status: 'SIGNED', signed: true, waitingForAuthorisation: false, finished: true, verification: { signature_status: 'VALID', signing_reason: 'Countersigned' } });
		const pkg = harness.sim.packageOf(7);
		expect(pkg.status).toBe('COMPLETED');
		expect(pkg.history.map((entry: { action_type: string; information: { value: string } }) => `${entry.action_type} ${entry.information.value}`)).toContain('SIGNATURE_APPLIED contract.pdf: company_seal (Company seal)');
		const signs = harness.sim.log.filter((entry: { path: string }) => /\/sign$|\/finish$/.test(entry.path)).map((entry: { method: string; path: string }) => `${entry.method} ${entry.path.replace(/documents\/\d+/, 'documents/D')}`);
		expect(signs).toEqual([`POST /${apiVersion}/packages/7/documents/D/sign`, `POST /${apiVersion}/packages/7/finish`]);
	});

	it('says when the signer must authorise on a phone, and never passes on the token SigningHub answers with', async () => {
		harness.sim.reset({ users: users({ remoteAuthorisation: true }), packages: [contractPackage(7)] });
		countersignable(7);
		const { output } = await harness.run(sign(), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal' }], { apiVersion });
		expect(output[0].json).toMatchObject({ status: 'PENDING', signed: false, waitingForAuthorisation: true, finished: false, transactionId: expect.any(String) });
		const answered = harness.sim.issued.filter((token: string) => token.startsWith('sim-auth.'));
		expect(answered).toHaveLength(1);
		expect(JSON.stringify(output)).not.toContain(answered[0]);
		expect(harness.sim.packageOf(7).status).toBe('IN_PROGRESS');
	});

	it("refuses an enterprise admin's scope before any request, saying the signer's own token is needed", async () => {
		const admin = { ...ownerLogin(harness.url, apiVersion), authMethod: 'enterpriseScope', username: 'admin@example.com', password: 'admin-pass-9e3f', scope: OWNER };
		const from = harness.sim.log.length;
		const { output } = await harness.run(sign(), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal' }], { apiVersion, credentials: admin, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: "Sign cannot act through an enterprise admin's scope", description: expect.stringContaining("the signer's own token"), attempts: 0 });
		expect(harness.sim.log.slice(from)).toEqual([]);
	});

	it("passes on SigningHub's refusals: another's field, a capacity the signer lacks, empty mandatory fields", async () => {
		const items = [
			{ packageId: 7, documentId: documentOf(7), field: 'customer_signature' },
			{ packageId: 7, documentId: documentOf(7), field: 'company_seal', capacity: 'Queen' },
		];
		const { output } = await harness.run(sign({ signingCapacity: '={{ $json.capacity }}' }), items, { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'The field is not assigned to this user', description: expect.stringContaining("the signer's own token") });
		expect(output[1].json.error).toMatchObject({ httpCode: 400, signingHubMessage: 'Signing capacity not found' });
		const pkg = harness.sim.packageOf(8);
		harness.sim.addFieldTo(pkg.documents[0], 'signature', { order: 1, field_name: 'customer_signature' }, 1, { x: 1, y: 1, width: 10, height: 10 });
		pkg.status = 'IN_PROGRESS';
		const signer = { ...ownerLogin(harness.url, apiVersion), username: CUSTOMER, password: 'colleague-pass-2b8d' };
		const { output: early } = await harness.run(sign(), [{ packageId: 8, documentId: documentOf(8), field: 'customer_signature' }], { apiVersion, credentials: signer, continueOnFail: true });
		expect(early[0].json.error).toMatchObject({ httpCode: 400, signingHubMessage: 'Fill in the mandatory fields before signing: customer_name' });
	});

	it('does not sign again when the answer is lost', async () => {
		harness.sim.addFaults({ path: '/sign$', kind: 'drop', after: true, times: 1 });
		const { output } = await harness.run(sign(), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining('SigningHub may have carried it out'), attempts: 1 });
		expect(harness.sim.log.filter((entry: { path: string }) => entry.path.endsWith('/sign'))).toHaveLength(1);
	});

	it('says the field is signed when only Finish fails', async () => {
		harness.sim.addFaults({ path: '/finish$', status: 500, body: { Message: 'Internal error' } });
		const { output } = await harness.run(sign(), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'Signed the field "company_seal", but could not finish package 7 after signing "company_seal": Internal error', description: expect.stringContaining('do not sign again') });
	});

	it.each([
		[{ field: '' }, {}, 'Field Name is empty'],
		[{ documentId: '' }, {}, 'Document ID is empty'],
		[{}, { appearance: 'GLITTER' }, 'Appearance must be one of COMPANY_LOGO, DETAILED_SIGNATURE, HAND_SIGNATURE, not "GLITTER"'],
		[{}, { finish: 'maybe' }, 'Finish must be true or false, not "maybe"'],
	])('refuses %p %p before any request', async (item, options, message) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(sign(options), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal', ...item }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(message), attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});
});
