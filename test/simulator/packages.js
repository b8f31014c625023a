// Document packages of the simulator: the model (documents, recipients, history) and the
// package, document, workflow, template and history endpoints of the reference's table "The
// neighbouring endpoints". Mixed into SigningHubSimulator's prototype (see simulator.js).
// Every assumption made where the reference is silent is listed in README.md and kept in the
// ASSUMED table of answers.js or next to the one line that applies it.
const { storedZip, simplePdf, pageCount, attachment, hostileAttachment, HOSTILE_FILE_NAME, writeLargePdf, writeFile, documentKind, convertedName, fileNameFromHeader } = require('./files');
const { changeDate, processedDate } = require('./dates');
const { json, message, empty, DOCUMENTED, ASSUMED } = require('./answers');
const { RECIPIENT_ASSUMED } = require('./recipients');

const WORKFLOW_MODES = ['ONLY_ME', 'ME_AND_OTHERS', 'ONLY_OTHERS'];
const ROLES = ['SIGNER', 'REVIEWER', 'EDITOR', 'CARBON_COPY', 'INPERSON_HOST'];
const DELIVERY_METHODS = ['EMAIL', 'SMS', 'EMAIL_AND_SMS'];
/** Roles whose action the workflow waits for; when all have acted, the package is completed. */
const ACTING_ROLES = ['SIGNER', 'REVIEWER', 'INPERSON_HOST'];
const DONE = { SIGNER: 'SIGNED', INPERSON_HOST: 'SIGNED', REVIEWER: 'REVIEWED', EDITOR: 'EDITED' };
/** Internal status -> what the owner sees (`package_status`). */
const OWNER_STATUS = { DRAFT: 'DRAFT', IN_PROGRESS: 'INPROGRESS', COMPLETED: 'COMPLETED', DECLINED: 'DECLINED' };

