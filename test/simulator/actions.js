// Recipients' own actions (approve, decline, submit), document-opening protection per recipient,
// bulk share and sign, moving a package to a folder, and the contact list. Paths, bodies and
// refusals from shared/reference/signinghub-api-next.md (sections 5, 7, 9, 10) and Ascertia's v4
// schema (AZ: Azure/Connectors-NodeJS-SDK src/generated/SigninghubExtensions.ts); mixed into
// SigningHubSimulator's prototype like packages.js. Refusals in ACTION_DOCUMENTED (the vendor's
// words, with the page) and ACTION_ASSUMED (README.md lists both).
const { json, message, empty, DOCUMENTED, ASSUMED } = require('./answers');
const { BACKOFFICE_DOCUMENTED } = require('./backoffice');
const { FIELD_ASSUMED } = require('./fields');

const ACTIONS_IN_TURN = ['SIGNER', 'REVIEWER', 'INPERSON_HOST', 'EDITOR'];

const ACTION_DOCUMENTED = {
	/** 1088 Decline, 1090 Submit (and Approve): a caller the document is not for; that it also answers "not your turn" is assumed. */
	notForUser: DOCUMENTED.notOwner,
	/** 1088, 1090, 1067: the recipient's access window is over (or, assumed, not open yet). */
	accessPeriodEnded: () => message(403, 'You cannot access this document after the access period ends'),
	/** 1058 Update Workflow User Authentication. */
	noLongerDraft: DOCUMENTED.noLongerDraft,
	noUserAtOrder: BACKOFFICE_DOCUMENTED.noUserAtOrder,
	lockedWorkflow: BACKOFFICE_DOCUMENTED.lockedWorkflow,
};

const ACTION_ASSUMED = {
	wrongRole: (action, role) => message(400, `A recipient with the role ${role} cannot ${action} this document`),
	badAuthentication: (what) => message(400, `Invalid authentication settings: ${what}`),
	idsRequired: () => message(400, 'ids is required: one or more package IDs'),
	transactionNotFound: () => message(404, 'Bulk transaction not found'),
	folderRequired: () => message(400, 'folder_name is required'),
	folderNotFound: (name) => message(404, `Folder "${name}" not found`),
	/** What a package that bulk signing or sharing could not process carries as its `error`. */
	bulkRefusal: (answer) => JSON.parse(answer.body).Message,
};

/** Folders every user has, and the custom ones a scenario may add (`folders`). */
const DEFAULT_FOLDERS = ['INBOX', 'ARCHIVE', 'Contracts', 'HR'];

const DEFAULT_CONTACTS = [
	{ user_name: 'Alice Archer', user_email: 'alice@example.com', mobile_number: '+441234567001', enterprise: true },
	{ user_name: 'Bob Baker', user_email: 'bob@example.com', mobile_number: '', enterprise: false },
	{ user_name: 'Chloé Dubois', user_email: 'chloe@example.fr', mobile_number: '+33123456789', enterprise: false },
];

const CONTACT_SORT = { CREATEDON: (c) => c.created_on, NAME: (c) => c.user_name.toLowerCase(), EMAIL: (c) => c.user_email.toLowerCase() };

const same = (a, b) => String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

