// A SigningHub API simulator for tests: plain Node, no dependencies, loopback only.
// It follows ../../../shared/reference/signinghub-api.md; where the reference is silent it
// makes the assumptions listed in README.md beside this file.
const { createHash, randomBytes } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');
const { createServer: createTlsServer } = require('node:https');
const { join } = require('node:path');
const { packageMethods, PACKAGE_ROUTES, DEFAULT_TEMPLATES } = require('./packages');
const { listMethods, LIST_ORDERS } = require('./lists');
const { backofficeMethods, BACKOFFICE_ROUTES } = require('./backoffice');
const { fieldMethods, FIELD_ROUTES } = require('./fields');
const { actionMethods, ACTION_ROUTES } = require('./actions');
const { recipientMethods, RECIPIENT_ROUTES } = require('./recipients');
const { DATE_STYLES } = require('./dates');
const { json, message, ASSUMED, DOCUMENTED } = require('./answers');
const { Callbacks } = require('./callbacks');

/** The self-signed certificate of HTTPS mode, standing for an internal certificate authority. */
const TEST_TLS = { key: join(__dirname, 'tls/key.pem'), cert: join(__dirname, 'tls/cert.pem') };

const DEFAULT_SCENARIO = {
	clients: [{ id: 'n8n-integration', secret: 'sim-client-secret-4f9a' }],
	users: [
		{ email: 'owner@example.com', password: 'owner-pass-7c1e', enterprise: 'acme' },
		{ email: 'colleague@example.com', password: 'colleague-pass-2b8d', enterprise: 'acme' },
		{ email: 'admin@example.com', password: 'admin-pass-9e3f', enterprise: 'acme', admin: true, integration: true },
		{ email: 'plain-admin@example.com', password: 'plain-admin-pass-5a6b', enterprise: 'acme', admin: true },
		{ email: 'disabled@example.com', password: 'disabled-pass-8d2c', enterprise: 'acme', disabled: true },
		{ email: 'otp@example.com', password: 'otp-pass-1f4e', enterprise: 'acme', twoFactor: true },
		{ email: 'outsider@globex.example', password: 'outsider-pass-3c7a', enterprise: 'globex' },
	],
	/** Packages with explicit owners and states. */
	packages: [],
	/** Every other ID in this range exists too, owned by `owner` and in progress. */
	packageRange: { from: 1, to: 100_000, owner: 'owner@example.com' },
	/** Workflow templates (Get Templates, Apply Workflow Template); `recipients` are copied on apply. */
	templates: DEFAULT_TEMPLATES,
	/** Add Users to Workflow answers the added users instead of an empty body. */
	addUsersAnswersUsers: false,
	tokenLifetimeSeconds: 86_399,
	/** Added to every API answer (not to /_sim control calls). */
	latencyMs: 0,

	// Options a test may also switch later with setOptions() or POST /_sim/options (README.md).
	/** 'iso-milliseconds' (every date `...T10:10:25.123Z`) or 'signinghub' (the vendor's examples). */
	dateStyle: 'iso-milliseconds',
	/** SigningHub's clock, this many ms ahead of the machine's (negative: behind). */
	clockOffsetMs: 0,
	/** v3 shows `process_status` PROCESSED for a recipient who acted (v3 example, page 1053). */
	v3ProcessedStatus: false,
	/** Get Packages' order without v4 `sort-by`: a key of LIST_ORDERS. */
	listOrder: 'newest-modified-first',
	/** `{ afterPage, packageId }`: deletes that package right after page `afterPage` of a Get Packages call (once). */
	deleteBetweenPages: null,
	/** List calls answer page 1 whatever page was asked for. */
	ignorePageNumber: false,
	/** List calls answer without `x-total-records`. */
	omitTotalRecords: false,
	/** 'attachment' (a proper header), 'omit' (none) or 'hostile' (`hostileFileName`, default HOSTILE_FILE_NAME). */
	downloadContentDisposition: 'attachment',
	hostileFileName: undefined,
	/** Downloads answer a streamed PDF-like body of this many bytes instead of the file (0: off). */
	hugeDownloadBytes: 0,
	/** Downloads cut the connection after this many body bytes (null: off). */
	dropDownloadAfterBytes: null,
	/** Downloads go silent after this many body bytes, the connection held open (null: off): a stalled link. */
	stallDownloadAfterBytes: null,
	/** A slow link: downloads send 64 KiB, then wait this many milliseconds, and so on; request bodies are read likewise (0: off). */
	linkPaceMs: 0,
	/** Request bodies above this many bytes are hashed as they arrive and only their head kept (null: keep all). */
	keepBodiesUpTo: null,
	/** `[{ method?, path }]` (`path` a regular expression): calls this SigningHub answers as unknown routes, as an older version would. */
	unknownRoutes: [],
	/** Bulk share and sign: how many of a transaction's packages each status call carries out. */
	bulkStep: 8,
};

