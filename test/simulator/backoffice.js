// The back office of the simulator: correcting and removing recipients, reminders, a package's
// owner, renaming and deleting documents, signature verification, integration (embedded
// signing) links, workflow settings and post-processing. Paths, bodies and refusals from
// shared/reference/signinghub-api-next.md (sections 2, 3, 4, 6, 7, 10); mixed into
// SigningHubSimulator's prototype like packages.js. Its refusals are in the two tables below,
// DOCUMENTED (the vendor's words, with the page) and ASSUMED (README.md lists them).
const { randomBytes } = require('node:crypto');
const { json, message, empty, DOCUMENTED, ASSUMED } = require('./answers');

const WORKFLOW_TYPES = ['SERIAL', 'PARALLEL', 'INDIVIDUAL', 'CUSTOM'];
const FREQUENCIES = ['DAYS', 'HOURS'];

const BACKOFFICE_DOCUMENTED = {
	/** 1048 Update Workflow User (also used for Delete Workflow User and reminders: assumed). */
	noUserAtOrder: () => message(404, 'No user found at given order'),
	/** 1048, 1059, 1046: a package whose workflow is locked (`lockedWorkflow: true` in the scenario). */
	lockedWorkflow: () => message(403, 'You are not allowed to perform this action on locked workflow'),
	/** 1185 Change Owner: its refusal for what SigningHub does not allow. */
	notAllowed: () => message(403, 'You are not allowed to perform the requested operation'),
	/** 1063 Update Workflow Reminders lists it; that it means "after sharing" is assumed. */
	noLongerDraft: () => message(403, 'Document is no longer in draft state'),
};

const BACKOFFICE_ASSUMED = {
	/** Which of 1185's conditions gives which words: every refused condition gives notAllowed. */
	ownerNotAllowed: BACKOFFICE_DOCUMENTED.notAllowed,
	ownerRequired: () => message(400, 'owner is required'),
	roleRequired: () => message(400, 'role is required'),
	deliveryMethodRequired: () => message(400, 'delivery_method is required'),
	recipientActed: () => message(403, 'The recipient has already processed the document'),
	workflowFinished: () => message(403, 'Document workflow is already completed'),
	nameRequired: (field) => message(400, `${field} is required`),
	badReminders: (what) => message(400, `Invalid reminder settings: ${what}`),
	badWorkflow: (what) => message(400, `Invalid workflow settings: ${what}`),
	badPostProcess: (what) => message(400, `Invalid post processing settings: ${what}`),
	notARecipient: () => message(400, 'The user is not a recipient of this document'),
	linkOfDraft: () => message(403, 'Document is still in draft state'),
	callbackRequired: () => message(400, 'callback_url is required'),
	/** The one working public client (KB) always sends document_id (>= 1); without it: assumed refused. */
	documentIdRequired: () => message(400, 'document_id is required'),
};

/** The reminders of a recipient nobody has set: off. */
const NO_REMINDERS = { apply_to_all: false, enabled: false, frequency: 'DAYS', remind_after: 1, repeat: { enabled: false, frequency: 'DAYS', keep_reminding_after: 1, total_reminders: 1 } };

/**
 * Reminders as v3 keeps them: its documented body (1063) has no `frequency`, its counts are days.
 * A `frequency` sent anyway is ignored, as ASP.NET Web API ignores members a model lacks
 * (assumed), and listed in `ignored` so a test can see it was sent.
 */
function v3Reminders({ frequency, repeat = {}, ...rest }) {
	const { frequency: repeatFrequency, ...repeatRest } = repeat;
	const ignored = [frequency !== undefined && 'frequency', repeatFrequency !== undefined && 'repeat.frequency'].filter(Boolean);
	const out = { ...rest, repeat: { ...NO_REMINDERS.repeat, ...repeatRest } };
	delete out.repeat.frequency;
	delete out.ignored;
	return ignored.length ? { ...out, ignored } : out;
}

const isCount = (value) => Number.isInteger(value) && value >= 1;
const same = (a, b) => String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();

