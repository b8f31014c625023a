// The simulator's documents' fields over HTTP: what the sample contract holds, a signer filling
// in their turn with their own token, autoplace, Sign Document refusing a scoped token, Finish.
const { SigningHubSimulator } = require('./simulator');
const { formPdf } = require('./fields');

const CLIENT = { client_id: 'n8n-integration', client_secret: 'sim-client-secret-4f9a' };
const OWNER = 'owner@example.com';
const SIGNER = 'colleague@example.com';

describe('SigningHub simulator: documents\' fields', () => {
	const sim = new SigningHubSimulator();
	let url: string;

	async function token(username: string, password: string, scope?: string): Promise<string> {
		const body = new URLSearchParams({ grant_type: 'password', ...CLIENT, username, password, ...(scope ? { scope } : {}) });
		const answer = await fetch(`${url}/authenticate`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
		return ((await answer.json()) as { access_token: string }).access_token;
	}

	async function api(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
		const response = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : null };
	}

	beforeAll(async () => {
		url = await sim.start();
	});
	afterAll(async () => await sim.stop());

	let owner: string;
	let doc: number;
	beforeEach(async () => {
		sim.reset({
			packages: [{ id: 5, owner: OWNER, status: 'DRAFT', documents: [{ name: 'contract.pdf', content: formPdf() }], recipients: [{ user_email: SIGNER, role: 'SIGNER' }, { user_email: OWNER, role: 'SIGNER' }] }],
		});
		owner = await token(OWNER, 'owner-pass-7c1e');
		doc = sim.packageOf(5).documents[0].id;
	});

	it.each([
		['v4', 'signature'],
		['v3', 'digital_signature'],
	])('lists the sample contract\'s form fields by kind, page by page (%s)', async (v, signatureList) => {
		const answer = await api(owner, 'GET', `/${v}/packages/5/documents/${doc}/fields/1`);
		expect(answer.status).toBe(200);
		expect(Object.keys(answer.body)).toContain(signatureList);
		expect(answer.body.text.map((f: { field_name: string; validation_rule: string }) => [f.field_name, f.validation_rule])).toEqual([['customer_name', 'MANDATORY'], ['amount', 'OPTIONAL']]);
		expect(answer.body.radio.map((f: { field_name: string; radio_group_name: string }) => [f.field_name, f.radio_group_name])).toEqual([['payment_card', 'payment'], ['payment_invoice', 'payment']]);
		expect(answer.body.dropdown[0]).toMatchObject({ field_name: 'plan', choices: ['Basic', 'Standard', 'Premium'] });
		expect((await api(owner, 'GET', `/${v}/packages/5/documents/${doc}/fields/2`)).status).toBe(400);
		expect((await api(owner, 'GET', `/${v}/packages/5/documents/${doc}/fields`)).status).toBe(404);
	});

	it('places a field beside each place a text shows, and lets the signer fill and sign in turn with their own token', async () => {
		// No placement: LEFT, SigningHub's default; "Invoice" starts at x 268.
		const placed = await api(owner, 'POST', `/v4/packages/5/documents/${doc}/fields/autoplace`, { search_text: 'Invoice', order: 1, field_type: 'SIGNATURE' });
		expect(placed).toEqual({ status: 200, body: [{ field_name: 'signature_1' }] });
		const field = sim.fieldsOf(sim.packageOf(5).documents[0]).find((f: { field_name: string }) => f.field_name === 'signature_1');
		expect(field).toMatchObject({ order: 1, dimensions: { x: 104, width: 160, height: 40 } });
		expect((await api(owner, 'POST', '/v4/packages/5/workflow')).status).toBe(200);
		const signer = await token(SIGNER, 'colleague-pass-2b8d');
		expect((await api(signer, 'PUT', `/v4/packages/5/documents/${doc}/fields`, { auto_save: true, text: [{ field_name: 'customer_name', value: 'Ada' }] })).status).toBe(200);
		const signed = await api(signer, 'POST', `/v4/packages/5/documents/${doc}/sign`, { field_name: 'signature_1', skip_verification: false });
		expect(signed.body).toMatchObject({ field_name: 'signature_1', status: 'SIGNED', verification: { signature_status: 'VALID' } });
		expect((await api(signer, 'POST', '/v4/packages/5/finish')).status).toBe(200);
		expect(sim.packageOf(5).recipients[0].process_status).toBe('SIGNED');
		// It is the owner's turn now, not the signer's.
		expect((await api(signer, 'PUT', `/v4/packages/5/documents/${doc}/fields`, { text: [{ field_name: 'amount', value: '1' }] })).status).toBe(403);
	});

	it("refuses to sign with an enterprise admin's scoped token, even for the user's own field", async () => {
		await api(owner, 'POST', `/v4/packages/5/documents/${doc}/fields/signature`, { order: 2, page_no: 1, field_name: 'seal' });
		sim.packageOf(5).status = 'IN_PROGRESS';
		sim.fillAs(5, doc, SIGNER, { customer_name: 'Ada' });
		sim.sign(5, SIGNER);
		const scoped = await token('admin@example.com', 'admin-pass-9e3f', OWNER);
		const refused = await api(scoped, 'POST', `/v4/packages/5/documents/${doc}/sign`, { field_name: 'seal' });
		expect(refused).toMatchObject({ status: 403, body: { Message: expect.stringContaining("signer's own access token") } });
		expect((await api(owner, 'POST', `/v4/packages/5/documents/${doc}/sign`, { field_name: 'seal' })).body).toMatchObject({ status: 'SIGNED' });
	});

	/** Shares package 5 with two signature fields for the signer (order 1). */
	async function twoFieldsShared() {
		for (const name of ['sign_here', 'initial_here']) await api(owner, 'POST', `/v4/packages/5/documents/${doc}/fields/signature`, { order: 1, page_no: 1, field_name: name });
		await api(owner, 'PUT', `/v4/packages/5/documents/${doc}/fields`, { auto_save: false, text: [{ field_name: 'customer_name', value: 'Ada' }] });
		expect((await api(owner, 'POST', '/v4/packages/5/workflow')).status).toBe(200);
		return await token(SIGNER, 'colleague-pass-2b8d');
	}

	it('finishes a signer with a signature field left (1132 lists no refusal for it): they are cut off from it', async () => {
		const signer = await twoFieldsShared();
		expect((await api(signer, 'POST', `/v4/packages/5/documents/${doc}/sign`, { field_name: 'sign_here' })).body).toMatchObject({ status: 'SIGNED' });
		expect((await api(signer, 'POST', '/v4/packages/5/finish')).status).toBe(200);
		expect(sim.packageOf(5).recipients[0]).toMatchObject({ process_status: 'SIGNED', unsignedAtFinish: ['initial_here'] });
		const late = await api(signer, 'POST', `/v4/packages/5/documents/${doc}/sign`, { field_name: 'initial_here' });
		expect(late).toMatchObject({ status: 403, body: { Message: 'The document is not waiting for this user to sign' } });
	});

	it("answers Get Document Details (1026) to the owner and to a recipient, and refuses Get Workflow Details to the recipient (1053's words)", async () => {
		const signer = await twoFieldsShared();
		for (const who of [owner, signer]) {
			expect(await api(who, 'GET', `/v3/packages/5/documents/${doc}/details`)).toMatchObject({ status: 200, body: { document_id: doc, document_name: 'contract.pdf', document_pages: 1, form_fields: true } });
		}
		expect(await api(signer, 'GET', '/v3/packages/5/workflow')).toEqual({ status: 403, body: { Message: 'Document does not belong to user' } });
		const stranger = await token('outsider@globex.example', 'outsider-pass-3c7a');
		expect(await api(stranger, 'GET', `/v4/packages/5/documents/${doc}/details`)).toEqual({ status: 403, body: { Message: 'Document does not belong to user' } });
	});

	it("asks for the key's password (user_password) and the one-time password (x-otp) where the signer's settings need them", async () => {
		sim.reset({
			users: [{ email: OWNER, password: 'owner-pass-7c1e', enterprise: 'acme' }, { email: SIGNER, password: 'colleague-pass-2b8d', enterprise: 'acme', capacityPasswords: { Default: 'key-1' }, signingOtp: '482913' }],
			packages: [{ id: 5, owner: OWNER, status: 'DRAFT', documents: [{ name: 'contract.pdf', content: formPdf() }], recipients: [{ user_email: SIGNER, role: 'SIGNER' }] }],
		});
		owner = await token(OWNER, 'owner-pass-7c1e');
		doc = sim.packageOf(5).documents[0].id;
		const signer = await twoFieldsShared();
		const path = `/v4/packages/5/documents/${doc}/sign`;
		expect(await api(signer, 'POST', path, { field_name: 'sign_here' }, { 'x-otp': '482913' })).toMatchObject({ status: 403, body: { Error: 'password_required' } });
		expect(await api(signer, 'POST', path, { field_name: 'sign_here', user_password: 'nope' }, { 'x-otp': '482913' })).toMatchObject({ status: 403, body: { Error: 'invalid_credentials' } });
		expect(await api(signer, 'POST', path, { field_name: 'sign_here', user_password: 'key-1' })).toMatchObject({ status: 403, body: { Error: 'otp_required' } });
		expect(await api(signer, 'POST', path, { field_name: 'sign_here', user_password: 'key-1' }, { 'x-otp': '000000' })).toMatchObject({ status: 403, body: { Error: 'invalid_credentials' } });
		expect((await api(signer, 'POST', path, { field_name: 'sign_here', user_password: 'key-1' }, { 'x-otp': '482913' })).body).toMatchObject({ status: 'SIGNED' });
		expect(JSON.stringify(sim.log)).not.toContain('482913');
	});
});

export {};
