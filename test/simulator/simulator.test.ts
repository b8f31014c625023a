// The simulator's signing round trip, driven over HTTP as a client would.
const { SigningHubSimulator } = require('./simulator');

type Answer = { status: number; headers: Headers; bytes: Buffer; json: () => any };

const CLIENT = { client_id: 'n8n-integration', client_secret: 'sim-client-secret-4f9a' };

/** A small PDF with every byte value in it, so a test can see the bytes come back unchanged. */
const pdfFixture = (label: string) =>
	Buffer.concat([
		Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n2 0 obj << /Type /Page >> endobj\n3 0 obj << /Type /Page >> endobj\n% ${label}\n`, 'latin1'),
		Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
		Buffer.from('\n%%EOF\n', 'latin1'),
	]);

describe('SigningHub simulator: the signing round trip', () => {
	const sim = new SigningHubSimulator();
	let url: string;
	let owner: string;
	let colleague: string;

	async function login(username: string, password: string): Promise<string> {
		const answer = await fetch(`${url}/authenticate`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
			body: new URLSearchParams({ grant_type: 'password', ...CLIENT, username, password }),
		});
		expect(answer.status).toBe(200);
		return ((await answer.json()) as { access_token: string }).access_token;
	}

	async function api(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
		const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? owner}`, ...options.headers };
		let body: Buffer | string | undefined;
		if (Buffer.isBuffer(options.body)) body = options.body;
		else if (options.body !== undefined) {
			body = JSON.stringify(options.body);
			headers['content-type'] ??= 'application/json';
		}
		const response = await fetch(`${url}${path}`, { method, headers, body });
		const bytes = Buffer.from(await response.arrayBuffer());
		return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
	}

	const control = (path: string, body: unknown) =>
		fetch(`${url}/_sim${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

	async function createPackage(v: string, name: string): Promise<number> {
		const answer = await api('POST', `/${v}/packages`, { body: { package_name: name, workflow_mode: 'ONLY_OTHERS' } });
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
		return answer.json().package_id;
	}

	async function upload(v: string, id: number, name: string, bytes: Buffer, contentType = 'application/octet-stream'): Promise<Answer> {
		return api('POST', `/${v}/packages/${id}/documents`, { body: bytes, headers: { 'content-type': contentType, 'x-file-name': name, 'x-source': 'API' } });
	}

	const signer = (email: string, extra: Record<string, unknown> = {}) => ({ user_email: email, user_name: email.split('@')[0], role: 'SIGNER', email_notification: false, signing_order: 1, delivery_method: 'EMAIL', ...extra });

	/** Adds a signer and shares: the package is in progress (and may be downloaded). */
	async function share(v: string, id: number, email = 'signer@example.com'): Promise<void> {
		expect((await api('POST', `/${v}/packages/${id}/workflow/users`, { body: [signer(email)] })).status).toBe(200);
		expect((await api('POST', `/${v}/packages/${id}/workflow`)).status).toBe(200);
	}

	const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
	const binaryAccept = { accept: 'application/octet-stream' };

	/** Resets the simulator to `scenario` and logs both users in again. */
	async function fresh(scenario: Record<string, unknown> = {}): Promise<void> {
		sim.reset({ packageRange: null, ...scenario });
		owner = await login('owner@example.com', 'owner-pass-7c1e');
		colleague = await login('colleague@example.com', 'colleague-pass-2b8d');
	}

	const ids = (answer: Answer) => answer.json().map((p: any) => p.package_id);
	const lastEntry = (path: string) => sim.log.filter((e: any) => e.path === path).pop();

	/** Local file header names of a zip, read from the bytes. */
	function zipNames(zip: Buffer): string[] {
		const names: string[] = [];
		let at = 0;
		while (zip.readUInt32LE(at) === 0x04034b50) {
			const size = zip.readUInt32LE(at + 18);
			const nameLength = zip.readUInt16LE(at + 26);
			const extra = zip.readUInt16LE(at + 28);
			names.push(zip.subarray(at + 30, at + 30 + nameLength).toString('utf8'));
			at += 30 + nameLength + extra + size;
		}
		return names;
	}

	beforeAll(async () => {
		url = await sim.start();
		owner = await login('owner@example.com', 'owner-pass-7c1e');
		colleague = await login('colleague@example.com', 'colleague-pass-2b8d');
	});
	afterAll(() => sim.stop());

	test('v4: create, upload a PDF, add a recipient, share, sign, download the signed PDF and the evidence report', async () => {
		const id = await createPackage('v4', 'Contract 2024');
		expect(id).toBeGreaterThan(100_000);
		expect(sim.packageOf(id)).toMatchObject({ id, owner: 'owner@example.com', status: 'DRAFT' });

		const pdf = pdfFixture('contract');
		const uploaded = await upload('v4', id, 'contract.pdf', pdf, 'application/pdf');
		expect(uploaded.status).toBe(201);
		expect(uploaded.json()).toEqual({ document_id: expect.any(Number), document_name: 'contract.pdf', document_pages: 2, document_size: pdf.length });
		expect((await api('POST', `/v4/packages/${id}/documents`, { body: pdf })).status).toBe(400); // no x-file-name

		expect((await api('POST', `/v4/packages/${id}/workflow`)).json()).toEqual({ Message: 'You must add 1 or more signers before sharing the document' });
		const noDelivery = await api('POST', `/v4/packages/${id}/workflow/users`, { body: [{ user_email: 'signer@example.com', user_name: 'Sam', role: 'SIGNER' }] });
		expect(noDelivery.status).toBe(400);
		expect(noDelivery.json().Message).toMatch(/delivery_method/);
		expect((await api('POST', `/v4/packages/${id}/workflow/users`, { body: [signer('signer@example.com', { role: 'BOSS' })] })).status).toBe(400);
		const asText = await api('POST', `/v4/packages/${id}/workflow/users`, { body: [signer('signer@example.com')], headers: { 'content-type': 'text/plain' } });
		expect([asText.status, asText.json().Message]).toEqual([415, "The request entity's media type 'text/plain' is not supported for this resource."]);
		const added = await api('POST', `/v4/packages/${id}/workflow/users`, { body: [signer('signer@example.com')] });
		expect(added.status).toBe(200);
		const users = (await api('GET', `/v4/packages/${id}/workflow/users`)).json();
		expect(users).toEqual([
			{ order: 1, user_email: 'signer@example.com', user_name: 'signer', role: 'SIGNER', process_status: 'UN_PROCESSED', processed_on: null, reason: null, signing_order: 1, email_notification: false, delivery_method: 'EMAIL' },
		]);

		expect((await api('GET', `/v4/packages/${id}/report`, { headers: { accept: 'application/octet-stream' } })).status).toBe(400);
		const shared = await api('POST', `/v4/packages/${id}/workflow`);
		expect(shared.status).toBe(200);
		expect(shared.json()).toEqual([{ package_id: id, documents: [expect.objectContaining({ document_name: 'contract.pdf' })] }]);
		expect(sim.packageOf(id).status).toBe('IN_PROGRESS');
		const again = await api('POST', `/v4/packages/${id}/workflow`);
		expect([again.status, again.json()]).toEqual([403, { Message: 'Document is no longer in draft state' }]);
		expect((await upload('v4', id, 'late.pdf', pdf)).status).toBe(403);

		expect((await control(`/packages/${id}/sign`, { email: 'nobody@example.com' })).status).toBe(400);
		const signed = await control(`/packages/${id}/sign`, { email: 'signer@example.com' });
		expect(signed.status).toBe(200);
		expect(signed.body.recipient).toMatchObject({ process_status: 'SIGNED', processed_on: expect.any(String) });
		expect(sim.packageOf(id).status).toBe('COMPLETED');
		const details = (await api('GET', `/v4/packages/${id}/workflow`)).json();
		expect(details).toMatchObject({ package_id: id, package_name: 'Contract 2024', package_status: 'COMPLETED', workflow: { workflow_status: 'COMPLETED' } });
		expect(details.users).toEqual([expect.objectContaining({ user_email: 'signer@example.com', process_status: 'SIGNED' })]);
		expect(details.documents).toEqual([expect.objectContaining({ id: uploaded.json().document_id, name: 'contract.pdf', size: pdf.length })]);

		const downloaded = await api('GET', `/v4/packages/${id}`, { headers: { accept: 'application/octet-stream' } });
		expect(downloaded.status).toBe(200);
		expect(downloaded.headers.get('content-type')).toBe('application/pdf');
		expect(downloaded.headers.get('content-disposition')).toBe('attachment; filename="contract.pdf"');
		expect(downloaded.bytes.subarray(0, pdf.length).equals(pdf)).toBe(true);
		expect(downloaded.bytes.subarray(pdf.length).toString()).toContain('%% signed by signer@example.com');

		const report = await api('GET', `/v4/packages/${id}/report`, { headers: { accept: 'application/octet-stream' } });
		expect(report.status).toBe(200);
		expect(report.headers.get('content-type')).toBe('application/pdf');
		expect(report.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.pdf"$/);
		const text = report.bytes.toString('latin1');
		expect(text.startsWith('%PDF-1.4')).toBe(true);
		expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
		expect(text).toContain(String(id));
		expect((await api('GET', `/v4/packages/${id}/report`, { token: colleague, headers: { accept: 'application/octet-stream' } })).status).toBe(403);
	});

	test('v3: two documents download as a zip holding both; v4 picks documents with document-ids', async () => {
		const id = await createPackage('v3', 'Two files');
		const a = await upload('v3', id, 'first.pdf', pdfFixture('a'));
		const b = await upload('v3', id, 'second.pdf', pdfFixture('b'));
		expect([a.status, b.status]).toEqual([201, 201]);
		expect(a.json()).toEqual({ documentid: expect.any(Number) }); // v3 page 1022
		const draft = await api('GET', `/v3/packages/${id}`, { headers: { accept: 'application/octet-stream' } });
		expect([draft.status, draft.json()]).toEqual([403, { Message: 'Downloading document is not allowed in draft mode' }]);
		await share('v3', id);
		const zip = await api('GET', `/v3/packages/${id}`, { headers: { accept: 'application/octet-stream' } });
		expect(zip.status).toBe(200);
		expect(zip.headers.get('content-type')).toBe('application/zip');
		expect(zip.headers.get('content-disposition')).toBe('attachment; filename="Two files.zip"');
		expect(zipNames(zip.bytes)).toEqual(['first.pdf', 'second.pdf']);
		expect(zip.bytes.readUInt32LE(zip.bytes.length - 22)).toBe(0x06054b50);

		const one = await api('GET', `/v4/packages/${id}?document-ids=${b.json().documentid}`, { headers: { accept: 'application/octet-stream' } });
		expect([one.status, one.headers.get('content-type')]).toEqual([200, 'application/pdf']);
		expect(one.bytes.equals(pdfFixture('b'))).toBe(true); // not completed: no signed marker
		const doc = await api('GET', `/v3/packages/${id}/documents/${a.json().documentid}`, { headers: { accept: 'application/octet-stream' } });
		expect(doc.bytes.equals(pdfFixture('a'))).toBe(true);

		const emptyId = await createPackage('v3', 'Empty');
		await share('v3', emptyId);
		const none = await api('GET', `/v3/packages/${emptyId}`, { headers: { accept: 'application/octet-stream' } });
		expect([none.status, none.json()]).toEqual([404, { Message: 'Document not found' }]);
	});

	test('a 5 MB upload keeps its bytes and the log holds only its size', async () => {
		const id = await createPackage('v4', 'Big');
		const big = Buffer.concat([pdfFixture('big'), Buffer.alloc(5 * 1024 * 1024, 0xa7)]);
		const answer = await upload('v4', id, 'big.pdf', big);
		expect(answer.json().document_size).toBe(big.length);
		const entry = sim.log.filter((e: any) => e.path === `/v4/packages/${id}/documents`).pop();
		expect(entry).toMatchObject({ method: 'POST', status: 201, bodyBytes: big.length, actingUser: 'owner@example.com' });
		expect(JSON.stringify(entry).length).toBeLessThan(1000);
		await share('v4', id);
		const back = await api('GET', `/v4/packages/${id}`, { headers: { accept: 'application/octet-stream' } });
		expect(back.bytes.equals(big)).toBe(true);
	});

	test('templates: list with paging and search; apply copies the recipients', async () => {
		const all = await api('GET', '/v4/settings/templates/1/2');
		expect(all.headers.get('x-total-records')).toBe('2');
		expect(all.json()).toEqual([{ template_id: 2, template_name: 'NDA', template_public: true, read_only: true, description: expect.any(String), documents: [] }]);
		const search = await api('GET', '/v3/settings/templates/10/1', { headers: { 'x-search-text': base64('sales') } });
		expect(search.json().map((t: any) => t.template_name)).toEqual(['Sales contract']);
		expect(search.headers.get('x-total-records')).toBe('1');

		const id = await createPackage('v4', 'Templated');
		const doc = (await upload('v4', id, 'deal.pdf', pdfFixture('deal'))).json().document_id;
		expect((await api('POST', `/v4/packages/${id}/documents/${doc}/template`, { body: { template_name: 'Nope', apply_to_all: true } })).status).toBe(404);
		expect((await api('POST', `/v4/packages/${id}/documents/999999/template`, { body: { template_name: 'NDA', apply_to_all: true } })).status).toBe(404);
		expect((await api('POST', `/v3/packages/${id}/documents/0/template`, { body: { template_name: 'NDA', apply_to_all: true } })).status).toBe(404);
		const applied = await api('POST', `/v4/packages/${id}/documents/0/template`, { body: { template_name: 'Sales contract', apply_to_all: true } });
		expect(applied.status).toBe(200);
		const users = (await api('GET', `/v3/packages/${id}/workflow/users`)).json();
		expect(users.map((u: any) => [u.user_email, u.role])).toEqual([
			['signer@example.com', 'SIGNER'],
			['sales@example.com', 'CARBON_COPY'],
		]);
		expect((await api('POST', `/v3/packages/${id}/documents/${doc}/template`, { body: { template_name: 'NDA', apply_to_all: false } })).status).toBe(200);
		expect((await api('GET', `/v3/packages/${id}/workflow/users`)).json()).toHaveLength(4);
	});

	test('workflow history: v3 whole, v4 paged with x-total-records', async () => {
		const id = await createPackage('v4', 'History');
		await upload('v4', id, 'h.pdf', pdfFixture('h'));
		await api('POST', `/v4/packages/${id}/workflow/users`, { body: [signer('signer@example.com')] });
		await api('POST', `/v4/packages/${id}/workflow`);
		sim.sign(id, 'signer@example.com');
		const v3 = await api('GET', `/v3/packages/${id}/log`);
		expect(v3.status).toBe(200);
		const { package_status, actions } = v3.json();
		expect(package_status).toBe('COMPLETED');
		expect(actions.map((a: any) => a.action_type)).toEqual(['CREATED', 'DOCUMENT_UPLOADED', 'USERS_ADDED', 'SHARED', 'SIGNED', 'COMPLETED']);
		expect(actions[4]).toEqual({ log_id: expect.any(Number), date_time: expect.any(String), action_type: 'SIGNED', user_email: 'signer@example.com', user_name: 'signer', information: { type: 'DOCUMENT', value: 'h.pdf' } });
		const page2 = await api('GET', `/v4/packages/${id}/log/2/4`);
		expect(page2.headers.get('x-total-records')).toBe('6');
		expect(page2.json()).toEqual({ package_status: 'COMPLETED', actions: actions.slice(4) });
		expect((await api('GET', `/v4/packages/${id}/log`)).status).toBe(404); // v4 history is paged only
	});

	test('list: paging with x-total-records, newest first, status filter, search text, v4 modified-from, sort', async () => {
		sim.reset({ packageRange: null });
		owner = await login('owner@example.com', 'owner-pass-7c1e');
		colleague = await login('colleague@example.com', 'colleague-pass-2b8d');
		const ids: number[] = [];
		for (const name of ['Alpha lease', 'Beta offer', 'Gamma lease', 'Delta offer', 'Epsilon lease']) ids.push(await createPackage('v4', name));
		await createPackage('v3', 'Zeta').then(() => undefined);
		const colleagues = (await api('POST', '/v4/packages', { token: colleague, body: { package_name: 'Colleague lease', workflow_mode: 'ONLY_OTHERS' } })).json().package_id;

		const first = await api('GET', '/v4/packages/ALL/1/2');
		expect(first.headers.get('x-total-records')).toBe('6');
		expect(first.json()).toHaveLength(2);
		const everything = (await api('GET', '/v3/packages/ALL/1/50')).json();
		expect(everything.map((p: any) => p.package_id)).not.toContain(colleagues);
		const modified = everything.map((p: any) => p.modified_on);
		expect([...modified].sort().reverse()).toEqual(modified);
		expect(new Set(modified).size).toBe(modified.length);
		expect(everything[0]).toEqual({
			package_id: expect.any(Number),
			package_name: 'Zeta',
			package_owner: 'owner@example.com',
			owner_name: 'owner',
			package_status: 'DRAFT',
			folder: 'INBOX',
			folder_id: 1,
			unread: false,
			next_signer: null,
			next_signer_email: [],
			uploaded_on: expect.any(String),
			modified_on: expect.any(String),
			size: 0,
		});
		const third = await api('GET', '/v3/packages/ALL/3/2');
		expect(third.json().map((p: any) => p.package_name)).toEqual(['Beta offer', 'Alpha lease']);
		expect((await api('GET', '/v3/packages/ALL/4/2')).json()).toEqual([]);

		// Share one, so it is in progress with a next signer.
		await upload('v4', ids[1], 'offer.pdf', pdfFixture('offer'));
		await api('POST', `/v4/packages/${ids[1]}/workflow/users`, { body: [signer('signer@example.com'), signer('x@example.com', { signing_order: 2 })] });
		await api('POST', `/v4/packages/${ids[1]}/workflow`);
		const inProgress = await api('GET', '/v4/packages/INPROGRESS/1/10');
		expect(inProgress.headers.get('x-total-records')).toBe('1');
		expect(inProgress.json()[0]).toMatchObject({ package_id: ids[1], package_status: 'INPROGRESS', next_signer: 'signer', next_signer_email: ['signer@example.com'] });
		expect((await api('GET', '/v4/packages/DRAFT/1/10')).headers.get('x-total-records')).toBe('5');
		expect((await api('GET', '/v4/packages/COMPLETED/1/10')).json()).toEqual([]);
		expect((await api('GET', '/v4/packages/NONSENSE/1/10')).status).toBe(400);

		const leases = await api('GET', '/v3/packages/ALL/1/10', { headers: { 'x-search-text': base64('LEASE') } });
		expect(leases.json().map((p: any) => p.package_name)).toEqual(['Epsilon lease', 'Gamma lease', 'Alpha lease']);
		expect(leases.headers.get('x-total-records')).toBe('3');

		// modified-from: at or after the given instant; v3 ignores the filter.
		const since = (await api('GET', '/v4/packages/ALL/1/10')).json()[1].modified_on;
		const recent = await api('GET', `/v4/packages/ALL/1/10?modified-from=${encodeURIComponent(since)}&sort-by=LAST_MODIFIED&asc=true`);
		expect(recent.headers.get('x-total-records')).toBe('2');
		const recentItems = recent.json();
		expect(recentItems[0].modified_on).toBe(since);
		expect(recentItems[0].modified_on < recentItems[1].modified_on).toBe(true);
		expect(recentItems[1].package_id).toBe(ids[1]);
		expect((await api('GET', `/v3/packages/ALL/1/10?modified-from=${encodeURIComponent(since)}`)).headers.get('x-total-records')).toBe('6');
		expect((await api('GET', '/v4/packages/ALL/1/10?modified-from=yesterday')).status).toBe(400);
		const upTo = await api('GET', `/v4/packages/ALL/1/10?modified-to=${encodeURIComponent(since)}`);
		expect(upTo.headers.get('x-total-records')).toBe('5');
		expect(sim.log.find((e: any) => e.path === '/v4/packages/ALL/1/10' && e.query)?.query).toContain('modified-');

		// A decline shows in the list item.
		sim.decline(ids[1], 'signer@example.com', 'Wrong amount');
		const declined = (await api('GET', '/v4/packages/DECLINED/1/10')).json();
		expect(declined).toEqual([expect.objectContaining({ package_id: ids[1], package_status: 'DECLINED', decline: { reason: 'Wrong amount', auto_decline: false, declined_by: 'signer@example.com' } })]);
	});

	test('ownership and unknown packages', async () => {
		const id = await createPackage('v4', 'Private');
		const notYours = { Message: 'Document does not belong to user' }; // page 1053
		for (const [method, path, body] of [
			['GET', `/v4/packages/${id}/workflow`],
			['GET', `/v4/packages/${id}/workflow/users`],
			['POST', `/v4/packages/${id}/workflow/users`, [signer('a@example.com')]],
			['POST', `/v4/packages/${id}/workflow`],
			['DELETE', `/v4/packages/${id}`],
			['GET', `/v3/packages/${id}/log`],
		] as Array<[string, string, unknown?]>) {
			const answer = await api(method, path, { token: colleague, body });
			expect([method, path, answer.status, answer.json()]).toEqual([method, path, 403, notYours]);
		}
		const upload400 = await api('POST', `/v4/packages/${id}/documents`, { token: colleague, body: pdfFixture('x'), headers: { 'x-file-name': 'x.pdf' } });
		expect([upload400.status, upload400.json()]).toEqual([403, notYours]);
		const complete = await api('POST', `/v4/packages/${id}/complete`, { token: colleague });
		expect([complete.status, complete.json()]).toEqual([400, { Message: 'You are not authorized to view this document' }]); // the Complete page's words
		const recall = await api('DELETE', `/v4/packages/${id}/workflow`, { token: colleague });
		expect([recall.status, recall.json()]).toEqual([403, { Message: 'Document should be recalled by owner in In Progress or Pending state' }]); // page 1091
		const missing = await api('GET', '/v4/packages/999999/workflow');
		expect([missing.status, missing.json()]).toEqual([404, { Message: 'Document not found' }]);
		expect((await api('GET', `/v4/packages/${id}/workflow`, { token: 'sim-at.bogus' })).status).toBe(401);
	});

	test('recall back to draft, then delete', async () => {
		const id = await createPackage('v4', 'Recall me');
		await upload('v4', id, 'r.pdf', pdfFixture('r'));
		await api('POST', `/v4/packages/${id}/workflow/users`, { body: [signer('signer@example.com'), signer('colleague@example.com', { signing_order: 2 })] });
		const notRunning = await api('DELETE', `/v4/packages/${id}/workflow`); // a draft has nothing to recall
		expect([notRunning.status, notRunning.json()]).toEqual([403, { Message: 'Document should be recalled by owner in In Progress or Pending state' }]);
		await api('POST', `/v4/packages/${id}/workflow`);
		sim.sign(id, 'signer@example.com');
		expect(sim.packageOf(id).status).toBe('IN_PROGRESS');
		const recalled = await api('DELETE', `/v4/packages/${id}/workflow`);
		expect([recalled.status, recalled.bytes.length]).toEqual([200, 0]);
		expect(sim.packageOf(id).status).toBe('DRAFT');
		expect((await api('GET', `/v4/packages/${id}/workflow/users`)).json().map((u: any) => u.process_status)).toEqual(['UN_PROCESSED', 'UN_PROCESSED']);
		expect((await api('GET', `/v3/packages/${id}/log`)).json().actions.map((a: any) => a.action_type)).toContain('RECALLED');

		const deleted = await api('DELETE', `/v3/packages/${id}`);
		expect([deleted.status, deleted.bytes.length]).toEqual([200, 0]);
		expect(sim.packageOf(id)).toBeUndefined();
		expect((await api('GET', `/v3/packages/${id}/workflow`)).status).toBe(404);
		expect((await api('DELETE', `/v3/packages/${id}`)).status).toBe(404);
	});

	test('the existing API keeps working: range packages, complete, control calls', async () => {
		sim.reset({ packages: [{ id: 7001, owner: 'owner@example.com', status: 'COMPLETED' }] });
		owner = await login('owner@example.com', 'owner-pass-7c1e');
		expect(sim.packageOf(42)).toMatchObject({ id: 42, owner: 'owner@example.com', status: 'IN_PROGRESS' });
		expect(sim.packageOf(7001).status).toBe('COMPLETED');
		const before = sim.packageOf(43).modifiedOn;
		const completed = await api('POST', '/v3/packages/43/complete');
		expect([completed.status, completed.bytes.length]).toEqual([200, 0]);
		expect(sim.packageOf(43).status).toBe('COMPLETED');
		expect(sim.packageOf(43).modifiedOn > before).toBe(true);
		expect((await api('POST', '/v3/packages/7001/complete')).json()).toEqual({ Message: 'Document workflow is already completed' });
		const deleted = await api('DELETE', '/v3/packages/44');
		expect(deleted.status).toBe(200);
		expect(sim.packageOf(44)).toBeUndefined();
		const listed = (await fetch(`${url}/_sim/packages`).then((r) => r.json())) as Array<{ id: number }>;
		expect(listed.map((p) => p.id)).toEqual(expect.arrayContaining([7001, 42, 43]));
		const declined = await control('/packages/42/decline', { email: 'someone@example.com', reason: 'no' });
		expect(declined.status).toBe(400); // a range package has no recipients
		expect(sim.tokenRequests().length).toBeGreaterThan(0);
		sim.packages.set(9, { id: 9, owner: 'owner@example.com', status: 'IN_PROGRESS' }); // a bare package, as older tests might add
		expect((await api('POST', '/v4/packages/9/complete')).status).toBe(200);
		expect(sim.packageOf(9)).toMatchObject({ id: 9, status: 'COMPLETED', history: [expect.objectContaining({ action_type: 'COMPLETED' })] });
		expect(JSON.stringify(sim.log)).not.toContain(owner);
	});
	describe('as the vendor documents it, and with the options', () => {
		const OTHER = 'colleague@example.com';
		const recipient = (email: string, extra: Record<string, unknown> = {}) => ({ user_email: email, role: 'SIGNER', delivery_method: 'EMAIL', ...extra });

		test('Get Packages also lists packages shared with the user, in the recipient view; owner calls on them answer 403', async () => {
			await fresh({
				packages: [
					{ id: 501, owner: OTHER, status: 'IN_PROGRESS', name: 'Shared with owner', recipients: [recipient('owner@example.com')] },
					{ id: 502, owner: OTHER, status: 'IN_PROGRESS', name: 'Signed by owner', recipients: [recipient('owner@example.com', { process_status: 'SIGNED' }), recipient('x@example.com', { signing_order: 2 })] },
					{ id: 503, owner: OTHER, status: 'DRAFT', name: 'Not shared yet', recipients: [recipient('owner@example.com')] },
					{ id: 504, owner: OTHER, status: 'IN_PROGRESS', name: 'Not my turn', recipients: [recipient('x@example.com'), recipient('owner@example.com', { signing_order: 2 })] },
					{ id: 505, owner: OTHER, status: 'IN_PROGRESS', name: 'Not a recipient', recipients: [recipient('x@example.com')] },
					{ id: 506, owner: 'owner@example.com', status: 'IN_PROGRESS', name: 'Mine', recipients: [recipient('x@example.com')] },
				],
			});
			const all = (await api('GET', '/v3/packages/ALL/1/10')).json();
			expect(all.map((p: any) => [p.package_id, p.package_owner, p.package_status]).sort()).toEqual([
				[501, OTHER, 'PENDING'],
				[502, OTHER, 'SIGNED'],
				[506, 'owner@example.com', 'INPROGRESS'],
			]);
			expect(all.find((p: any) => p.package_id === 501).owner_name).toBe('colleague');
			expect(ids(await api('GET', '/v4/packages/PENDING/1/10'))).toEqual([501]);
			expect(ids(await api('GET', '/v3/packages/SIGNED/1/10'))).toEqual([502]);
			expect(ids(await api('GET', '/v4/packages/INPROGRESS/1/10'))).toEqual([506]);
			expect(ids(await api('GET', '/v4/packages/ALL/1/10?owned-by=ME'))).toEqual([506]);
			expect(ids(await api('GET', '/v4/packages/ALL/1/10?owned-by=OTHERS')).sort()).toEqual([501, 502]);
			expect(ids(await api('GET', '/v4/packages/ALL/1/10?owned-by=ME_OTHERS'))).toHaveLength(3);
			expect(ids(await api('GET', '/v3/packages/ALL/1/10?owned-by=ME'))).toHaveLength(3); // v3 has no filter
			expect((await api('GET', '/v4/packages/ALL/1/10?owned-by=YOU')).status).toBe(400);

			const notOwner = [403, { Message: 'Document does not belong to user' }];
			for (const [method, path, headers] of [
				['GET', '/v3/packages/501/workflow/users'],
				['GET', '/v4/packages/501/workflow'],
				['POST', '/v4/packages/501/workflow'],
				['DELETE', '/v3/packages/501'],
				['GET', '/v3/packages/501', binaryAccept],
				['GET', '/v4/packages/501/report', binaryAccept],
				['GET', '/v4/packages/501/details'],
				['PUT', '/v3/packages/501'],
			] as Array<[string, string, Record<string, string>?]>) {
				const answer = await api(method, path, { headers, body: method === 'PUT' ? { package_name: 'x' } : undefined });
				expect([path, answer.status, answer.json()]).toEqual([path, ...notOwner]);
			}
			expect((await api('DELETE', '/v4/packages/501/workflow')).status).toBe(403);
		});

		test('Base64 search headers: decoded as UTF-8, logged raw and decoded; not Base64: 400; v4 package-name is plain text', async () => {
			await fresh();
			for (const name of ['sales contract 105', 'Café Übersicht', 'other']) await createPackage('v4', name);
			const found = await api('GET', '/v3/packages/ALL/1/10', { headers: { 'x-search-text': 'c2FsZXMgY29udHJhY3QgMTA1' } }); // the vendor's example
			expect(found.json().map((p: any) => p.package_name)).toEqual(['sales contract 105']);
			expect(lastEntry('/v3/packages/ALL/1/10')).toMatchObject({ headers: { 'x-search-text': 'c2FsZXMgY29udHJhY3QgMTA1' }, decoded: { 'x-search-text': 'sales contract 105' } });
			expect(ids(await api('GET', '/v4/packages/ALL/1/10', { headers: { 'x-search-text': base64('übersicht') } }))).toHaveLength(1);
			expect(ids(await api('GET', '/v4/packages/ALL/1/10', { headers: { 'x-folder': 'SU5CT1g=' } }))).toHaveLength(3); // "INBOX"
			const plain = await api('GET', '/v4/packages/ALL/1/10', { headers: { 'x-search-text': 'sales' } });
			expect([plain.status, plain.json()]).toEqual([400, { Message: 'Invalid x-search-text header: the value must be Base64' }]);
			const byName = await api('GET', `/v4/packages/ALL/1/10?package-name=${encodeURIComponent('CAFÉ üb')}`);
			expect(byName.json().map((p: any) => p.package_name)).toEqual(['Café Übersicht']);
			expect(lastEntry('/v4/packages/ALL/1/10').query).toBe(`?package-name=${encodeURIComponent('CAFÉ üb')}`);
			expect(ids(await api('GET', '/v3/packages/ALL/1/10?package-name=other'))).toHaveLength(3); // v3 ignores the query
			const templates = await api('GET', '/v4/settings/templates/10/1', { headers: { 'x-search-text': base64('nda') } });
			expect(templates.json().map((t: any) => t.template_name)).toEqual(['NDA']);
			expect((await api('GET', '/v4/settings/templates/10/1', { headers: { 'x-search-text': 'nda' } })).status).toBe(400);
		});

		test("dateStyle 'signinghub': whole seconds without zone for changes, processed_on with Z and milliseconds", async () => {
			await fresh({ dateStyle: 'signinghub' });
			const a = await createPackage('v4', 'A');
			const b = await createPackage('v4', 'B');
			await upload('v4', a, 'a.pdf', pdfFixture('a'));
			await share('v4', a);
			sim.sign(a, 'signer@example.com');
			const list = (await api('GET', '/v4/packages/ALL/1/10')).json();
			for (const item of list) {
				expect(item.modified_on).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
				expect(item.uploaded_on).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
			}
			const users = (await api('GET', `/v3/packages/${a}/workflow/users`)).json();
			expect(users[0].processed_on).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
			const details = (await api('GET', `/v3/packages/${a}/workflow`)).json();
			expect(details.documents[0].uploaded_on).toMatch(/:\d\d$/);
			expect((await api('GET', `/v3/packages/${a}/log`)).json().actions[0].date_time).toMatch(/:\d\d$/);
			// Two changes in one second share one modified_on.
			sim.packageOf(b).modifiedOn = sim.packageOf(a).modifiedOn;
			const [x, y] = (await api('GET', '/v4/packages/ALL/1/10')).json();
			expect(x.modified_on).toBe(y.modified_on);
			// The stamp itself is to the whole second and never goes back.
			const stamps = [sim.stamp(), sim.stamp(), sim.stamp()];
			for (const stamp of stamps) expect(stamp).toMatch(/\.000Z$/);
			expect([...stamps].sort()).toEqual(stamps);
		});

		test('clockOffsetMs: every date is written on SigningHub clock, and modified-from is read on it; the forms modified-from accepts', async () => {
			const offset = -3_600_000; // SigningHub an hour behind
			await fresh({ clockOffsetMs: offset, dateStyle: 'signinghub' });
			const before = Date.now();
			const id = await createPackage('v4', 'Late clock');
			const item = (await api('GET', '/v4/packages/ALL/1/10')).json()[0];
			const written = Date.parse(`${item.modified_on}Z`);
			expect(written).toBeGreaterThanOrEqual(Math.floor((before + offset) / 1000) * 1000);
			expect(written).toBeLessThanOrEqual(Date.now() + offset);
			// The machine's "now minus a minute" finds nothing: SigningHub wrote an hour earlier.
			const machineMinuteAgo = new Date(Date.now() - 60_000).toISOString();
			expect(ids(await api('GET', `/v4/packages/ALL/1/10?modified-from=${encodeURIComponent(machineMinuteAgo)}`))).toEqual([]);
			for (const form of [item.modified_on, `${item.modified_on}Z`, `${item.modified_on}.000`, `${item.modified_on}.000Z`, `${item.modified_on}+00:00`, item.modified_on.slice(0, 10)]) {
				expect([form, ids(await api('GET', `/v4/packages/ALL/1/10?modified-from=${encodeURIComponent(form)}`))]).toEqual([form, [id]]);
			}
			const inParis = new Date(written + 3_600_000).toISOString().slice(0, 19) + '+01:00';
			expect(ids(await api('GET', `/v4/packages/ALL/1/10?modified-to=${encodeURIComponent(inParis)}`))).toEqual([id]);
			for (const bad of ['yesterday', '2024-13-01', '13/01/2015', '2015-01-13 10:10:25']) expect((await api('GET', `/v4/packages/ALL/1/10?modified-from=${encodeURIComponent(bad)}`)).status).toBe(400);
		});

		test('v3ProcessedStatus: on v3 a recipient who acted shows PROCESSED; v4 and declines unchanged', async () => {
			await fresh({ v3ProcessedStatus: true });
			const id = await createPackage('v4', 'Processed');
			await api('POST', `/v4/packages/${id}/workflow/users`, { body: [signer('signer@example.com'), signer('x@example.com', { role: 'REVIEWER' })] });
			await api('POST', `/v4/packages/${id}/workflow`);
			sim.sign(id, 'x@example.com');
			expect((await api('GET', `/v3/packages/${id}/workflow/users`)).json().map((u: any) => u.process_status)).toEqual(['UN_PROCESSED', 'PROCESSED']);
			expect((await api('GET', `/v3/packages/${id}/workflow`)).json().users[1].process_status).toBe('PROCESSED');
			expect((await api('GET', `/v4/packages/${id}/workflow/users`)).json()[1].process_status).toBe('REVIEWED');
			sim.decline(id, 'signer@example.com', 'no');
			expect((await api('GET', `/v3/packages/${id}/workflow/users`)).json()[0].process_status).toBe('DECLINED');
		});

		test('listOrder sets the order without sort-by (v3 and v4); v4 sort-by and asc still win', async () => {
			await fresh({
				packages: [
					{ id: 3, owner: 'owner@example.com', status: 'IN_PROGRESS', name: 'C', modifiedOn: '2024-01-02T00:00:00.000Z' },
					{ id: 1, owner: 'owner@example.com', status: 'IN_PROGRESS', name: 'A', modifiedOn: '2024-01-03T00:00:00.000Z' },
					{ id: 2, owner: 'owner@example.com', status: 'IN_PROGRESS', name: 'B', modifiedOn: '2024-01-01T00:00:00.000Z' },
				],
			});
			expect(ids(await api('GET', '/v3/packages/ALL/1/10'))).toEqual([1, 3, 2]); // newest-modified-first
			for (const [listOrder, expected] of [
				['oldest-modified-first', [2, 3, 1]],
				['oldest-first', [3, 1, 2]], // created in the scenario's order
				['newest-first', [2, 1, 3]],
				['by-id', [1, 2, 3]],
			] as Array<[string, number[]]>) {
				sim.setOptions({ listOrder });
				expect([listOrder, ids(await api('GET', '/v3/packages/ALL/1/10'))]).toEqual([listOrder, expected]);
				expect(ids(await api('GET', '/v4/packages/ALL/1/10'))).toEqual(expected);
				expect(ids(await api('GET', '/v4/packages/ALL/1/10?sort-by=TITLE&asc=true'))).toEqual([1, 2, 3]);
				expect(ids(await api('GET', '/v3/packages/ALL/1/10?sort-by=TITLE&asc=true'))).toEqual(expected); // v3 ignores the query
			}
			expect(() => sim.setOptions({ listOrder: 'random' })).toThrow(/listOrder/);
			expect(() => sim.setOptions({ listOrdr: 'by-id' })).toThrow(/unknown simulator option listOrdr/);
			const viaControl = await control('/options', { listOrder: 'newest-modified-first' });
			expect([viaControl.status, viaControl.body.listOrder]).toEqual([200, 'newest-modified-first']);
			expect((await control('/options', { listOrder: 'random' })).status).toBe(400);
		});

		test('paging options: a deletion between pages shifts the next page; page number ignored; no x-total-records', async () => {
			const packages = [1, 2, 3, 4, 5].map((id) => ({ id, owner: 'owner@example.com', status: 'IN_PROGRESS', name: `P${id}` }));
			await fresh({ packages, listOrder: 'by-id', deleteBetweenPages: { afterPage: 1, packageId: 2 } });
			expect(ids(await api('GET', '/v4/packages/ALL/1/2'))).toEqual([1, 2]);
			expect(lastEntry('/v4/packages/ALL/1/2').deletedPackage).toBe(2);
			const second = await api('GET', '/v4/packages/ALL/2/2');
			expect(ids(second)).toEqual([4, 5]); // 3 moved to page 1: a client paging by number never sees it
			expect(second.headers.get('x-total-records')).toBe('4');
			expect(sim.packageOf(2)).toBeUndefined();
			expect(ids(await api('GET', '/v4/packages/ALL/1/2'))).toEqual([1, 3]); // once only

			sim.setOptions({ ignorePageNumber: true, omitTotalRecords: true });
			const page3 = await api('GET', '/v3/packages/ALL/3/2');
			expect(ids(page3)).toEqual([1, 3]);
			expect(page3.headers.get('x-total-records')).toBeNull();
			expect((await api('GET', '/v4/settings/templates/1/2')).headers.get('x-total-records')).toBeNull();
			const id = await createPackage('v4', 'History');
			expect((await api('GET', `/v4/packages/${id}/log/1/10`)).headers.get('x-total-records')).toBeNull();
		});

		test('Rename (v3 page 1149, v4) moves modified_on and is in the history', async () => {
			await fresh();
			const id = await createPackage('v3', 'Old name');
			const before = sim.packageOf(id).modifiedOn;
			const renamed = await api('PUT', `/v3/packages/${id}`, { body: { package_name: 'New name' } });
			expect([renamed.status, renamed.bytes.length]).toEqual([200, 0]);
			const item = (await api('GET', '/v3/packages/ALL/1/10')).json()[0];
			expect([item.package_name, item.modified_on > before]).toEqual(['New name', true]);
			expect((await api('PUT', `/v4/packages/${id}`, { body: { package_name: 'Newer' } })).status).toBe(200);
			expect((await api('GET', `/v3/packages/${id}/log`)).json().actions.map((a: any) => a.action_type)).toEqual(['CREATED', 'RENAMED', 'RENAMED']);
		});

		test('Add Package: v4 needs workflow_mode, v3 does not; no name is "Untitled" (page 1020)', async () => {
			await fresh();
			const missing = await api('POST', '/v4/packages', { body: { package_name: 'x' } });
			expect([missing.status, missing.json()]).toEqual([400, { Message: 'workflow_mode is required' }]);
			const v3 = await api('POST', '/v3/packages', { body: {} });
			expect(v3.json()).toMatchObject({ workflow_mode: 'ONLY_OTHERS', workflow_type: 'SERIAL' });
			expect(sim.packageOf(v3.json().package_id).name).toBe('Untitled');
		});

		test('Add Users: mobile_number is needed for SMS and EMAIL_AND_SMS', async () => {
			await fresh();
			const id = await createPackage('v4', 'SMS');
			for (const method of ['SMS', 'EMAIL_AND_SMS']) {
				const answer = await api('POST', `/v4/packages/${id}/workflow/users`, { body: [signer('a@example.com', { delivery_method: method })] });
				expect([answer.status, answer.json()]).toEqual([400, { Message: `mobile_number is required for delivery_method ${method}` }]);
			}
			expect((await api('POST', `/v3/packages/${id}/workflow/users`, { body: [signer('a@example.com', { delivery_method: 'SMS', mobile_number: '+441234567890' })] })).status).toBe(200);
		});

		test('Apply Template with apply_to_all on v3 applies it to every document (page 1024)', async () => {
			await fresh();
			const id = await createPackage('v3', 'Two');
			const a = (await upload('v3', id, 'a.pdf', pdfFixture('a'))).json().documentid;
			await upload('v3', id, 'b.pdf', pdfFixture('b'));
			expect((await api('POST', `/v3/packages/${id}/documents/${a}/template`, { body: { template_name: 'NDA', apply_to_all: false } })).status).toBe(200);
			expect(sim.packageOf(id).documents.map((d: any) => d.template)).toEqual(['NDA', undefined]);
			expect((await api('POST', `/v3/packages/${id}/documents/${a}/template`, { body: { template_name: 'Sales contract', apply_to_all: true } })).status).toBe(200);
			expect(sim.packageOf(id).documents.map((d: any) => d.template)).toEqual(['Sales contract', 'Sales contract']);
		});

		test('Upload: documented refusals, x-convert-document converts, Word and XML kept, anything else refused; headers logged', async () => {
			await fresh();
			const id = await createPackage('v4', 'Uploads');
			const noName = await api('POST', `/v4/packages/${id}/documents`, { body: pdfFixture('x') });
			expect([noName.status, noName.json()]).toEqual([400, { Message: 'Invalid request headers - file name not found' }]);
			const empty = await upload('v4', id, 'e.pdf', Buffer.alloc(0));
			expect([empty.status, empty.json()]).toEqual([400, { Message: 'Request does not contain document' }]);

			const text = Buffer.from('hello, plain text');
			const refused = await upload('v4', id, 'notes.txt', text);
			expect([refused.status, refused.json().Message]).toEqual([400, expect.stringMatching(/x-convert-document/)]);
			const converted = await api('POST', `/v4/packages/${id}/documents`, { body: text, headers: { 'x-file-name': encodeURIComponent('Überblick.txt'), 'x-convert-document': 'true', 'content-type': 'application/octet-stream' } });
			expect(converted.status).toBe(201);
			expect(converted.json()).toMatchObject({ document_name: 'Überblick.pdf', document_pages: 1 });
			expect(lastEntry(`/v4/packages/${id}/documents`)).toMatchObject({ headers: { 'x-file-name': encodeURIComponent('Überblick.txt'), 'x-convert-document': 'true' }, decoded: { 'x-file-name': 'Überblick.txt' } });
			const word = await upload('v4', id, 'contract.docx', Buffer.from('PK\x03\x04 word', 'latin1'));
			expect(word.status).toBe(201);
			const details = (await api('GET', `/v4/packages/${id}/workflow`)).json();
			expect(details.documents.map((d: any) => [d.name, d.type])).toEqual([
				['Überblick.pdf', 'PDF'],
				['contract.docx', 'WORD'],
			]);
			const stored = sim.packageOf(id).documents[0].content.toString('latin1');
			expect(stored.startsWith('%PDF-')).toBe(true);
			const pdf = pdfFixture('kept');
			await upload('v4', id, 'kept.pdf', pdf);
			expect(sim.packageOf(id).documents[2].content.equals(pdf)).toBe(true); // PDFs are not altered
		});

		test('downloads: no content-disposition, a hostile one, a huge streamed body, a connection dropped mid-body', async () => {
			await fresh({ packages: [{ id: 900, owner: 'owner@example.com', status: 'COMPLETED', name: 'Files', documents: [{ name: 'a.pdf', content: pdfFixture('a') }] }] });
			sim.setOptions({ downloadContentDisposition: 'omit' });
			const plain = await api('GET', '/v4/packages/900', { headers: binaryAccept });
			expect([plain.status, plain.headers.get('content-disposition')]).toEqual([200, null]);

			sim.setOptions({ downloadContentDisposition: 'hostile' });
			const hostile = await api('GET', '/v4/packages/900', { headers: binaryAccept });
			const header = hostile.headers.get('content-disposition') ?? '';
			expect(header).toContain('filename="../../etc/passwd');
			expect(header).toContain("filename*=UTF-8''..%2F..%2Fetc%2Fpasswd%00%07%0D%0A%E2%80%AEfdp.exe");
			expect(decodeURIComponent(header.split("UTF-8''")[1])).toBe('../../etc/passwd\u0000\u0007\r\n\u202Efdp.exe');
			sim.setOptions({ hostileFileName: '..\\..\\boot.ini' });
			expect((await api('GET', '/v4/packages/900', { headers: binaryAccept })).headers.get('content-disposition')).toContain('filename="..\\\\..\\\\boot.ini"');
			sim.setOptions({ downloadContentDisposition: 'attachment', hostileFileName: undefined });

			const size = 20 * 1024 * 1024 + 7;
			sim.setOptions({ hugeDownloadBytes: size });
			const response = await fetch(`${url}/v4/packages/900/documents/${sim.packageOf(900).documents[0].id}`, { headers: { authorization: `Bearer ${owner}`, ...binaryAccept } });
			expect(response.headers.get('content-length')).toBe(String(size));
			let received = 0;
			let first = '';
			for await (const chunk of response.body as any) {
				if (!first) first = Buffer.from(chunk).subarray(0, 8).toString('latin1');
				received += chunk.length;
			}
			expect([received, first]).toEqual([size, '%PDF-1.4']);
			expect(lastEntry(`/v4/packages/900/documents/${sim.packageOf(900).documents[0].id}`)).toMatchObject({ status: 200, bytesSent: size });

			sim.setOptions({ dropDownloadAfterBytes: 100_000 });
			await expect(api('GET', '/v4/packages/900', { headers: binaryAccept })).rejects.toThrow();
			expect(lastEntry('/v4/packages/900')).toMatchObject({ status: 'dropped', bytesSent: 100_000 });
			sim.setOptions({ hugeDownloadBytes: 0, dropDownloadAfterBytes: 10 });
			await expect(api('GET', '/v4/packages/900', { headers: binaryAccept })).rejects.toThrow();
			sim.setOptions({ dropDownloadAfterBytes: null });
			expect((await api('GET', '/v4/packages/900', { headers: binaryAccept })).status).toBe(200);
		});
	});

	describe("as the vendor documents it: v3 reminders, the integration link's body", () => {
		test("v3's reminders have no unit (1063): a frequency sent is ignored and kept aside; v4 keeps it", async () => {
			sim.addPackages({ id: 910, owner: 'owner@example.com', status: 'DRAFT', recipients: [{ user_email: 'a@example.com' }] });
			const body = { apply_to_all: false, enabled: true, frequency: 'HOURS', remind_after: 6, repeat: { enabled: true, frequency: 'HOURS', keep_reminding_after: 12, total_reminders: 2 } };
			expect((await api('PUT', '/v3/packages/910/workflow/1/reminders', { body })).status).toBe(200);
			expect(sim.packageOf(910).recipients[0].reminders).toEqual({ apply_to_all: false, enabled: true, remind_after: 6, repeat: { enabled: true, keep_reminding_after: 12, total_reminders: 2 }, ignored: ['frequency', 'repeat.frequency'] });
			expect((await api('GET', '/v3/packages/910/workflow/1/reminders')).json()).toEqual({ apply_to_all: false, enabled: true, remind_after: 6, repeat: { enabled: true, keep_reminding_after: 12, total_reminders: 2 } });
			const withoutUnit = { ...body, frequency: undefined };
			expect((await api('PUT', '/v4/packages/910/workflow/1/reminders', { body: withoutUnit })).json()).toEqual({ Message: 'Invalid reminder settings: frequency must be DAYS or HOURS' });
			expect((await api('PUT', '/v4/packages/910/workflow/1/reminders', { body })).status).toBe(200);
			expect((await api('GET', '/v4/packages/910/workflow/1/reminders')).json()).toMatchObject({ frequency: 'HOURS', repeat: { frequency: 'HOURS' } });
		});

		test('the integration link needs a document of the package (the public client always sends one) and keeps the section', async () => {
			sim.addPackages({ id: 911, owner: 'owner@example.com', status: 'IN_PROGRESS', documents: [{ name: 'a.pdf', content: 'A' }], recipients: [{ user_email: 'a@example.com' }] });
			const link = { package_id: 911, user_email: 'a@example.com', callback_url: 'https://portal.example.com/back', section: 'VIEWER' };
			expect((await api('POST', '/v4/links/integration', { body: link })).json()).toEqual({ Message: 'document_id is required' });
			expect((await api('POST', '/v4/links/integration', { body: { ...link, document_id: 999999 } })).json()).toEqual({ Message: 'Document not found' });
			const documentId = sim.packageOf(911).documents[0].id;
			const answer = await api('POST', '/v4/links/integration', { body: { ...link, document_id: documentId } });
			expect(new URL(answer.json()).searchParams.get('document_id')).toBe(String(documentId));
			expect(sim.links.at(-1)).toMatchObject({ document_id: documentId, section: 'VIEWER' });
		});
	});
});