const same = (a, b) => String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();
const packageMethods = {
	/** SigningHub's clock: the machine's, `clockOffsetMs` behind (negative) or ahead. */
	now() {
		return Date.now() + (this.scenario.clockOffsetMs ?? 0);
	},

	/**
	 * The time stamp of a change (`modified_on`, `uploaded_on`, history), as an ISO string on
	 * SigningHub's clock: strictly increasing even within one millisecond; with `dateStyle:
	 * 'signinghub'` to the whole second, so two changes in one second share it.
	 */
	stamp() {
		const now = this.now();
		this.lastStamp = this.scenario.dateStyle === 'signinghub' ? Math.max(now - (now % 1000), this.lastStamp ?? 0) : Math.max(now, (this.lastStamp ?? 0) + 1);
		return new Date(this.lastStamp).toISOString();
	},

	/** The time stamp of a recipient's action (`processed_on`): milliseconds in every style. */
	processedStamp() {
		return this.scenario.dateStyle === 'signinghub' ? new Date(this.now()).toISOString() : this.stamp();
	},

	nameOf(email) {
		return this.users.get(String(email).toLowerCase())?.name ?? String(email).split('@')[0];
	},

	/** A full package from a scenario entry (`{id, owner, status}` at least), or a new one. */
	newPackage(spec) {
		const now = this.stamp();
		const pkg = {
			status: 'IN_PROGRESS',
			name: `Package ${spec.id}`,
			workflowMode: 'ONLY_OTHERS',
			workflowType: 'SERIAL',
			continueOnDecline: false,
			folder: 'INBOX',
			createdOn: now,
			modifiedOn: now,
			decline: null,
			...spec,
			id: Number(spec.id),
		};
		pkg.documents = (spec.documents ?? []).map((doc) => this.newDocument(doc.name ?? doc.document_name ?? 'document.pdf', Buffer.from(doc.content ?? simplePdf([doc.name ?? 'document'])), now));
		pkg.recipients = [];
		for (const r of spec.recipients ?? []) this.addRecipient(pkg, r);
		pkg.history = (spec.history ?? []).map((h) => ({ log_id: ++this.nextLogId, ...h }));
		if (spec.modifiedOn) pkg.modifiedOn = spec.modifiedOn;
		return pkg;
	},

	/** Fills in, in place, what a package put straight into `packages` by a test lacks. */
	ensureFull(pkg) {
		if (pkg && !Array.isArray(pkg.history)) {
			const full = this.newPackage({ ...pkg, documents: pkg.documents ?? [], recipients: pkg.recipients ?? [] });
			for (const key of Object.keys(full)) if (pkg[key] === undefined || ['documents', 'recipients', 'history'].includes(key)) pkg[key] = full[key];
		}
		return pkg;
	},

	newDocument(name, content, at = this.stamp(), type = 'PDF') {
		return { id: ++this.nextDocumentId, name, content, type, size: content.length, pages: pageCount(content), source: 'API', uploadedOn: at, modifiedOn: at };
	},

	/** Deletes a package at once; it stays gone, even inside `packageRange`. */
	removePackage(id) {
		this.packages.delete(Number(id));
		this.deleted.add(Number(id));
	},

	addRecipient(pkg, r) {
		const order = pkg.recipients.length + 1;
		const recipient = {
			order,
			user_email: r.user_email,
			user_name: r.user_name ?? r.placeholder ?? r.group_name ?? this.nameOf(r.user_email),
			role: r.role ?? 'SIGNER',
			signing_order: r.signing_order ?? order,
			email_notification: r.email_notification ?? true,
			delivery_method: r.delivery_method ?? 'EMAIL',
			process_status: r.process_status ?? 'UN_PROCESSED',
			processed_on: r.processed_on ?? null,
			reason: r.reason ?? null,
		};
		if (r.mobile_number !== undefined) recipient.mobile_number = r.mobile_number;
		// A placeholder or a group has no email of its own (v4 schema WorkflowUserResponse).
		for (const key of ['placeholder', 'group_name', 'group_members']) if (r[key] !== undefined) recipient[key] = r[key];
		if (r.user_email === undefined) delete recipient.user_email;
		pkg.recipients.push(recipient);
		return recipient;
	},

	/** Records a change: a new `modified_on` and, with an action, a history entry. */
	touch(pkg, action, email, information) {
		pkg.modifiedOn = this.stamp();
		if (action) {
			pkg.history.push({
				log_id: ++this.nextLogId,
				date_time: pkg.modifiedOn,
				action_type: action,
				user_email: email,
				user_name: this.nameOf(email),
				information: information ?? { type: 'PACKAGE', value: pkg.name },
			});
		}
		this.callbacks?.changed(pkg, action);
	},

	/** A package without its document bytes, for the control API. */
	viewOf(pkg) {
		return { ...pkg, documents: pkg.documents.map(({ content, ...doc }) => doc) };
	},

	ownerStatus(pkg) {
		return OWNER_STATUS[pkg.status] ?? pkg.status;
	},

	/** Recipients the workflow still waits for, at the lowest signing order. */
	nextSigners(pkg) {
		if (pkg.status !== 'IN_PROGRESS') return [];
		const waiting = pkg.recipients.filter((r) => ACTING_ROLES.includes(r.role) && r.process_status === 'UN_PROCESSED');
		const first = Math.min(...waiting.map((r) => r.signing_order));
		return waiting.filter((r) => r.signing_order === first);
	},

	documentOut(doc) {
		const style = this.scenario.dateStyle;
		return { id: doc.id, name: doc.name, size: doc.size, pages: doc.pages, type: doc.type ?? 'PDF', source: doc.source, uploaded_on: changeDate(doc.uploadedOn, style), modified_on: changeDate(doc.modifiedOn, style) };
	},

	/** A recipient as the API shows it: dates in the scenario's style; with `v3ProcessedStatus`, v3 shows PROCESSED for one who acted. */
	recipientOut(r, v) {
		const out = { ...r, processed_on: processedDate(r.processed_on, this.scenario.dateStyle) };
		if (v === 'v3' && this.scenario.v3ProcessedStatus && DONE[r.role] === r.process_status) out.process_status = 'PROCESSED';
		return out;
	},

	historyOut(h) {
		return { ...h, date_time: changeDate(h.date_time, this.scenario.dateStyle) };
	},

	/** The bytes a download answers: after completion, marked as the signed version. */
	documentBytes(pkg, doc) {
		if (pkg.status !== 'COMPLETED') return doc.content;
		const signers = pkg.recipients.filter((r) => r.process_status === 'SIGNED').map((r) => r.user_email);
		return Buffer.concat([doc.content, Buffer.from(`\n%% signed by ${signers.join(', ') || 'nobody: completed by the owner'}\n`, 'utf8')]);
	},

	/**
	 * The JSON body of a request as `{ value }`, or `{ error }` with the answer: a body sent with
	 * another content type is refused with 415 as ASP.NET Web API does; broken JSON is a 400.
	 */
	readJson(ctx, fallback) {
		const text = ctx.body.toString('utf8').trim();
		if (!text) return { value: fallback };
		const type = String(ctx.req.headers['content-type'] ?? '');
		if (!/^application\/(.+\+)?json\b/i.test(type)) return { error: ASSUMED.unsupportedMediaType(type.split(';')[0] || 'none') };
		try {
			return { value: JSON.parse(text) };
		} catch {
			return { error: ASSUMED.badRequest() };
		}
	},

	// ---- In-process controls: act as a recipient ----

	/** Makes recipient `email` sign (or review, or edit) package `id`. Throws when it cannot. */
	sign(id, email, { signFields = true } = {}) {
		const { pkg, recipient } = this.recipientOf(id, email);
		const done = DONE[recipient.role];
		if (!done) throw new Error(`${email} is a ${recipient.role} of package ${id}: nothing to sign`);
		recipient.process_status = done;
		recipient.processed_on = this.processedStamp();
		if (signFields) this.signFieldsOf(pkg, recipient);
		this.touch(pkg, done, recipient.user_email, { type: 'DOCUMENT', value: pkg.documents.map((d) => d.name).join(', ') });
		if (pkg.recipients.filter((r) => ACTING_ROLES.includes(r.role)).every((r) => r.process_status !== 'UN_PROCESSED')) {
			pkg.status = 'COMPLETED';
			this.touch(pkg, 'COMPLETED', recipient.user_email);
		}
		return { ...recipient };
	},

	/** Makes recipient `email` decline package `id`: the package is declined. */
	decline(id, email, reason = '') {
		const { pkg, recipient } = this.recipientOf(id, email);
		recipient.process_status = 'DECLINED';
		recipient.processed_on = this.processedStamp();
		recipient.reason = reason;
		pkg.status = 'DECLINED';
		pkg.decline = { reason, auto_decline: false, declined_by: recipient.user_email };
		this.touch(pkg, 'DECLINED', recipient.user_email, { type: 'REASON', value: reason });
		return { ...recipient };
	},

	recipientOf(id, email) {
		const pkg = this.packageOf(id);
		if (!pkg) throw new Error(`package ${id} does not exist`);
		if (pkg.status !== 'IN_PROGRESS') throw new Error(`package ${id} is not in progress (${pkg.status})`);
		const recipient = pkg.recipients.find((r) => same(r.user_email, email) && r.process_status === 'UN_PROCESSED');
		if (!recipient) throw new Error(`${email} is not a recipient of package ${id} who has yet to act`);
		return { pkg, recipient };
	},

	// ---- Endpoints; each gets ctx = { user, v, params, req, url, body (Buffer), entry } ----

	/** A package the token's user owns, or the error answer (403 "Document does not belong to user" for another's). */
	owned(ctx, notOwner = DOCUMENTED.notOwner) {
		return this.ownedPackage(ctx.user, ctx.params[0], notOwner);
	},

	addPackage(ctx) {
		const { value: input, error } = this.readJson(ctx, {});
		if (error) return error;
		if (!input || typeof input !== 'object' || Array.isArray(input)) return ASSUMED.badRequest();
		if (ctx.v === 'v4' && input.workflow_mode === undefined) return ASSUMED.workflowModeRequired(); // required in the v4 schema
		const mode = input.workflow_mode ?? 'ONLY_OTHERS'; // v3 default: assumed
		if (!WORKFLOW_MODES.includes(mode)) return message(400, 'Invalid workflow mode');
		let id = this.nextPackageId++;
		while (this.packages.has(id) || this.deleted.has(id)) id = this.nextPackageId++;
		const name = String(input.package_name ?? '').trim() || 'Untitled'; // page 1020
		const pkg = this.newPackage({ id, owner: ctx.user.email, status: 'DRAFT', name, workflowMode: mode, folder: (ctx.v === 'v4' && input.folder_name) || 'INBOX' });
		pkg.history.push({ log_id: ++this.nextLogId, date_time: pkg.createdOn, action_type: 'CREATED', user_email: ctx.user.email, user_name: this.nameOf(ctx.user.email), information: { type: 'PACKAGE', value: name } });
		this.packages.set(id, pkg);
		return json(200, { package_id: id, workflow_mode: pkg.workflowMode, workflow_type: pkg.workflowType });
	},

	renamePackage(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		const name = String(input?.package_name ?? '').trim();
		if (!name) return message(400, 'package_name is required');
		pkg.name = name;
		this.touch(pkg, 'RENAMED', ctx.user.email);
		return empty();
	},

	deletePackage(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		this.removePackage(pkg.id);
		return empty();
	},

	/** Get Workflow Details. */
	details(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		return json(200, {
			package_id: pkg.id,
			package_name: pkg.name,
			package_owner: pkg.owner,
			owner_name: this.nameOf(pkg.owner),
			package_status: this.ownerStatus(pkg),
			uploaded_on: changeDate(pkg.createdOn, this.scenario.dateStyle),
			modified_on: changeDate(pkg.modifiedOn, this.scenario.dateStyle),
			workflow: {
				workflow_type: pkg.workflowType,
				workflow_mode: pkg.workflowMode,
				continue_on_decline: pkg.continueOnDecline,
				workflow_status: pkg.status,
				message: pkg.workflowMessage ?? '',
				read_only: false,
				post_process: pkg.postProcess ?? null,
			},
			documents: pkg.documents.map((d) => this.documentOut(d)),
			users: pkg.recipients.map((r) => this.recipientOut(r, ctx.v)),
		});
	},

	/** Get Package Details (v4 only). */
	packageDetails(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		return json(200, {
			name: pkg.name,
			owner: { name: this.nameOf(pkg.owner), email: pkg.owner },
			read_only: false,
			document_status: this.ownerStatus(pkg),
			documents: pkg.documents.map((d) => this.documentOut(d)),
		});
	},

	/** Whether the request accepts a binary answer. */
	acceptsBinary(ctx) {
		const accept = String(ctx.req.headers.accept ?? '');
		return /application\/octet-stream|\*\/\*|application\/pdf|application\/zip/i.test(accept);
	},

	/**
	 * A file answer after the download options: `downloadContentDisposition` ('attachment' as
	 * usual, 'omit', 'hostile'), `hugeDownloadBytes` (a streamed body of that size instead of the
	 * file), `dropDownloadAfterBytes` (the connection is cut after that many body bytes),
	 * `stallDownloadAfterBytes` (silence after that many, the connection held open) and
	 * `linkPaceMs` (a slow link).
	 */
	fileAnswer(bytes, type, name) {
		const { downloadContentDisposition: disposition, hugeDownloadBytes: huge, dropDownloadAfterBytes: dropAfter } = this.scenario;
		const { stallDownloadAfterBytes: stallAfter, linkPaceMs: paceMs } = this.scenario;
		const size = huge || bytes.length;
		const headers = { 'content-type': type, 'content-length': String(size) };
		if (disposition === 'hostile') {
			headers['content-disposition'] = hostileAttachment(this.scenario.hostileFileName ?? HOSTILE_FILE_NAME);
			// Node refuses raw non-ASCII bytes in content-disposition beside a content-length: sent chunked.
			delete headers['content-length'];
		} else if (disposition !== 'omit') headers['content-disposition'] = attachment(name);
		if (!huge && dropAfter == null && stallAfter == null && !paceMs) return { status: 200, body: bytes, headers };
		return {
			status: 200,
			headers,
			/** Writes the body to `res`; returns the bytes sent. */
			stream: async (res) => {
				const stopAfter = dropAfter ?? stallAfter ?? size;
				const sent = huge ? await writeLargePdf(res, size, stopAfter, paceMs) : await writeFile(res, bytes, stopAfter, paceMs);
				if (dropAfter != null && dropAfter < size) {
					// Let the bytes leave before the connection is cut.
					await new Promise((resolve) => setTimeout(resolve, 20));
					res.socket?.destroy();
				} else if (stallAfter != null && stallAfter < size) {
					// Silence until the client gives up.
					await new Promise((resolve) => res.once('close', resolve));
				} else res.end();
				return sent;
			},
		};
	},

	/** A download of a package's documents: the owner's, not a draft (page 1040), with a binary Accept. */
	downloadable(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		if (pkg.status === 'DRAFT') return DOCUMENTED.draftDownload();
		if (!this.acceptsBinary(ctx)) return ASSUMED.notAcceptable();
		return pkg;
	},

	downloadPackage(ctx) {
		const pkg = this.downloadable(ctx);
		if ('body' in pkg) return pkg;
		let docs = pkg.documents;
		const wanted = ctx.v === 'v4' ? ctx.url.searchParams.get('document-ids') : null;
		if (wanted) {
			const ids = wanted.split(',').map((s) => s.trim()).filter(Boolean);
			docs = ids.map((id) => pkg.documents.find((d) => String(d.id) === id));
			if (docs.some((d) => !d)) return DOCUMENTED.documentNotFound();
		}
		if (docs.length === 0) return DOCUMENTED.documentNotFound();
		if (docs.length === 1) return this.fileAnswer(this.documentBytes(pkg, docs[0]), 'application/pdf', docs[0].name);
		const zip = storedZip(docs.map((d) => ({ name: d.name, data: this.documentBytes(pkg, d) })));
		return this.fileAnswer(zip, 'application/zip', `${pkg.name}.zip`);
	},

	downloadDocument(ctx) {
		const pkg = this.downloadable(ctx);
		if ('body' in pkg) return pkg;
		const doc = pkg.documents.find((d) => String(d.id) === ctx.params[1]);
		if (!doc) return DOCUMENTED.documentNotFound();
		return this.fileAnswer(this.documentBytes(pkg, doc), 'application/pdf', doc.name);
	},

	evidenceReport(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		if (pkg.status !== 'COMPLETED') return ASSUMED.notCompletedReport();
		if (!this.acceptsBinary(ctx)) return ASSUMED.notAcceptable();
		const lines = [
			'Process Evidence Report',
			`Package ${pkg.id}: ${pkg.name}`,
			`Owner: ${pkg.owner}`,
			`Status: ${pkg.status}`,
			...pkg.recipients.map((r) => `${r.role} ${r.user_email}: ${r.process_status}${r.processed_on ? ` on ${r.processed_on}` : ''}`),
			...pkg.history.map((h) => `${h.date_time} ${h.action_type} by ${h.user_email}`),
		];
		return this.fileAnswer(simplePdf(lines), 'application/pdf', `Evidence report ${pkg.id}.pdf`);
	},

	/**
	 * Upload Document. A PDF is kept as sent; with `x-convert-document: true` anything else is
	 * stored converted to PDF (page 1022); without it only Word and XML are kept (page 1022: "The
	 * only case supported where this value is set to false is to retain Word format and XML
	 * documents"), anything else is refused (the answer assumed). v3 answers `{documentid}` (1022).
	 */
	uploadDocument(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		if (pkg.status !== 'DRAFT') return ASSUMED.notDraft();
		const sentName = fileNameFromHeader(ctx.req.headers['x-file-name']);
		if (!sentName) return DOCUMENTED.noFileName();
		ctx.entry.decoded = { ...ctx.entry.decoded, 'x-file-name': sentName };
		if (ctx.body.length === 0) return DOCUMENTED.noDocument();
		const kind = documentKind(sentName, ctx.body);
		const convert = String(ctx.req.headers['x-convert-document'] ?? '').toLowerCase() === 'true';
		let doc;
		if (kind === 'PDF') doc = this.newDocument(sentName, ctx.body);
		else if (convert) doc = this.newDocument(convertedName(sentName), simplePdf([`Converted from ${sentName}`, `${ctx.body.length} bytes`]));
		else if (kind === 'WORD' || kind === 'XML') doc = this.newDocument(sentName, ctx.body, undefined, kind);
		else return ASSUMED.conversionRequired();
		doc.source = String(ctx.req.headers['x-source'] ?? 'API');
		// A body above keepBodiesUpTo came as its head: the document records what was sent.
		if (ctx.entry.bodySha256 && doc.name === sentName) Object.assign(doc, { size: ctx.entry.bodyBytes, sha256: ctx.entry.bodySha256, keptBytes: doc.content.length });
		if (doc.name !== sentName) doc.convertedFrom = sentName;
		pkg.documents.push(doc);
		this.touch(pkg, 'DOCUMENT_UPLOADED', ctx.user.email, { type: 'DOCUMENT', value: doc.name });
		if (ctx.v === 'v3') return json(201, { documentid: doc.id });
		return json(201, { document_id: doc.id, document_name: doc.name, document_pages: doc.pages, document_size: doc.size });
	},

	share(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		if (pkg.status !== 'DRAFT') return ASSUMED.notDraft();
		if (pkg.recipients.length === 0) return DOCUMENTED.noSigners();
		const placeholder = pkg.recipients.find((r) => r.placeholder);
		if (placeholder) return RECIPIENT_ASSUMED.placeholderLeft(placeholder.placeholder);
		pkg.status = 'IN_PROGRESS';
		pkg.sharedAt = this.now();
		this.touch(pkg, 'SHARED', ctx.user.email, { type: 'RECIPIENTS', value: pkg.recipients.map((r) => r.user_email).join(', ') });
		return json(200, [{ package_id: pkg.id, documents: pkg.documents.map((d) => ({ document_id: d.id, document_name: d.name })) }]);
	},

	/** Recall (page 1091): by the owner, of a running workflow; one refusal for both. */
	recall(ctx) {
		const pkg = this.owned(ctx, DOCUMENTED.recallRefused);
		if ('body' in pkg) return pkg;
		if (pkg.status !== 'IN_PROGRESS') return DOCUMENTED.recallRefused();
		pkg.status = 'DRAFT';
		pkg.decline = null;
		for (const r of pkg.recipients) Object.assign(r, { process_status: 'UN_PROCESSED', processed_on: null, reason: null });
		this.touch(pkg, 'RECALLED', ctx.user.email);
		return empty();
	},

	workflowUsers(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		return json(200, pkg.recipients.map((r) => this.recipientOut(r, ctx.v)));
	},

	/** Checks one recipient of Add Users to Workflow (or of a template); an error answer or undefined. */
	recipientProblem(r, v) {
		if (!r || typeof r !== 'object' || Array.isArray(r)) return ASSUMED.badRequest();
		if (typeof r.user_email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(r.user_email)) return message(400, 'user_email is missing or invalid');
		if (r.role !== undefined && !ROLES.includes(r.role)) return message(400, `Invalid role: ${r.role}`);
		if (v === 'v4' && r.delivery_method === undefined) return message(400, 'delivery_method is required');
		if (r.delivery_method !== undefined && !DELIVERY_METHODS.includes(r.delivery_method)) return message(400, `Invalid delivery_method: ${r.delivery_method}`);
		if (['SMS', 'EMAIL_AND_SMS'].includes(r.delivery_method) && !String(r.mobile_number ?? '').trim()) return ASSUMED.mobileNumberRequired(r.delivery_method);
		if (r.signing_order !== undefined && !(Number.isInteger(r.signing_order) && r.signing_order > 0)) return message(400, 'signing_order must be a positive integer');
		return undefined;
	},

	addUsers(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!Array.isArray(input) || input.length === 0) return ASSUMED.badRequest();
		for (const r of input) {
			const problem = this.recipientProblem(r, ctx.v);
			if (problem) return problem;
		}
		if (pkg.status !== 'DRAFT') return ASSUMED.notDraft();
		const added = input.map((r) => this.addRecipient(pkg, r));
		this.touch(pkg, 'USERS_ADDED', ctx.user.email, { type: 'RECIPIENTS', value: added.map((r) => r.user_email).join(', ') });
		return this.scenario.addUsersAnswersUsers ? json(200, added.map((r) => this.recipientOut(r, ctx.v))) : empty();
	},

	applyTemplate(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!input || typeof input !== 'object' || typeof input.template_name !== 'string') return message(400, 'template_name is required');
		const template = (this.scenario.templates ?? []).find((t) => same(t.template_name, input.template_name));
		if (!template) return ASSUMED.templateNotFound();
		const documentId = ctx.params[1];
		const byZero = ctx.v === 'v4' && documentId === '0';
		if (byZero ? pkg.documents.length === 0 : !pkg.documents.some((d) => String(d.id) === documentId)) return DOCUMENTED.documentNotFound();
		if (pkg.status !== 'DRAFT') return ASSUMED.notDraft();
		// v4's document 0, or `apply_to_all: true` (v3 page 1024, v4), applies it to every document.
		for (const doc of pkg.documents) if (byZero || input.apply_to_all === true || String(doc.id) === documentId) doc.template = template.template_name;
		for (const r of template.recipients ?? []) {
			// A placeholder or group of the template is added each time; a person already there once.
			if (r.user_email === undefined || !pkg.recipients.some((have) => same(have.user_email, r.user_email) && have.role === (r.role ?? 'SIGNER'))) this.addRecipient(pkg, { ...r, signing_order: undefined });
		}
		if (template.workflow_type) pkg.workflowType = template.workflow_type;
		this.touch(pkg, 'TEMPLATE_APPLIED', ctx.user.email, { type: 'TEMPLATE', value: template.template_name });
		return empty();
	},

	historyV3(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		return json(200, { package_status: this.ownerStatus(pkg), actions: pkg.history.map((h) => this.historyOut(h)) });
	},

	historyV4(ctx) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		const pageNumber = Number(ctx.params[1]);
		const perPage = Number(ctx.params[2]);
		if (pageNumber < 1 || perPage < 1) return ASSUMED.badPaging();
		const { items, headers } = this.pageOf(pkg.history, pageNumber, perPage);
		return json(200, { package_status: this.ownerStatus(pkg), actions: items.map((h) => this.historyOut(h)) }, headers);
	},
};