const actionMethods = {
	/** The recipient `email` of package `pkg` whose turn it is (an EDITOR counts from its signing order), or undefined. */
	inTurn(pkg, email) {
		if (pkg.status !== 'IN_PROGRESS') return undefined;
		const waiting = pkg.recipients.filter((r) => ACTIONS_IN_TURN.includes(r.role) && r.process_status === 'UN_PROCESSED');
		const first = Math.min(...waiting.map((r) => r.signing_order));
		return waiting.find((r) => same(r.user_email, email) && r.signing_order === first);
	},

	/** Whether the recipient's access window (Update Workflow User Authentication) is open now. */
	accessOpen(pkg, recipient) {
		const window = recipient.access?.access_duration;
		if (!window?.enabled) return true;
		const now = this.now();
		const byDate = window.duration_by_date;
		if (byDate?.enabled) {
			const start = Date.parse(byDate.duration?.start_date_time ?? '');
			const end = Date.parse(byDate.duration?.end_date_time ?? '');
			if ((Number.isFinite(start) && now < start) || (Number.isFinite(end) && now > end)) return false;
		}
		const byDays = window.duration_by_days;
		if (byDays?.enabled && pkg.sharedAt !== undefined && now > pkg.sharedAt + byDays.duration.total_days * 86_400_000) return false;
		return true;
	},

	/** Approve, Decline or Submit (v3 1088, 1090; v4 AZ packageApproveAsync, packageDeclineAsync, packageSubmitAsync): the recipient in turn, with their own token. */
	recipientAction(ctx) {
		const action = ctx.params[1];
		if (!/^\d+$/.test(ctx.params[0])) return DOCUMENTED.documentNotFound();
		const pkg = this.packageOf(ctx.params[0]);
		if (!pkg) return DOCUMENTED.documentNotFound();
		const recipient = this.inTurn(pkg, ctx.user.email);
		if (!recipient) return ACTION_DOCUMENTED.notForUser();
		if (!this.accessOpen(pkg, recipient)) return ACTION_DOCUMENTED.accessPeriodEnded();
		const { value: input, error } = this.readJson(ctx, {});
		if (error) return error;
		if (!isObject(input)) return ASSUMED.badRequest();
		const reason = typeof input.reason === 'string' ? input.reason : '';
		if (action === 'decline') {
			this.decline(pkg.id, recipient.user_email, reason);
			return empty();
		}
		const role = { approve: 'REVIEWER', submit: 'EDITOR' }[action];
		if (recipient.role !== role) return ACTION_ASSUMED.wrongRole(action, recipient.role);
		this.sign(pkg.id, recipient.user_email);
		recipient.reason = reason || null;
		return empty();
	},

	/** What is wrong with an Update Workflow User Authentication body (1058, AZ AccessUpdateRequest), or undefined. */
	authenticationProblem(input) {
		if (!isObject(input)) return 'the body must be an object';
		if (typeof input.apply_to_all !== 'boolean') return 'apply_to_all must be true or false';
		const { authentication, access_duration: window } = input;
		if (!isObject(authentication) || typeof authentication.enabled !== 'boolean') return 'authentication.enabled must be true or false';
		if (authentication.password?.enabled && !(typeof authentication.password.user_password === 'string' && authentication.password.user_password !== '')) return 'password.user_password is required';
		if (authentication.sms_otp?.enabled && !authentication.sms_otp.mobile_number) return 'sms_otp.mobile_number is required';
		if (!isObject(window) || typeof window.enabled !== 'boolean') return 'access_duration.enabled must be true or false';
		const dates = window.duration_by_date?.enabled ? window.duration_by_date.duration : undefined;
		if (dates && (Number.isNaN(Date.parse(dates.start_date_time)) || Number.isNaN(Date.parse(dates.end_date_time)))) return 'duration_by_date needs start_date_time and end_date_time';
		const days = window.duration_by_days?.enabled ? window.duration_by_days.duration?.total_days : 1;
		if (!(Number.isInteger(days) && days >= 1)) return 'duration_by_days.duration.total_days must be 1 or more';
		return undefined;
	},

	/** v3 `PUT .../workflow/{order}/authentication` (1058): the owner's draft. */
	setAuthentication(ctx) {
		return this.applyAuthentication(ctx, this.owned(ctx));
	},

	/** v4's documented path, `/v4/enterprise/packages/{id}/workflow/{order}/authentication` (AZ): the owner, or an admin of the owner's enterprise. */
	setEnterpriseAuthentication(ctx) {
		if (!/^\d+$/.test(ctx.params[0])) return DOCUMENTED.documentNotFound();
		const pkg = this.packageOf(ctx.params[0]);
		if (!pkg) return DOCUMENTED.documentNotFound();
		const owner = this.users.get(pkg.owner.toLowerCase());
		const allowed = same(pkg.owner, ctx.user.email) || (ctx.user.admin && owner?.enterprise === ctx.user.enterprise);
		return this.applyAuthentication(ctx, allowed ? pkg : DOCUMENTED.notOwner());
	},

	applyAuthentication(ctx, pkg) {
		if ('body' in pkg) return pkg;
		const recipient = pkg.recipients.find((r) => r.order === Number(ctx.params[1]));
		if (!recipient) return ACTION_DOCUMENTED.noUserAtOrder();
		if (pkg.lockedWorkflow) return ACTION_DOCUMENTED.lockedWorkflow();
		if (pkg.status !== 'DRAFT') return ACTION_DOCUMENTED.noLongerDraft();
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		const problem = this.authenticationProblem(input);
		if (problem) return ACTION_ASSUMED.badAuthentication(problem);
		const access = { authentication: input.authentication, access_duration: input.access_duration, ...(input.authentication_signing ? { authentication_signing: input.authentication_signing } : {}) };
		for (const r of input.apply_to_all ? pkg.recipients : [recipient]) r.access = structuredClone(access);
		this.touch(pkg, 'ACCESS_SECURITY_UPDATED', ctx.user.email, { type: 'RECIPIENTS', value: input.apply_to_all ? 'all' : recipient.user_email });
		return empty();
	},

	/**
	 * Bulk share or sign (AZ signingBulkSignDocumentsAsync, `POST /v4/packages/{bulk_action}`,
	 * ApiBulkSignAction SHARE | SIGN): starts a transaction; its packages are processed a few at
	 * each status call (`bulkStep`), so a caller has to follow its progress.
	 */
	bulkStart(ctx) {
		const action = ctx.params[0];
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!isObject(input) || !Array.isArray(input.ids) || input.ids.length === 0 || !input.ids.every(Number.isInteger)) return ACTION_ASSUMED.idsRequired();
		const token = this.accessTokens.get(String(ctx.req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
		if (action === 'SIGN' && token?.scoped) return FIELD_ASSUMED.scopedSigning();
		const id = `sim-bulk-${++this.nextLogId}`;
		this.bulkTransactions.set(id, { id, action, user: ctx.user, ids: [...input.ids], results: new Map(), body: input });
		return json(200, { status: 'IN_PROGRESS', transaction_id: id });
	},

	/** One package of a bulk transaction, carried out: `{status, error}`. */
	bulkProcess(transaction, packageId) {
		const ctx = { user: transaction.user, v: 'v4', params: [String(packageId)] };
		const email = transaction.user.email;
		if (transaction.action === 'SHARE') {
			const answer = this.share(ctx);
			return answer.status === 200 ? { status: 'COMPLETED', error: null } : { status: 'FAILED', error: ACTION_ASSUMED.bulkRefusal(answer) };
		}
		const pkg = this.packageOf(packageId);
		if (!pkg) return { status: 'FAILED', error: ACTION_ASSUMED.bulkRefusal(DOCUMENTED.documentNotFound()) };
		if (pkg.status === 'DRAFT' && same(pkg.owner, email)) {
			const shared = this.share(ctx);
			if (shared.status !== 200) return { status: 'FAILED', error: ACTION_ASSUMED.bulkRefusal(shared) };
		}
		const recipient = this.inTurn(pkg, email);
		if (!recipient) return { status: 'FAILED', error: ACTION_ASSUMED.bulkRefusal(ACTION_DOCUMENTED.notForUser()) };
		if (!this.accessOpen(pkg, recipient)) return { status: 'FAILED', error: ACTION_ASSUMED.bulkRefusal(ACTION_DOCUMENTED.accessPeriodEnded()) };
		this.sign(pkg.id, email);
		return { status: 'COMPLETED', error: null };
	},

	/** Bulk Signing Status (AZ signingBulkSignStatusAsync, `POST /v4/packages/{bulk_action}/status` `{transaction_id}`). */
	bulkStatus(ctx) {
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		const transaction = this.bulkTransactions.get(isObject(input) ? input.transaction_id : undefined);
		if (!transaction || transaction.action !== ctx.params[0] || !same(transaction.user.email, ctx.user.email)) return ACTION_ASSUMED.transactionNotFound();
		const pending = transaction.ids.filter((id) => !transaction.results.has(id));
		for (const packageId of pending.slice(0, this.scenario.bulkStep)) transaction.results.set(packageId, this.bulkProcess(transaction, packageId));
		const packages = transaction.ids.map((packageId) => {
			const result = transaction.results.get(packageId);
			const name = this.packageOf(packageId)?.name ?? null;
			if (!result) return { id: packageId, name, status: 'IN_PROGRESS', action: null, error: null, percentage: 0 };
			return { id: packageId, name, status: result.status, action: null, error: result.error, percentage: 100 };
		});
		const done = packages.every((p) => p.percentage === 100);
		return json(200, { status: done ? 'COMPLETED' : 'IN_PROGRESS', packages });
	},

	/** Move Package to Custom or Shared Space folder (AZ folderMovePackageAsync, `PUT /v4/packages/{id}/move_to` `{folder_name}`): the owner, to a folder they have. */
	movePackage(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		const name = isObject(input) && typeof input.folder_name === 'string' ? input.folder_name.trim() : '';
		if (!name) return ACTION_ASSUMED.folderRequired();
		const folder = [...DEFAULT_FOLDERS, ...(this.scenario.folders ?? [])].find((f) => same(f, name));
		if (!folder) return ACTION_ASSUMED.folderNotFound(name);
		pkg.folder = folder;
		this.touch(pkg, 'MOVED', ctx.user.email, { type: 'FOLDER', value: folder });
		return empty();
	},

	/** Get Contacts (AZ contactsGetAsync, `GET /v4/settings/contacts/{records_per_page}/{page_no}`, `sort-by`, `asc`, header `x-search-text`). */
	listContacts(ctx) {
		const perPage = Number(ctx.params[0]);
		const pageNumber = Number(ctx.params[1]);
		if (pageNumber < 1 || perPage < 1) return ASSUMED.badPaging();
		const { search, error } = this.searchHeaders(ctx);
		if (error) return error;
		let contacts = (this.scenario.contacts ?? DEFAULT_CONTACTS).map((c, index) => ({ id: index + 1, user_national_id: null, created_on: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(), ...c }));
		if (search) contacts = contacts.filter((c) => `${c.user_name} ${c.user_email}`.toLowerCase().includes(search.toLowerCase()));
		const sortBy = ctx.url.searchParams.get('sort-by');
		if (sortBy !== null) {
			const key = CONTACT_SORT[sortBy];
			if (!key) return message(400, 'Invalid sort-by value');
			const ascending = String(ctx.url.searchParams.get('asc')).toLowerCase() !== 'false';
			contacts.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (ascending ? 1 : -1));
		}
		const { items, headers } = this.pageOf(contacts.map((pkg) => ({ pkg })), pageNumber, perPage);
		return json(200, items.map(({ pkg }) => pkg), headers);
	},
};

/** Routes: [method, pattern (version first), handler]. */
const ACTION_ROUTES = [
	['POST', /^\/(v3|v4)\/packages\/([^/]+)\/(approve|decline|submit)$/, 'recipientAction'],
	['PUT', /^\/(v3)\/packages\/([^/]+)\/workflow\/(\d+)\/authentication$/, 'setAuthentication'],
	['PUT', /^\/(v4)\/enterprise\/packages\/([^/]+)\/workflow\/(\d+)\/authentication$/, 'setEnterpriseAuthentication'],
	['POST', /^\/(v4)\/packages\/(SHARE|SIGN)$/, 'bulkStart'],
	['POST', /^\/(v4)\/packages\/(SHARE|SIGN)\/status$/, 'bulkStatus'],
	['PUT', /^\/(v4)\/packages\/([^/]+)\/move_to$/, 'movePackage'],
	['GET', /^\/(v4)\/settings\/contacts\/(\d+)\/(\d+)$/, 'listContacts'],
];

module.exports = { actionMethods, ACTION_ROUTES, ACTION_DOCUMENTED, ACTION_ASSUMED };
