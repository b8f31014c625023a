// Document > Sign: the owner's countersignature after the customer signed, with a signing
// capacity, then Finish: the package completes; Finish only once the signer has no signature
// field left (v3 guide page 1132), several fields in one item, Always and Never; a key password
// and a one-time password, never shown; a signer waiting for remote authorisation; the signer's
// own token (never an enterprise admin's scope); SigningHub's refusals; never sent twice.
import { nodeHarness, OWNER, ownerLogin } from '../harness';
import { contractPackage, CUSTOMER } from './contract';

const { DEFAULT_SCENARIO } = require('../../../simulator/simulator');
const { FIELD_ASSUMED } = require('../../../simulator/fields');

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
		expect(output[0].json.error).toMatchObject({ message: 'Signed "company_seal", but could not finish package 7: Internal error', description: expect.stringContaining('do not sign again') });
	});

	it.each([
		[{ field: '' }, {}, 'Field Name is empty'],
		[{ documentId: '' }, {}, 'Document ID is empty'],
		[{}, { appearance: 'GLITTER' }, 'Appearance must be one of COMPANY_LOGO, DETAILED_SIGNATURE, HAND_SIGNATURE, not "GLITTER"'],
		[{}, { finish: 'maybe' }, 'Finish must be one of WHEN_DONE, ALWAYS, NEVER, not "maybe"'],
		[{ field: 'company_seal, company_seal' }, {}, 'Field Name names "company_seal" twice'],
		[{ field: 'company_seal, second_seal' }, { oneTimePassword: '123456' }, 'A One-Time Password signs one field'],
	])('refuses %p %p before any request', async (item, options, message) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(sign(options), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal', ...item }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(message), attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});
});

/** "METHOD path" of the signing calls and Finish since `from`, documents as D. */
const signingCalls = (from: number) =>
	harness.sim.log
		.slice(from)
		.filter((entry: { path: string }) => /\/sign$|\/finish$/.test(entry.path))
		.map((entry: { method: string; path: string }) => `${entry.method} ${entry.path.replace(/documents\/\d+/, 'documents/D')}`);