/** Routes served by the mixin: [method, pattern (version first), handler]. The first match wins. */
const PACKAGE_ROUTES = [
	['POST', /^\/(v3|v4)\/packages$/, 'addPackage'],
	['GET', /^\/(v3|v4)\/packages\/([A-Z_]+)\/(\d+)\/(\d+)$/, 'listPackages'],
	['GET', /^\/(v3|v4)\/packages\/([^/]+)$/, 'downloadPackage'],
	['PUT', /^\/(v3|v4)\/packages\/([^/]+)$/, 'renamePackage'],
	['DELETE', /^\/(v3|v4)\/packages\/([^/]+)$/, 'deletePackage'],
	['GET', /^\/(v4)\/packages\/([^/]+)\/details$/, 'packageDetails'],
	['GET', /^\/(v3|v4)\/packages\/([^/]+)\/report$/, 'evidenceReport'],
	['POST', /^\/(v3|v4)\/packages\/([^/]+)\/documents$/, 'uploadDocument'],
	['GET', /^\/(v3|v4)\/packages\/([^/]+)\/documents\/(\d+)$/, 'downloadDocument'],
	['POST', /^\/(v3|v4)\/packages\/([^/]+)\/documents\/(\d+)\/template$/, 'applyTemplate'],
	['GET', /^\/(v3|v4)\/packages\/([^/]+)\/workflow$/, 'details'],
	['POST', /^\/(v3|v4)\/packages\/([^/]+)\/workflow$/, 'share'],
	['DELETE', /^\/(v3|v4)\/packages\/([^/]+)\/workflow$/, 'recall'],
	['GET', /^\/(v3|v4)\/packages\/([^/]+)\/workflow\/users$/, 'workflowUsers'],
	['POST', /^\/(v3|v4)\/packages\/([^/]+)\/workflow\/users$/, 'addUsers'],
	['GET', /^\/(v3)\/packages\/([^/]+)\/log$/, 'historyV3'],
	['GET', /^\/(v4)\/packages\/([^/]+)\/log\/(\d+)\/(\d+)$/, 'historyV4'],
	['GET', /^\/(v3|v4)\/settings\/templates\/(\d+)\/(\d+)$/, 'listTemplates'],
];

const DEFAULT_TEMPLATES = [
	{
		template_id: 1,
		template_name: 'Sales contract',
		template_public: false,
		read_only: false,
		description: 'One signer, then a copy to the sales desk',
		documents: [],
		recipients: [
			{ user_email: 'signer@example.com', user_name: 'Sam Signer', role: 'SIGNER', email_notification: true, delivery_method: 'EMAIL' },
			{ user_email: 'sales@example.com', user_name: 'Sales Desk', role: 'CARBON_COPY', email_notification: true, delivery_method: 'EMAIL' },
		],
	},
	{
		template_id: 2,
		template_name: 'NDA',
		template_public: true,
		read_only: true,
		description: 'Legal reviews, then a colleague signs',
		documents: [],
		recipients: [
			{ user_email: 'legal@example.com', user_name: 'Lee Legal', role: 'REVIEWER', email_notification: true, delivery_method: 'EMAIL' },
			{ user_email: 'colleague@example.com', user_name: 'Colleague', role: 'SIGNER', email_notification: true, delivery_method: 'EMAIL' },
		],
	},
];

module.exports = { packageMethods, PACKAGE_ROUTES, DEFAULT_TEMPLATES };