const backofficeMethods = {
	/** The owner's package with its recipient at `ctx.params[1]` (the workflow order), or the error answer. */
	recipientAt(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return { answer: pkg };
		const recipient = pkg.recipients.find((r) => r.order === Number(ctx.params[1]));
		if (!recipient) return { answer: BACKOFFICE_DOCUMENTED.noUserAtOrder() };
		return { pkg, recipient };
	},

	/** Whether recipients may still change: the workflow not locked, not finished, the recipient yet to act. */
	recipientLocked(pkg, recipient) {
		if (pkg.lockedWorkflow) return BACKOFFICE_DOCUMENTED.lockedWorkflow();
		if (!['DRAFT', 'IN_PROGRESS'].includes(pkg.status)) return BACKOFFICE_ASSUMED.workflowFinished();
		if (recipient && recipient.process_status !== 'UN_PROCESSED') return BACKOFFICE_ASSUMED.recipientActed();
		return undefined;
	},

	/** Update Workflow User (1048): omitted fields stay; `role` (and v4 `delivery_method`) required. */
	updateRecipient(ctx) {
		const { pkg, recipient, answer } = this.recipientAt(ctx);
		if (answer) return answer;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!input || typeof input !== 'object' || Array.isArray(input)) return ASSUMED.badRequest();
		if (input.role === undefined) return BACKOFFICE_ASSUMED.roleRequired();
		if (ctx.v === 'v4' && input.delivery_method === undefined) return BACKOFFICE_ASSUMED.deliveryMethodRequired();
		// Omitted fields stay (1048), so a kept SMS delivery keeps its number.
		const problem = this.recipientProblem({ user_email: input.user_email ?? recipient.user_email, mobile_number: recipient.mobile_number, ...input }, ctx.v);
		if (problem) return problem;
		const locked = this.recipientLocked(pkg, recipient);
		if (locked) return locked;
		for (const key of ['user_email', 'user_name', 'role', 'email_notification', 'signing_order', 'delivery_method', 'mobile_number']) {
			if (input[key] !== undefined) recipient[key] = input[key];
		}
		// A person given for a placeholder or a group takes its place (1048: it updates "a recipient, group or place holder").
		if (input.user_email !== undefined) for (const key of ['placeholder', 'group_name', 'group_members']) delete recipient[key];
		this.touch(pkg, 'RECIPIENT_UPDATED', ctx.user.email, { type: 'RECIPIENTS', value: recipient.user_email });
		if (ctx.v === 'v3') return empty();
		return json(200, { user_email: recipient.user_email, signing_order: recipient.signing_order, guest_user: !this.users.has(recipient.user_email.toLowerCase()), email_language_code: 'en-US' });
	},

	/** Delete Workflow User (1059); the recipients after it move up one order (assumed). */
	removeRecipient(ctx) {
		const { pkg, recipient, answer } = this.recipientAt(ctx);
		if (answer) return answer;
		const locked = this.recipientLocked(pkg, recipient);
		if (locked) return locked;
		pkg.recipients = pkg.recipients.filter((r) => r !== recipient);
		pkg.recipients.forEach((r, index) => (r.order = index + 1));
		this.touch(pkg, 'RECIPIENT_REMOVED', ctx.user.email, { type: 'RECIPIENTS', value: recipient.user_email });
		return empty();
	},

	getReminders(ctx) {
		const { recipient, answer } = this.recipientAt(ctx);
		if (answer) return answer;
		const reminders = recipient.reminders ?? NO_REMINDERS;
		if (ctx.v === 'v4') return json(200, reminders);
		const shown = v3Reminders(reminders);
		delete shown.ignored;
		return json(200, shown);
	},

	/** What is wrong with an Update Workflow Reminders body, or undefined; v3's body has no `frequency` (1063): its counts are days. */
	remindersProblem(input, v) {
		if (!input || typeof input !== 'object' || Array.isArray(input)) return 'the body must be an object';
		if (typeof input.enabled !== 'boolean') return 'enabled must be true or false';
		if (!input.enabled) return undefined;
		if (v === 'v4' && !FREQUENCIES.includes(input.frequency)) return 'frequency must be DAYS or HOURS';
		if (!isCount(input.remind_after)) return 'remind_after must be 1 or more';
		const { repeat } = input;
		if (repeat === undefined || repeat.enabled === false) return undefined;
		if (typeof repeat !== 'object' || repeat.enabled !== true) return 'repeat.enabled must be true or false';
		if (!isCount(repeat.keep_reminding_after) || !isCount(repeat.total_reminders)) return 'repeat needs keep_reminding_after and total_reminders of 1 or more';
		return undefined;
	},

	/** Update Workflow Reminders (1063): drafts only (assumed from its "no longer in draft" refusal). */
	setReminders(ctx) {
		const { pkg, recipient, answer } = this.recipientAt(ctx);
		if (answer) return answer;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		const problem = this.remindersProblem(input, ctx.v);
		if (problem) return BACKOFFICE_ASSUMED.badReminders(problem);
		if (pkg.status !== 'DRAFT') return BACKOFFICE_DOCUMENTED.noLongerDraft();
		const reminders = ctx.v === 'v3' ? v3Reminders(input) : { ...NO_REMINDERS, ...input, repeat: { ...NO_REMINDERS.repeat, ...(input.repeat ?? {}) } };
		for (const r of input.apply_to_all === true ? pkg.recipients : [recipient]) r.reminders = { ...reminders, repeat: { ...reminders.repeat } };
		this.touch(pkg, 'REMINDERS_UPDATED', ctx.user.email);
		return empty();
	},

	/** Change Owner (1185): in progress or completed; the new owner active and of the same enterprise. */
	changeOwner(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (typeof input?.owner !== 'string' || input.owner.trim() === '') return BACKOFFICE_ASSUMED.ownerRequired();
		const newOwner = this.users.get(input.owner.trim().toLowerCase());
		const enterprise = this.users.get(pkg.owner.toLowerCase())?.enterprise;
		if (!['IN_PROGRESS', 'COMPLETED'].includes(pkg.status)) return BACKOFFICE_ASSUMED.ownerNotAllowed();
		if (!newOwner || newOwner.disabled || newOwner.enterprise !== enterprise) return BACKOFFICE_ASSUMED.ownerNotAllowed();
		const from = pkg.owner;
		pkg.owner = newOwner.email;
		this.touch(pkg, 'OWNER_CHANGED', ctx.user.email, { type: 'OWNER', value: `${from} -> ${newOwner.email}` });
		return empty();
	},

	/** The owner's package and its document `ctx.params[1]`, or the error answer. */
	documentAt(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return { answer: pkg };
		const doc = pkg.documents.find((d) => String(d.id) === ctx.params[1]);
		return doc ? { pkg, doc } : { answer: DOCUMENTED.documentNotFound() };
	},

	/** Rename Document (v4 schema; v3 client code): answers `{package_name}`. */
	renameDocument(ctx) {
		const { pkg, doc, answer } = this.documentAt(ctx);
		if (answer) return answer;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		const name = String(input?.document_name ?? '').trim();
		if (!name) return BACKOFFICE_ASSUMED.nameRequired('document_name');
		doc.name = name;
		doc.modifiedOn = this.stamp();
		this.touch(pkg, 'DOCUMENT_RENAMED', ctx.user.email, { type: 'DOCUMENT', value: name });
		return json(200, { package_name: pkg.name });
	},

	/** Delete Document (v4 schema; v3 client code): drafts only (assumed); answers `{package_name}`. */
	deleteDocument(ctx) {
		const { pkg, doc, answer } = this.documentAt(ctx);
		if (answer) return answer;
		if (pkg.status !== 'DRAFT') return BACKOFFICE_DOCUMENTED.noLongerDraft();
		pkg.documents = pkg.documents.filter((d) => d !== doc);
		this.touch(pkg, 'DOCUMENT_DELETED', ctx.user.email, { type: 'DOCUMENT', value: doc.name });
		return json(200, { package_name: pkg.name });
	},

	/**
	 * One verification object per signature of a document (1035's fields): one per recipient who
	 * signed; `signatureStatuses: { email: 'INVALID' }` in a package's scenario entry makes one invalid.
	 */
	signaturesOf(pkg, doc) {
		return pkg.recipients
			.filter((r) => r.process_status === 'SIGNED')
			.map((r, index) => {
				const signedAt = r.processed_on ?? pkg.modifiedOn;
				const validFrom = new Date(Date.parse(signedAt) - 365 * 86_400_000).toISOString();
				return {
					field_name: `Signature-${doc.id}-${index + 1}`,
					signer_name: r.user_name,
					signature_status: pkg.signatureStatuses?.[r.user_email] ?? 'VALID',
					signing_reason: 'I approve this document',
					signing_location: '',
					contact_information: r.user_email,
					signing_time: signedAt,
					ltv: true,
					qualified: false,
					certified: false,
					timestamp_at: signedAt,
					timestamp_authority: 'CN=SigningHub Simulator TSA',
					subject_dn: `CN=${r.user_name}, E=${r.user_email}`,
					issuer_dn: 'CN=SigningHub Simulator CA',
					cert_valid_from: validFrom,
					cert_valid_to: new Date(Date.parse(validFrom) + 3 * 365 * 86_400_000).toISOString(),
					signature_type: 'PADES_PART4',
					signature_algorithm: 'SHA256withRSA',
				};
			});
	},

	/** Verify package signatures (1197): `[{document_id, fields[]}]`. */
	verifyPackage(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		return json(200, pkg.documents.map((doc) => ({ document_id: doc.id, fields: this.signaturesOf(pkg, doc) })));
	},

	/** Verify document signatures (1035): an array of verification objects. */
	verifyDocument(ctx) {
		const { pkg, doc, answer } = this.documentAt(ctx);
		if (answer) return answer;
		return json(200, this.signaturesOf(pkg, doc));
	},

	/**
	 * Integration link (v4, client code only): for the owner, a shared package and one of its
	 * recipients; the answer is a bare JSON string, the URL (never a token in it).
	 */
	integrationLink(ctx) {
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!input || typeof input !== 'object' || Array.isArray(input)) return ASSUMED.badRequest();
		const pkg = this.ownedPackage(ctx.user, String(input.package_id ?? ''));
		if ('body' in pkg) return pkg;
		if (typeof input.callback_url !== 'string' || input.callback_url.trim() === '') return BACKOFFICE_ASSUMED.callbackRequired();
		if (pkg.status === 'DRAFT') return BACKOFFICE_ASSUMED.linkOfDraft();
		if (!pkg.recipients.some((r) => same(r.user_email, input.user_email))) return BACKOFFICE_ASSUMED.notARecipient();
		if (input.document_id === undefined) return BACKOFFICE_ASSUMED.documentIdRequired();
		if (!pkg.documents.some((d) => d.id === input.document_id)) return DOCUMENTED.documentNotFound();
		const link = new URL('/web/Integration', this.url);
		link.searchParams.set('link', randomBytes(12).toString('base64url'));
		link.searchParams.set('document_id', String(input.document_id));
		link.searchParams.set('language', String(input.language ?? 'en-US'));
		link.searchParams.set('user_email', input.user_email);
		link.searchParams.set('callback_url', input.callback_url);
		(this.links ??= []).push({ packageId: pkg.id, ...input });
		return json(200, link.toString());
	},

	/** Update Workflow Details (PUT .../workflow): drafts only (assumed); omitted fields stay. */
	updateWorkflow(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!input || typeof input !== 'object' || Array.isArray(input)) return BACKOFFICE_ASSUMED.badWorkflow('the body must be an object');
		if (input.workflow_type !== undefined && !WORKFLOW_TYPES.includes(input.workflow_type)) return BACKOFFICE_ASSUMED.badWorkflow(`workflow_type ${input.workflow_type}`);
		if (input.continue_on_decline !== undefined && typeof input.continue_on_decline !== 'boolean') return BACKOFFICE_ASSUMED.badWorkflow('continue_on_decline must be true or false');
		if (pkg.lockedWorkflow) return BACKOFFICE_DOCUMENTED.lockedWorkflow();
		if (pkg.status !== 'DRAFT') return BACKOFFICE_DOCUMENTED.noLongerDraft();
		if (input.workflow_type !== undefined) pkg.workflowType = input.workflow_type;
		if (input.continue_on_decline !== undefined) pkg.continueOnDecline = input.continue_on_decline;
		if (input.message !== undefined) pkg.workflowMessage = String(input.message);
		this.touch(pkg, 'WORKFLOW_UPDATED', ctx.user.email);
		return empty();
	},

	/** Update Workflow Post Processing (1046): `enabled`, `workflow_recipients`, `document_processing_report` required (v4). */
	setPostProcess(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!input || typeof input !== 'object' || Array.isArray(input)) return BACKOFFICE_ASSUMED.badPostProcess('the body must be an object');
		for (const key of ['enabled', 'workflow_recipients', 'document_processing_report']) {
			if (typeof input[key] !== 'boolean') return BACKOFFICE_ASSUMED.badPostProcess(`${key} must be true or false`);
		}
		const recipients = input.recipients ?? [];
		if (!Array.isArray(recipients) || recipients.some((r) => typeof r?.name !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(String(r?.email)))) {
			return BACKOFFICE_ASSUMED.badPostProcess('every recipient needs a name and an email');
		}
		if (pkg.lockedWorkflow) return BACKOFFICE_DOCUMENTED.lockedWorkflow();
		if (!['DRAFT', 'IN_PROGRESS'].includes(pkg.status)) return BACKOFFICE_ASSUMED.workflowFinished();
		pkg.postProcess = { ...input, recipients };
		this.touch(pkg, 'POST_PROCESSING_UPDATED', ctx.user.email);
		return empty();
	},
};

