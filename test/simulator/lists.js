// The simulator's list calls: Get Packages (what the user sees: own packages in the owner's view,
// packages shared with the user in the recipient's view) and Get Templates, with their search
// headers, v4's query filters, the order, and paging (with the paging scenario options).
// Mixed into SigningHubSimulator's prototype (see simulator.js).
const { parseInstant, instantOf, changeDate } = require('./dates');
const { json, message, ASSUMED } = require('./answers');

const LIST_STATUSES = ['ALL', 'DRAFT', 'INPROGRESS', 'PENDING', 'SIGNED', 'COMPLETED', 'REVIEWED', 'DECLINED', 'EDITED', 'EXPIRING_IN_SEVEN_DAYS'];
/** A recipient's `process_status` -> the `package_status` that recipient sees once acted. */
const ACTED_VIEW = { SIGNED: 'SIGNED', REVIEWED: 'REVIEWED', EDITED: 'EDITED', DECLINED: 'DECLINED' };

/** v4 `sort-by` keys over list rows (`{pkg, status}`). */
const SORT_KEYS = {
	TITLE: ({ pkg }) => pkg.name.toLowerCase(),
	WORKFLOW_TYPE: ({ pkg }) => pkg.workflowType,
	DATE_CREATED: ({ pkg }) => instantOf(pkg.createdOn),
	LAST_MODIFIED: ({ pkg }) => instantOf(pkg.modifiedOn),
	OWNER: ({ pkg }) => pkg.owner.toLowerCase(),
	LOCATION: ({ pkg }) => pkg.folder,
	STATUS: ({ status }) => status,
};

/** `listOrder` values: the order without `sort-by`, which SigningHub does not document. */
const LIST_ORDERS = {
	'newest-modified-first': { key: SORT_KEYS.LAST_MODIFIED, ascending: false },
	'oldest-modified-first': { key: SORT_KEYS.LAST_MODIFIED, ascending: true },
	'newest-first': { key: SORT_KEYS.DATE_CREATED, ascending: false },
	'oldest-first': { key: SORT_KEYS.DATE_CREATED, ascending: true },
	'by-id': { key: ({ pkg }) => pkg.id, ascending: true },
};

const OWNED_BY = ['ME', 'OTHERS', 'ME_OTHERS'];

const same = (a, b) => String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();

/**
 * A search header's text: the vendor's examples send Base64 of UTF-8 (`c2FsZXMgY29udHJhY3QgMTA1`
 * is "sales contract 105", `SU5CT1g=` is "INBOX"). `{ text }`, or `{ error }` when the value is
 * not Base64 of UTF-8 (that answer is assumed).
 */
function decodeSearchHeader(name, raw) {
	const value = String(raw);
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return { error: ASSUMED.notBase64(name) };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'base64')) };
	} catch {
		return { error: ASSUMED.notBase64(name) };
	}
}

