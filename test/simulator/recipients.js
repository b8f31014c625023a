// Recipients that are not one known person, and the order of recipients: groups (any member
// acts for all) and placeholders (a person named later, e.g. by Update Workflow User after a
// template is applied), and Update Workflow Users Order. Paths, bodies and refusals from the v3
// guide (1049 Add Groups, 1051 Add Placeholder) and the v4 schema (WorflowGroupRequest,
// PlaceholderRequest, WorkflowUserReorderRequest); mixed into SigningHubSimulator's prototype like
// packages.js. Refusals in RECIPIENT_DOCUMENTED (the vendor's words, with the page) and
// RECIPIENT_ASSUMED (README.md lists them).
const { json, message, empty, ASSUMED } = require('./answers');
const { BACKOFFICE_DOCUMENTED } = require('./backoffice');

const ROLES = ['SIGNER', 'REVIEWER', 'EDITOR', 'CARBON_COPY', 'INPERSON_HOST'];

const RECIPIENT_DOCUMENTED = {
	/** 1049 Add Groups to Workflow: a group the user does not have. */
	groupNotFound: () => message(404, 'Group or contact not found'),
	/** 1049 lists it for groups; assumed for placeholders too (as for Add Users). */
	noLongerDraft: () => message(403, 'Document is no longer in draft state'),
	/** 1049, 1051. */
	lockedWorkflow: BACKOFFICE_DOCUMENTED.lockedWorkflow,
};

const RECIPIENT_ASSUMED = {
	nameRequired: (key) => message(400, `${key} is required`),
	badRole: (role) => message(400, `Invalid role: ${role}`),
	badSigningOrder: () => message(400, 'signing_order must be a positive integer'),
	badOrder: (count) => message(400, `order must be between 1 and ${count}`),
	/** Share while a placeholder is left: the web manual says placeholders are replaced "before sharing". */
	placeholderLeft: (name) => message(403, `Replace the placeholder "${name}" with a recipient before sharing the document`),
};

/** Groups a scenario has by default (scenario key `groups`): each `{group_name, members[{user_email, user_name}]}`. */
const DEFAULT_GROUPS = [
	{ group_name: 'Legal team', members: [{ user_email: 'legal@example.com', user_name: 'Lee Legal' }, { user_email: 'counsel@example.com', user_name: 'Cory Counsel' }] },
];

/**
 * A template with two roles to fill (the web manual's placeholders, "replaced with the actual
 * signers/ reviewers before sharing") and a fixed recipient, for tests: add it to `templates`.
 */
const ROLE_TEMPLATE = {
	template_id: 9,
	template_name: 'Two-party agreement',
	template_public: false,
	read_only: false,
	description: 'The customer signs, then the account manager; the archive gets a copy',
	documents: [],
	recipients: [
		{ placeholder: 'Customer', role: 'SIGNER', email_notification: true, delivery_method: 'EMAIL' },
		{ placeholder: 'Account manager', role: 'SIGNER', email_notification: true, delivery_method: 'EMAIL' },
		{ user_email: 'archive@example.com', user_name: 'Archive', role: 'CARBON_COPY', email_notification: true, delivery_method: 'EMAIL' },
	],
};

const same = (a, b) => String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();