/** The scenario keys setOptions() accepts, and what each value must be. */
const OPTION_CHECKS = {
	dateStyle: (v) => DATE_STYLES.includes(v),
	clockOffsetMs: Number.isFinite,
	v3ProcessedStatus: (v) => typeof v === 'boolean',
	listOrder: (v) => Object.hasOwn(LIST_ORDERS, v),
	deleteBetweenPages: (v) => v === null || (Number.isInteger(v?.afterPage) && Number.isInteger(Number(v?.packageId))),
	ignorePageNumber: (v) => typeof v === 'boolean',
	omitTotalRecords: (v) => typeof v === 'boolean',
	downloadContentDisposition: (v) => ['attachment', 'omit', 'hostile'].includes(v),
	hostileFileName: (v) => v === undefined || typeof v === 'string',
	hugeDownloadBytes: (v) => Number.isInteger(v) && v >= 0,
	dropDownloadAfterBytes: (v) => v === null || (Number.isInteger(v) && v >= 0),
	stallDownloadAfterBytes: (v) => v === null || (Number.isInteger(v) && v >= 0),
	linkPaceMs: (v) => Number.isInteger(v) && v >= 0,
	keepBodiesUpTo: (v) => v === null || (Number.isInteger(v) && v >= 0),
	addUsersAnswersUsers: (v) => typeof v === 'boolean',
	latencyMs: (v) => Number.isFinite(v) && v >= 0,
	unknownRoutes: (v) => Array.isArray(v) && v.every((route) => typeof route?.path === 'string' && isPattern(route.path) && (route.method === undefined || typeof route.method === 'string')),
	bulkStep: (v) => Number.isInteger(v) && v >= 1,
};

function isPattern(source) {
	try {
		return Boolean(new RegExp(source));
	} catch {
		return false;
	}
}

/** Throws on an unknown option or a value it cannot take. */
function checkOptions(options) {
	for (const [key, value] of Object.entries(options)) {
		if (!OPTION_CHECKS[key]) throw new Error(`unknown simulator option ${key}`);
		if (!OPTION_CHECKS[key](value)) throw new Error(`simulator option ${key} cannot be ${JSON.stringify(value)}`);
	}
}

const oauthError = (status, error, description, headers) => json(status, { error, error_description: description }, headers);
/** Request headers the log keeps (never a secret): what SigningHub was asked to search for, and upload metadata. */
const LOGGED_HEADERS = ['x-search-text', 'x-folder', 'x-file-name', 'x-convert-document', 'x-source'];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const newToken = (prefix) => `${prefix}.${randomBytes(24).toString('base64url')}`;