describe.each(['v4', 'v3'])('Document > Sign, Finish as SigningHub means it (%s)', (apiVersion) => {
	const SIGN = `POST /${apiVersion}/packages/7/documents/D/sign`;
	const FINISH = `POST /${apiVersion}/packages/7/finish`;
	const owner = () => harness.sim.packageOf(7).recipients.find((r: { user_email: string }) => r.user_email === OWNER);
	const customerLogin = () => ({ ...ownerLogin(harness.url, apiVersion), username: CUSTOMER, password: 'colleague-pass-2b8d' });

	beforeEach(() => {
		harness.sim.reset({ packages: [contractPackage(7)] });
		const pkg = countersignable(7);
		harness.sim.addFieldTo(pkg.documents[0], 'signature', { order: 2, field_name: 'second_seal' }, 1, { x: 200, y: 480, width: 160, height: 40 });
	});

	it("signs a signer's two fields in one item, then finishes once, after the last", async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(sign(), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal, second_seal' }], { apiVersion });
		expect(output[0].json).toMatchObject({ fieldName: 'company_seal, second_seal', status: 'SIGNED', signed: true, fieldsLeft: [], finished: true });
		expect((output[0].json.signatures as object[]).map((signature) => signature)).toEqual([
			expect.objectContaining({ fieldName: 'company_seal', status: 'SIGNED' }),
			expect.objectContaining({ fieldName: 'second_seal', status: 'SIGNED' }),
		]);
		expect(signingCalls(from)).toEqual([SIGN, SIGN, FINISH]);
		expect(harness.sim.packageOf(7).status).toBe('COMPLETED');
		expect(owner().unsignedAtFinish).toBeUndefined();
	});

	it('signs them in two items without finishing after the first: the signer is not cut off', async () => {
		const from = harness.sim.log.length;
		const first = await harness.run(sign(), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal' }], { apiVersion });
		expect(first.output[0].json).toMatchObject({ signed: true, fieldsLeft: ['second_seal'], documentsChecked: [documentOf(7)], finished: false });
		expect(owner().process_status).toBe('UN_PROCESSED');
		const second = await harness.run(sign(), [{ packageId: 7, documentId: documentOf(7), field: 'second_seal' }], { apiVersion });
		expect(second.output[0].json).toMatchObject({ signed: true, fieldsLeft: [], finished: true });
		expect(signingCalls(from)).toEqual([SIGN, SIGN, FINISH]);
		expect(harness.sim.packageOf(7).status).toBe('COMPLETED');
		expect(owner().unsignedAtFinish).toBeUndefined();
	});

	it("reads only the document signed in when the signer may not read the package's workflow", async () => {
		harness.sim.reset({ packages: [contractPackage(8, 'IN_PROGRESS')] });
		const [document] = harness.sim.packageOf(8).documents;
		for (const name of ['customer_signature', 'customer_initials']) harness.sim.addFieldTo(document, 'signature', { order: 1, field_name: name }, 1, { x: 1, y: 1, width: 10, height: 10 });
		harness.sim.fillAs(8, document.id, CUSTOMER, { customer_name: 'Ada Lovelace' });
		const item = (field: string) => [{ packageId: 8, documentId: document.id, field }];
		const first = await harness.run(sign(), item('customer_signature'), { apiVersion, credentials: customerLogin() });
		expect(first.output[0].json).toMatchObject({ fieldsLeft: ['customer_initials'], documentsChecked: [document.id], finished: false });
		const second = await harness.run(sign(), item('customer_initials'), { apiVersion, credentials: customerLogin() });
		expect(second.output[0].json).toMatchObject({ fieldsLeft: [], finished: true });
		expect(harness.sim.packageOf(8).recipients[0]).toMatchObject({ user_email: CUSTOMER, process_status: 'SIGNED' });
		expect(harness.sim.packageOf(8).recipients[0].unsignedAtFinish).toBeUndefined();
	});

	it('signs them in two items of one run one after another, and only the last finishes', async () => {
		const from = harness.sim.log.length;
		const items = ['company_seal', 'second_seal'].map((field) => ({ packageId: 7, documentId: documentOf(7), field }));
		const { output } = await harness.run(sign(), items, { apiVersion });
		expect(output.map((item) => [item.json.fieldName, item.json.fieldsLeft, item.json.finished])).toEqual([
			['company_seal', ['second_seal'], false],
			['second_seal', [], true],
		]);
		expect(signingCalls(from)).toEqual([SIGN, SIGN, FINISH]);
		expect(harness.sim.packageOf(7).status).toBe('COMPLETED');
	});

	it('finishes now with Always (the signer is cut off from the field left), and never with Never', async () => {
		const never = await harness.run(sign({ finish: 'NEVER' }), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal, second_seal' }], { apiVersion });
		expect(never.output[0].json).toMatchObject({ signed: true, finished: false });
		expect(never.output[0].json.fieldsLeft).toBeUndefined();
		harness.sim.reset({ packages: [contractPackage(7)] });
		const pkg = countersignable(7);
		harness.sim.addFieldTo(pkg.documents[0], 'signature', { order: 2, field_name: 'second_seal' }, 1, { x: 200, y: 480, width: 160, height: 40 });
		const from = harness.sim.log.length;
		const always = await harness.run(sign({ finish: 'ALWAYS' }), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal' }], { apiVersion });
		expect(always.output[0].json).toMatchObject({ finished: true });
		expect(signingCalls(from)).toEqual([SIGN, FINISH]);
		expect(owner().unsignedAtFinish).toEqual(['second_seal']);
	});

	it('reads a Finish saved as on or off as Always or Never', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(sign({ finish: true }), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal' }], { apiVersion });
		expect(output[0].json).toMatchObject({ finished: true });
		expect(signingCalls(from)).toEqual([SIGN, FINISH]);
		harness.sim.reset({ packages: [contractPackage(7)] });
		countersignable(7);
		const off = await harness.run(sign({ finish: false }), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal' }], { apiVersion });
		expect(off.output[0].json).toMatchObject({ signed: true, finished: false });
		expect(harness.sim.packageOf(7).status).toBe('IN_PROGRESS');
	});

	it('says the fields are signed when reading what is left fails, and does not finish', async () => {
		harness.sim.addFaults({ path: '/packages/7/workflow$', method: 'GET', status: 500, body: { Message: 'Internal error' } });
		const from = harness.sim.log.length;
		const { output } = await harness.run(sign(), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal, second_seal' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'Signed "company_seal", "second_seal", but could not read the workflow of package 7: Internal error', description: expect.stringContaining('do not sign again') });
		expect(signingCalls(from)).toEqual([SIGN, SIGN]);
	});

	it('says which fields it signed when a later one fails, and does not finish', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(sign(), [{ packageId: 7, documentId: documentOf(7), field: 'company_seal, customer_signature' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({
			message: 'Signed "company_seal", but could not sign the field "customer_signature" of document ' + documentOf(7) + ' of package 7: The field is not assigned to this user',
			description: expect.stringContaining('do not sign those fields again'),
			httpCode: 403,
		});
		expect(signingCalls(from)).toEqual([SIGN, SIGN]);
	});
});

describe.each(['v4', 'v3'])("Document > Sign, a protected key and a one-time password (%s)", (apiVersion) => {
	const KEY = 'seal-key-pass-71d3';
	const OTP = '493817';
	const protectedUsers = users({ signingCapacities: ['Company seal'], capacityPasswords: { 'Company seal': KEY }, signingOtp: OTP });
	const item = { packageId: 7, documentId: 0, field: 'company_seal', otp: OTP, key: KEY };

	beforeEach(() => {
		harness.sim.reset({ users: protectedUsers, packages: [contractPackage(7)] });
		countersignable(7);
		item.documentId = documentOf(7);
	});

	it("sends the key password as user_password and the one-time password as x-otp, and shows neither", async () => {
		const { output } = await harness.run(sign({ keyPassword: '={{ $json.key }}', oneTimePassword: '={{ $json.otp }}' }), [item], { apiVersion });
		expect(output[0].json).toMatchObject({ signed: true, finished: true });
		expect(JSON.stringify(output)).not.toContain(KEY);
		expect(JSON.stringify(output)).not.toContain(OTP);
		expect(JSON.stringify(harness.sim.log)).not.toContain(OTP);
	});

	it.each([
		[{ oneTimePassword: '={{ $json.otp }}' }, 'passwordRequired', 'set Key Password'],
		[{ keyPassword: 'not-the-key', oneTimePassword: '={{ $json.otp }}' }, 'invalidCredentials', 'check the key password'],
		[{ keyPassword: '={{ $json.key }}' }, 'otpRequired', 'One-Time Password'],
		[{ keyPassword: '={{ $json.key }}', oneTimePassword: '000000' }, 'invalidCredentials', 'get a new one'],
	])("gives SigningHub's refusal of %p with what to do", async (options, refusal, advice) => {
		const { output } = await harness.run(sign(options), [item], { apiVersion, continueOnFail: true });
		const { error } = output[0].json as { error: { httpCode: number; signingHubMessage: string; description: string } };
		expect(error).toMatchObject({ httpCode: 403, signingHubMessage: JSON.parse(FIELD_ASSUMED[refusal]().body).Message, description: expect.stringContaining(advice) });
		expect(JSON.stringify(output)).not.toContain(KEY);
		expect(JSON.stringify(output)).not.toContain(OTP);
	});
});