const recipientMethods = {
	/** Adds groups or placeholders (one array, as 1049 and 1051 show): every entry checked before any is added. */
	addNamed(ctx, key, toRecipient) {
		const pkg = this.owned(ctx);
		if ('body' in pkg) return pkg;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		if (!Array.isArray(input) || input.length === 0) return ASSUMED.badRequest();
		const recipients = [];
		for (const entry of input) {
			if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return ASSUMED.badRequest();
			if (typeof entry[key] !== 'string' || entry[key].trim() === '') return RECIPIENT_ASSUMED.nameRequired(key);
			if (entry.role === undefined) return RECIPIENT_ASSUMED.nameRequired('role'); // required in the v4 schema
			if (!ROLES.includes(entry.role)) return RECIPIENT_ASSUMED.badRole(entry.role);
			if (entry.signing_order !== undefined && !(Number.isInteger(entry.signing_order) && entry.signing_order > 0)) return RECIPIENT_ASSUMED.badSigningOrder();
			const recipient = toRecipient(entry);
			if ('body' in recipient) return recipient;
			recipients.push(recipient);
		}
		if (pkg.lockedWorkflow) return RECIPIENT_DOCUMENTED.lockedWorkflow();
		if (pkg.status !== 'DRAFT') return RECIPIENT_DOCUMENTED.noLongerDraft();
		const added = recipients.map((r) => this.addRecipient(pkg, r));
		this.touch(pkg, 'USERS_ADDED', ctx.user.email, { type: 'RECIPIENTS', value: added.map((r) => r.group_name ?? r.placeholder).join(', ') });
		// v4 answers CollaboratorGroupResponse / CollaboratorPlaceholderResponse items; v3 pages show no body.
		return ctx.v === 'v4' ? json(200, added.map((r) => ({ signing_order: r.signing_order }))) : empty();
	},

	/** Add Groups to Workflow (1049): a group of the scenario's `groups`, by name. */
	addGroups(ctx) {
		return this.addNamed(ctx, 'group_name', (entry) => {
			const group = (this.scenario.groups ?? DEFAULT_GROUPS).find((g) => same(g.group_name, entry.group_name.trim()));
			if (!group) return RECIPIENT_DOCUMENTED.groupNotFound();
			return { ...entry, group_name: group.group_name, group_members: group.members.map((m) => ({ ...m })) };
		});
	},

	/** Add Placeholder to Workflow (1051). */
	addPlaceholders(ctx) {
		return this.addNamed(ctx, 'placeholder', (entry) => ({ ...entry, placeholder: entry.placeholder.trim() }));
	},

	/**
	 * Update Workflow Users Order (v4 schema): the recipient at the path's order moves to the body's
	 * `order`, the others make room. Where every signing order equalled the order (a plain serial
	 * workflow), the signing orders follow (assumed).
	 */
	reorder(ctx) {
		const { pkg, recipient, answer } = this.recipientAt(ctx);
		if (answer) return answer;
		const { value: input, error } = this.readJson(ctx);
		if (error) return error;
		const count = pkg.recipients.length;
		if (!input || typeof input !== 'object' || !Number.isInteger(input.order) || input.order < 1 || input.order > count) return RECIPIENT_ASSUMED.badOrder(count);
		const locked = this.recipientLocked(pkg);
		if (locked) return locked;
		const serial = pkg.recipients.every((r) => r.signing_order === r.order);
		pkg.recipients = pkg.recipients.filter((r) => r !== recipient);
		pkg.recipients.splice(input.order - 1, 0, recipient);
		pkg.recipients.forEach((r, index) => {
			r.order = index + 1;
			if (serial) r.signing_order = r.order;
		});
		this.touch(pkg, 'RECIPIENTS_REORDERED', ctx.user.email, { type: 'RECIPIENTS', value: pkg.recipients.map((r) => r.user_email ?? r.group_name ?? r.placeholder).join(', ') });
		return empty();
	},
};

const RECIPIENT_ROUTES = [
	['POST', /^\/(v3|v4)\/packages\/([^/]+)\/workflow\/groups$/, 'addGroups'],
	['POST', /^\/(v3|v4)\/packages\/([^/]+)\/workflow\/placeholder$/, 'addPlaceholders'],
	['PUT', /^\/(v3|v4)\/packages\/([^/]+)\/workflow\/(\d+)\/reorder$/, 'reorder'],
];

module.exports = { recipientMethods, RECIPIENT_ROUTES, RECIPIENT_DOCUMENTED, RECIPIENT_ASSUMED, DEFAULT_GROUPS, ROLE_TEMPLATE };