class SigningHubSimulator {
	/** `{ https: true }` serves HTTPS with the self-signed test certificate. */
	constructor(scenario = {}, { https = false } = {}) {
		this.reset(scenario);
		// A client that goes away mid-request (a deadline on a slow upload) ends the exchange; any
		// other failure is the simulator's own, answered as a 500 a test will see.
		const handler = (req, res) =>
			this.handle(req, res).catch((error) => {
				if (req.destroyed || error?.code === 'ECONNRESET') return res.destroy();
				if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
				res.end(`simulator error: ${error?.stack ?? error}`);
			});
		this.protocol = https ? 'https' : 'http';
		this.server = https
			? createTlsServer({ key: readFileSync(TEST_TLS.key), cert: readFileSync(TEST_TLS.cert) }, handler)
			: createServer(handler);
		this.sockets = new Set();
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	reset(scenario = {}) {
		checkOptions(Object.fromEntries(Object.entries(scenario).filter(([key]) => OPTION_CHECKS[key])));
		this.scenario = { ...DEFAULT_SCENARIO, ...scenario };
		this.users = new Map(this.scenario.users.map((user) => [user.email.toLowerCase(), { ...user }]));
		this.lastStamp = 0;
		this.nextLogId = 0;
		this.nextDocumentId = 300_000;
		this.packages = new Map(this.scenario.packages.map((p) => [Number(p.id), this.newPackage(p)]));
		/** IDs of deleted packages: they stay gone, even inside `packageRange`. */
		this.deleted = new Set();
		/** IDs of packages created through the API: above the range and every scenario package. */
		this.nextPackageId = Math.max(200_000, this.scenario.packageRange?.to ?? 0, ...this.packages.keys()) + 1;
		this.accessTokens = new Map();
		this.refreshTokens = new Map();
		/** Bulk share and sign transactions, by ID. */
		this.bulkTransactions = new Map();
		/** Every token ever issued, so tests can prove none leaked. */
		this.issued = [];
		this.faults = [];
		this.log = [];
		this.seq = 0;
		/** Calls to a URL on every change, as SigningHub might make them (`scenario.callbacks`, callbacks.js). */
		this.callbacks = new Callbacks(this.scenario.callbacks ?? null);
	}

	async start(port = 0) {
		await new Promise((resolve) => this.server.listen(port, '127.0.0.1', resolve));
		this.url = `${this.protocol}://127.0.0.1:${this.server.address().port}`;
		return this.url;
	}

	async stop() {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => this.server.close(resolve));
	}

	/** Switches options (keys of OPTION_CHECKS) without touching packages, tokens or the log. */
	setOptions(options = {}) {
		checkOptions(options);
		this.scenario = { ...this.scenario, ...options };
	}

	/** Rules checked in order before (or, with `after: true`, after) a request is handled. */
	addFaults(...rules) {
		for (const rule of rules) this.faults.push({ times: Infinity, skip: 0, ...rule, used: 0, seen: 0, pattern: new RegExp(rule.path ?? '.*') });
	}

	/** Expires every access token (or only those of one client); the refresh tokens stay valid. */
	expireTokens({ refreshTokensToo = false, clientId } = {}) {
		for (const token of this.accessTokens.values()) if (!clientId || token.clientId === clientId) token.expiresAt = 0;
		if (refreshTokensToo) this.refreshTokens.clear();
	}

	packageOf(id) {
		id = Number(id);
		if (this.packages.has(id)) return this.ensureFull(this.packages.get(id));
		const range = this.scenario.packageRange;
		if (range && id >= range.from && id <= range.to && !this.deleted.has(id)) {
			const created = this.newPackage({ id, owner: range.owner, status: 'IN_PROGRESS' });
			this.packages.set(id, created);
			return created;
		}
		return undefined;
	}

	async handle(req, res) {
		// The body as bytes; JSON and form calls read it as text. Above `keepBodiesUpTo` (a huge
		// upload) only its head is kept, with its size and SHA-256, so memory stays flat.
		const began = Date.now();
		const { body, size, sha256 } = await receiveBody(req, this.scenario.keepBodiesUpTo ?? Infinity, this.scenario.linkPaceMs);
		const url = new URL(req.url, 'http://simulator');
		if (url.pathname.startsWith('/_sim/')) return this.control(req, res, url, body.toString('utf8'));

		const entry = { seq: ++this.seq, at: Date.now(), method: req.method, path: url.pathname, bodyBytes: size };
		if (size > body.length) entry.bodySha256 = sha256;
		if (url.search) entry.query = url.search;
		const logged = Object.fromEntries(LOGGED_HEADERS.filter((name) => req.headers[name] !== undefined).map((name) => [name, req.headers[name]]));
		if (Object.keys(logged).length) entry.headers = logged;
		if (url.pathname === '/authenticate') entry.clientId = new URLSearchParams(body.toString('utf8')).get('client_id') ?? undefined;
		else entry.clientId = this.accessTokens.get(String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''))?.clientId;
		this.log.push(entry);
		// From the request's first byte to the answer's last (or the connection's end).
		res.once('close', () => (entry.durationMs = Date.now() - began));
		if (this.scenario.latencyMs) await sleep(this.scenario.latencyMs);