const listMethods = {
	/**
	 * Decodes the search headers of a list call into `{ search, folder }` (absent: undefined),
	 * recording raw and decoded values in the log entry; or `{ error }`.
	 */
	searchHeaders(ctx) {
		const decoded = {};
		for (const [header, key] of [['x-search-text', 'search'], ['x-folder', 'folder']]) {
			const raw = ctx.req.headers[header];
			if (raw === undefined || raw === '') continue;
			const { text, error } = decodeSearchHeader(header, raw);
			if (error) return { error };
			decoded[key] = text;
			ctx.entry.decoded = { ...ctx.entry.decoded, [header]: text };
		}
		return decoded;
	},

	/** One page of `all`: `{ items, headers }`, after the paging options. */
	pageOf(all, pageNumber, perPage) {
		const served = this.scenario.ignorePageNumber ? 1 : pageNumber;
		const items = all.slice((served - 1) * perPage, served * perPage);
		return { items, headers: this.scenario.omitTotalRecords ? {} : { 'x-total-records': String(all.length) } };
	},

	/**
	 * The `package_status` a recipient sees on someone else's package, or undefined when the
	 * package is not in that recipient's list: not yet shared; a recipient still to act whose turn
	 * has not come; a carbon copy before completion (the last two assumed).
	 */
	recipientView(pkg, email) {
		if (pkg.status === 'DRAFT') return undefined;
		const mine = pkg.recipients.filter((r) => same(r.user_email, email));
		if (mine.length === 0) return undefined;
		if (pkg.status === 'COMPLETED' || pkg.status === 'DECLINED') return pkg.status;
		const acted = mine.find((r) => ACTED_VIEW[r.process_status]);
		if (acted) return ACTED_VIEW[acted.process_status];
		if (this.nextSigners(pkg).some((r) => same(r.user_email, email))) return 'PENDING';
		return undefined;
	},

	/** Every package the user sees, as rows `{pkg, status, own}`, after `owned-by`. */
	visiblePackages(email, ownedBy) {
		const rows = [];
		for (const pkg of [...this.packages.values()].map((p) => this.ensureFull(p))) {
			const own = same(pkg.owner, email);
			if (own && ownedBy !== 'OTHERS') rows.push({ pkg, status: this.ownerStatus(pkg), own });
			if (!own && ownedBy !== 'ME') {
				const status = this.recipientView(pkg, email);
				if (status) rows.push({ pkg, status, own });
			}
		}
		return rows;
	},

	/** Whether a row matches the list's STATUS. Own packages also match a state of the user as their recipient. */
	matchesStatus(row, status, email) {
		if (status === 'ALL') return true;
		if (status === 'EXPIRING_IN_SEVEN_DAYS') return false; // nothing expires in the simulator
		if (!row.own) return row.status === status;
		const mine = row.pkg.recipients.find((r) => same(r.user_email, email));
		if (status === 'PENDING') return row.pkg.status === 'IN_PROGRESS' && mine?.process_status === 'UN_PROCESSED';
		if (['SIGNED', 'REVIEWED', 'EDITED'].includes(status)) return mine?.process_status === status;
		return row.status === status;
	},

	listItem({ pkg, status }) {
		const next = this.nextSigners(pkg);
		const style = this.scenario.dateStyle;
		const item = {
			package_id: pkg.id,
			package_name: pkg.name,
			package_owner: pkg.owner,
			owner_name: this.nameOf(pkg.owner),
			package_status: status,
			folder: pkg.folder,
			folder_id: 1,
			unread: false,
			next_signer: next[0]?.user_name ?? null,
			next_signer_email: next.map((r) => r.user_email),
			uploaded_on: changeDate(pkg.createdOn, style),
			modified_on: changeDate(pkg.modifiedOn, style),
			size: pkg.documents.reduce((sum, d) => sum + d.size, 0),
		};
		if (pkg.decline) item.decline = { ...pkg.decline };
		return item;
	},

	/** v4's query filters and order; `{ rows, order }` or `{ error }`. v3 ignores the query. */
	applyV4Query(ctx, rows) {
		const q = ctx.url.searchParams;
		for (const [name, keep] of [
			['modified-from', (p, t) => instantOf(p.modifiedOn) >= t],
			['modified-to', (p, t) => instantOf(p.modifiedOn) <= t],
		]) {
			if (!q.has(name)) continue;
			const t = parseInstant(q.get(name));
			if (Number.isNaN(t)) return { error: message(400, `Invalid ${name} date`) };
			rows = rows.filter(({ pkg }) => keep(pkg, t));
		}
		const name = q.get('package-name');
		if (name) rows = rows.filter(({ pkg }) => pkg.name.toLowerCase().includes(name.toLowerCase()));
		if (q.get('package-id')) rows = rows.filter(({ pkg }) => String(pkg.id) === q.get('package-id'));
		if (!q.has('sort-by')) return { rows };
		const key = SORT_KEYS[q.get('sort-by')];
		if (!key) return { error: message(400, 'Invalid sort-by value') };
		return { rows, order: { key, ascending: String(q.get('asc')).toLowerCase() === 'true' } };
	},

	listPackages(ctx) {
		const [status, rawPage, rawPerPage] = ctx.params;
		if (!LIST_STATUSES.includes(status)) return ASSUMED.badStatus();
		const pageNumber = Number(rawPage);
		const perPage = Number(rawPerPage);
		if (pageNumber < 1 || perPage < 1) return ASSUMED.badPaging();
		const { search, folder, error } = this.searchHeaders(ctx);
		if (error) return error;
		const ownedBy = ctx.v === 'v4' ? (ctx.url.searchParams.get('owned-by') ?? 'ME_OTHERS') : 'ME_OTHERS';
		if (!OWNED_BY.includes(ownedBy)) return ASSUMED.badOwnedBy();

		const me = ctx.user.email;
		let rows = this.visiblePackages(me, ownedBy).filter((row) => this.matchesStatus(row, status, me));
		if (search) rows = rows.filter(({ pkg }) => pkg.name.toLowerCase().includes(search.toLowerCase()));
		if (folder) rows = rows.filter(({ pkg }) => same(pkg.folder, folder));
		let order = LIST_ORDERS[this.scenario.listOrder];
		if (ctx.v === 'v4') {
			const filtered = this.applyV4Query(ctx, rows);
			if (filtered.error) return filtered.error;
			rows = filtered.rows;
			order = filtered.order ?? order;
		}
		rows.sort((a, b) => {
			const [x, y] = [order.key(a), order.key(b)];
			const byKey = x < y ? -1 : x > y ? 1 : a.pkg.id - b.pkg.id;
			return order.ascending ? byKey : -byKey;
		});
		const { items, headers } = this.pageOf(rows, pageNumber, perPage);
		const answer = json(200, items.map((row) => this.listItem(row)), headers);
		this.deleteBetweenPages(pageNumber, ctx.entry);
		return answer;
	},

	/** The `deleteBetweenPages` option: deletes its package once page `afterPage` was served. */
	deleteBetweenPages(servedPage, entry) {
		const plan = this.scenario.deleteBetweenPages;
		if (!plan || plan.afterPage !== servedPage) return;
		this.scenario = { ...this.scenario, deleteBetweenPages: null };
		this.removePackage(plan.packageId);
		entry.deletedPackage = Number(plan.packageId);
	},

	listTemplates(ctx) {
		const perPage = Number(ctx.params[0]);
		const pageNumber = Number(ctx.params[1]);
		if (pageNumber < 1 || perPage < 1) return ASSUMED.badPaging();
		const { search = '', error } = this.searchHeaders(ctx);
		if (error) return error;
		const found = (this.scenario.templates ?? []).filter((t) => t.template_name.toLowerCase().includes(search.toLowerCase()));
		const { items, headers } = this.pageOf(found, pageNumber, perPage);
		const answer = items.map((t) => ({
			template_id: t.template_id,
			template_name: t.template_name,
			template_public: t.template_public ?? false,
			read_only: t.read_only ?? false,
			description: t.description ?? '',
			documents: t.documents ?? [],
		}));
		return json(200, answer, headers);
	},
};

module.exports = { listMethods, LIST_ORDERS, decodeSearchHeader };