/** Routes of the back office: [method, pattern (version first), handler]. */
const BACKOFFICE_ROUTES = [
	['PUT', /^\/(v3|v4)\/packages\/([^/]+)\/owner$/, 'changeOwner'],
	['PUT', /^\/(v3|v4)\/packages\/([^/]+)\/documents\/(\d+)$/, 'renameDocument'],
	['DELETE', /^\/(v3|v4)\/packages\/([^/]+)\/documents\/(\d+)$/, 'deleteDocument'],
	['GET', /^\/(v3|v4)\/packages\/([^/]+)\/verification$/, 'verifyPackage'],
	['GET', /^\/(v3|v4)\/packages\/([^/]+)\/documents\/(\d+)\/verification$/, 'verifyDocument'],
	['POST', /^\/(v4)\/links\/integration$/, 'integrationLink'],
	['PUT', /^\/(v3|v4)\/packages\/([^/]+)\/workflow$/, 'updateWorkflow'],
	['PUT', /^\/(v3|v4)\/packages\/([^/]+)\/workflow\/post_process$/, 'setPostProcess'],
	['PUT', /^\/(v3|v4)\/packages\/([^/]+)\/workflow\/(\d+)\/user$/, 'updateRecipient'],
	['DELETE', /^\/(v3|v4)\/packages\/([^/]+)\/workflow\/(\d+)$/, 'removeRecipient'],
	['GET', /^\/(v3|v4)\/packages\/([^/]+)\/workflow\/(\d+)\/reminders$/, 'getReminders'],
	['PUT', /^\/(v3|v4)\/packages\/([^/]+)\/workflow\/(\d+)\/reminders$/, 'setReminders'],
];

module.exports = { backofficeMethods, BACKOFFICE_ROUTES, BACKOFFICE_DOCUMENTED, BACKOFFICE_ASSUMED };