		// An expireTokens rule expires every access token, before or after the request is handled.
		const fault = this.takeFault(req.method, url.pathname, false, entry);
		if (fault?.kind === 'expireTokens') this.expireTokens(fault);
		else if (fault) return this.answerFault(res, entry, fault);

		const answer = this.route(req, url, body, entry);
		const after = this.takeFault(req.method, url.pathname, true, entry);
		if (after?.kind === 'expireTokens') this.expireTokens(after);
		else if (after) return this.answerFault(res, entry, after);
		entry.status = answer.status;
		res.writeHead(answer.status, answer.headers);
		if (!answer.stream) return res.end(answer.body);
		entry.bytesSent = await answer.stream(res);
		if (res.socket?.destroyed && !res.writableFinished) entry.status = 'dropped';
	}

	takeFault(method, path, after, entry) {
		const rule = this.faults.find((candidate) => {
			const matches =
				Boolean(candidate.after) === after &&
				candidate.used < candidate.times &&
				(!candidate.method || candidate.method === method) &&
				(!candidate.fromClient || candidate.fromClient === entry.clientId) &&
				candidate.pattern.test(path);
			// `skip` lets the first matching requests through untouched.
			return matches && ++candidate.seen > candidate.skip;
		});
		if (rule) rule.used++;
		return rule;
	}

	async answerFault(res, entry, fault) {
		entry.fault = fault.name ?? fault.kind;
		if (fault.delayMs) await sleep(fault.delayMs);

		if (fault.kind === 'drop') {
			entry.status = 'dropped';
			res.socket.destroy();
			return;
		}
		if (fault.kind === 'trickle') {
			// Headers at once, then one byte a `everyMs`, for ever: an idle timeout never fires.
			entry.status = 200;
			res.writeHead(200, { 'content-type': 'application/json' });
			const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), fault.everyMs ?? 100);
			res.on('close', () => clearInterval(timer));
			return;
		}
		entry.status = fault.status;
		const headers = { ...(fault.headers ?? {}) };
		let text;
		if (fault.kind === 'html') {
			headers['content-type'] = 'text/html';
			text = `<html><head><title>${fault.status} Bad Gateway</title></head><body><h1>${fault.status}</h1><p>nginx</p></body></html>`;
		} else if (fault.kind === 'invalidJson') {
			headers['content-type'] = 'application/json';
			text = '{"Message": "truncated';
		} else {
			headers['content-type'] = 'application/json; charset=utf-8';
			text = fault.body === undefined ? '' : JSON.stringify(fault.body);
		}
		res.writeHead(fault.status, headers);
		res.end(text);
	}

	route(req, url, body, entry) {
		if (req.method === 'POST' && url.pathname === '/authenticate') return this.authenticate(req, body.toString('utf8'), entry);
		// The web app, not the API: what a user gets who pastes the wrong address.
		if (url.pathname.startsWith('/web/')) {
			return { status: 200, body: '<!doctype html><html><body>SigningHub web app</body></html>', headers: { 'content-type': 'text/html' } };
		}
		if (this.isUnknownRoute(req.method, url.pathname)) return ASSUMED.noSuchRoute();
		const about = url.pathname.match(/^\/(v3|v4)\/about$/);
		if (about && req.method === 'GET') return json(200, { installation_name: 'SigningHub Simulator', version: '10.0.0', build: 'sim' });

		const routes = [
			['POST', /^\/(v3|v4)\/packages\/([^/]+)\/complete$/, 'completeRoute'],
			['POST', /^\/(v4)\/enterprise\/packages\/([^/]+)\/complete$/, 'enterpriseCompleteRoute'],
			...PACKAGE_ROUTES,
			...BACKOFFICE_ROUTES,
			...FIELD_ROUTES,
			...ACTION_ROUTES,
			...RECIPIENT_ROUTES,
		];
		for (const [method, pattern, name] of routes) {
			const match = url.pathname.match(pattern);
			if (!match || method !== req.method) continue;
			const user = this.authorize(req, entry);
			if (user.status) return user;
			return this[name]({ user, v: match[1], params: match.slice(2), req, url, body, entry });
		}
		return ASSUMED.noSuchRoute();
	}

	/** Whether the option `unknownRoutes` makes this call one this SigningHub does not know. */
	isUnknownRoute(method, path) {
		return this.scenario.unknownRoutes.some((route) => (!route.method || route.method === method) && new RegExp(route.path).test(path));
	}

	authorize(req, entry) {
		const header = req.headers.authorization ?? '';
		const token = this.accessTokens.get(header.replace(/^Bearer\s+/i, ''));
		if (!token) return message(401, 'Request authorization denied');
		entry.actingUser = token.user;
		entry.tokenId = token.id;
		entry.clientId = token.clientId;
		if (token.expiresAt <= Date.now()) return message(401, 'User authentication required');
		const user = this.users.get(token.user);
		if (!user || user.disabled) return message(403, 'Account is disabled');
		return user;
	}

	/** The package `rawId` when `user` owns it; else the error answer (`notOwner()` for another owner's). */
	ownedPackage(user, rawId, notOwner = DOCUMENTED.notOwner) {
		if (!/^\d+$/.test(rawId)) return DOCUMENTED.documentNotFound();
		const pkg = this.packageOf(rawId);
		if (!pkg) return DOCUMENTED.documentNotFound();
		if (pkg.owner.toLowerCase() !== user.email.toLowerCase()) return notOwner();
		return pkg;
	}

	complete(user, rawId) {
		const pkg = this.ownedPackage(user, rawId, DOCUMENTED.notAuthorizedToView);
		if ('body' in pkg) return pkg;
		if (pkg.status === 'COMPLETED') return message(400, 'Document workflow is already completed');
		if (pkg.status === 'DRAFT') return message(400, 'Document is still in draft state');
		if (pkg.status === 'DECLINED') return message(400, 'Document is declined');
		pkg.status = 'COMPLETED';
		pkg.completedBy = user.email;
		this.touch(pkg, 'COMPLETED', user.email);
		return { status: 200, body: '', headers: {} };
	}

	completeRoute(ctx) {
		return this.complete(ctx.user, ctx.params[0]);
	}

	enterpriseCompleteRoute(ctx) {
		return this.enterpriseComplete(ctx.user, ctx.params[0]);
	}

	/** Enterprise Management's variant: for enterprise admins acting as themselves only. */
	enterpriseComplete(user, rawId) {
		if (!user.admin) return message(403, 'You are not authorized to access enterprise management');
		const pkg = this.packageOf(rawId);
		if (!pkg || this.users.get(pkg.owner.toLowerCase())?.enterprise !== user.enterprise) return DOCUMENTED.documentNotFound();
		return this.complete(this.users.get(pkg.owner.toLowerCase()), rawId);
	}

	authenticate(req, body, entry) {
		const form = Object.fromEntries(new URLSearchParams(body));
		entry.clientId = form.client_id;
		entry.grantType = form.grant_type;
		entry.username = form.username;
		entry.scope = form.scope;
		if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
			return oauthError(400, 'invalid_request', 'Content type must be application/x-www-form-urlencoded');
		}
		const client = this.scenario.clients.find((c) => c.id === form.client_id);
		if (!client || client.secret !== form.client_secret) return oauthError(400, 'invalid_client', 'Invalid client credentials');

		let actingAs;
		/** A token got with `scope` acts for another user (Sign Document refuses it). */
		let scoped = false;
		if (form.grant_type === 'password') {
			const user = this.users.get(String(form.username ?? '').toLowerCase());
			if (!user || user.password !== form.password) return oauthError(400, 'invalid_grant', 'Invalid username or password');
			if (user.disabled) return oauthError(403, 'account_disabled', 'Account is disabled');
			if (user.twoFactor) {
				const otpToken = newToken('otp');
				this.issued.push(otpToken);
				return oauthError(403, 'otp_required', 'Two factor authentication is required', {
					'x-otp': otpToken,
					'x-mobile-number': '+44*******321',
				});
			}
			actingAs = user.email;
			if (form.scope) {
				if (!user.admin || !user.integration) return oauthError(400, 'invalid_scope', 'User is not authorized to use scope');
				const target = this.users.get(String(form.scope).toLowerCase());
				if (!target || target.enterprise !== user.enterprise) return oauthError(400, 'invalid_scope', 'Scope user not found in the enterprise');
				actingAs = target.email;
				scoped = true;
			}
		} else if (form.grant_type === 'refresh_token') {
			const stored = this.refreshTokens.get(form.refresh_token);
			if (!stored || stored.clientId !== client.id) return oauthError(400, 'invalid_grant', 'Invalid refresh token');
			this.refreshTokens.delete(form.refresh_token);
			actingAs = stored.user;
			scoped = stored.scoped;
		} else if (form.grant_type === 'client_credentials') {
			// Whom such a token acts as is undocumented (README.md, "Client credentials"): here the
			// enterprise user who registered the integration, `registeredBy` of the client entry.
			const owner = this.users.get(String(client.registeredBy ?? '').toLowerCase());
			if (!owner) return oauthError(400, 'unauthorized_client', 'The client is not authorized to use this grant type');
			if (owner.disabled) return oauthError(403, 'account_disabled', 'Account is disabled');
			actingAs = owner.email;
		} else {
			return oauthError(400, 'unsupported_grant_type', 'Grant type is not supported');
		}

		const accessToken = newToken('sim-at');
		const id = `t${this.accessTokens.size + 1}`;
		const lifetime = client.tokenLifetimeSeconds ?? this.scenario.tokenLifetimeSeconds;
		this.accessTokens.set(accessToken, { id, user: actingAs, scoped, clientId: client.id, expiresAt: Date.now() + lifetime * 1000 });
		this.issued.push(accessToken);
		entry.issuedTokenId = id;
		const answer = { access_token: accessToken, token_type: 'bearer', expires_in: lifetime };
		// A client-credentials answer has no refresh token (the reference: it "may lack" one).
		if (form.grant_type !== 'client_credentials') {
			answer.refresh_token = newToken('sim-rt');
			this.refreshTokens.set(answer.refresh_token, { user: actingAs, scoped, clientId: client.id });
			this.issued.push(answer.refresh_token);
		}
		return json(200, answer);
	}

	/** Control API for scripts that run the simulator in another process. */
	control(req, res, url, body) {
		const reply = (status, value) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(value ?? {}));
		};
		let input;
		try {
			input = body ? JSON.parse(body) : {};
		} catch {
			return reply(400, { error: 'the control body is not JSON' });
		}
		if (url.pathname.startsWith('/_sim/callbacks')) return this.callbacks.control(req, url, input, reply);
		const act = url.pathname.match(/^\/_sim\/packages\/(\d+)\/(sign|decline)$/);
		if (act && req.method === 'POST') {
			try {
				const recipient = act[2] === 'sign' ? this.sign(act[1], input.email) : this.decline(act[1], input.email, input.reason ?? '');
				return reply(200, { recipient, package: this.viewOf(this.packageOf(act[1])) });
			} catch (error) {
				return reply(400, { error: error.message });
			}
		}
		const one = url.pathname.match(/^\/_sim\/packages\/(\d+)$/);
		if (one && req.method === 'GET') {
			const pkg = this.packageOf(one[1]);
			return pkg ? reply(200, this.viewOf(pkg)) : reply(404, { error: 'no such package' });
		}
		switch (`${req.method} ${url.pathname}`) {
			case 'GET /_sim/log':
				return reply(200, this.log);
			case 'POST /_sim/reset':
			case 'POST /_sim/options':
				try {
					if (url.pathname === '/_sim/reset') this.reset(input);
					else this.setOptions(input);
				} catch (error) {
					return reply(400, { error: error.message });
				}
				return reply(200, url.pathname === '/_sim/options' ? this.options() : undefined);
			case 'GET /_sim/options':
				return reply(200, this.options());
			case 'POST /_sim/faults':
				this.addFaults(...(Array.isArray(input) ? input : [input]));
				return reply(200);
			case 'POST /_sim/expire-tokens':
				this.expireTokens(input);
				return reply(200);
			case 'POST /_sim/packages':
				for (const p of Array.isArray(input) ? input : [input]) this.addPackages(p);
				return reply(200);
			case 'GET /_sim/packages':
				return reply(200, [...this.packages.values()].map((p) => this.viewOf(p)));
			default:
				return reply(404, { error: 'unknown control call' });
		}
	}

	/** Adds packages as a scenario would (`{id, owner, status, name?, documents?, recipients?}`). */
	addPackages(...specs) {
		for (const spec of specs) {
			const pkg = this.newPackage(spec);
			this.deleted.delete(pkg.id);
			this.packages.set(pkg.id, pkg);
		}
	}

	/** The current value of every option. */
	options() {
		return Object.fromEntries(Object.keys(OPTION_CHECKS).map((key) => [key, this.scenario[key] ?? null]));
	}

	tokenRequests() {
		return this.log.filter((entry) => entry.path === '/authenticate');
	}
}

/** The first bytes of a body kept when the rest is only hashed: enough to tell a PDF and count a page. */
const KEPT_HEAD_BYTES = 64 * 1024;

/**
 * Reads a request body: whole up to `keepUpTo` bytes; above, its head, its size and its SHA-256.
 * With `paceMs`, a slow link: a pause after each 64 KiB read.
 */
async function receiveBody(req, keepUpTo, paceMs = 0) {
	const chunks = [];
	const hash = createHash('sha256');
	let size = 0;
	let kept = 0;
	for await (const chunk of paceMs ? inPieces(req, 64 * 1024) : req) {
		if (paceMs) await sleep(paceMs);
		size += chunk.length;
		hash.update(chunk);
		if (kept < Math.max(keepUpTo, KEPT_HEAD_BYTES)) {
			chunks.push(chunk);
			kept += chunk.length;
		}
	}
	const whole = Buffer.concat(chunks);
	return { body: size > keepUpTo ? whole.subarray(0, KEPT_HEAD_BYTES) : whole, size, sha256: hash.digest('hex') };
}

/** A stream's bytes in pieces of at most `size` bytes. */
async function* inPieces(stream, size) {
	for await (const chunk of stream) for (let at = 0; at < chunk.length; at += size) yield chunk.subarray(at, at + size);
}

/**
 * Another host on loopback (127.0.0.2) that a redirect points at: it records what reaches it
 * (never the values of secrets: only whether an Authorization header or a body came).
 */
class OtherHost {
	constructor() {
		this.requests = [];
		this.server = createServer((req, res) => {
			let bytes = 0;
			req.on('data', (chunk) => (bytes += chunk.length));
			req.on('end', () => {
				this.requests.push({ method: req.method, path: req.url, authorization: req.headers.authorization !== undefined, bodyBytes: bytes });
				res.writeHead(200, { 'content-type': 'text/html' });
				res.end('<html><body>Sign in</body></html>');
			});
		});
	}

	async start() {
		await new Promise((resolve) => this.server.listen(0, '127.0.0.2', resolve));
		this.url = `http://127.0.0.2:${this.server.address().port}`;
		return this.url;
	}

	async stop() {
		this.server.closeAllConnections?.();
		await new Promise((resolve) => this.server.close(resolve));
	}
}

Object.assign(SigningHubSimulator.prototype, packageMethods, listMethods, backofficeMethods, fieldMethods, actionMethods, recipientMethods);

module.exports = { SigningHubSimulator, OtherHost, DEFAULT_SCENARIO };

if (require.main === module) {
	const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
	const simulator = new SigningHubSimulator({ latencyMs: Number(arg('--latency') ?? 0) });
	simulator.start(Number(arg('--port') ?? 0)).then((url) => console.log(JSON.stringify({ url })));
}
