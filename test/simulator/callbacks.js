// SigningHub calling a URL when a package changes, the ways it might (README.md, "Callbacks").
// Only the Workflow Completion Report is documented (v3 guide page 1129: an HTTP HEAD probe,
// then, if it succeeded, an XML POST on completion, no authentication); the enterprise
// "Webhooks" URL's method, events and body are not, so its styles here are assumptions.

/** How a call looks, per style. `json` is what one public integration receives. */
const STYLES = ['json', 'form', 'empty', 'query', 'completionReport'];

/** The `action` the public integration reads (none, shared, signed, declined, reviewed, forbidden), from the simulator's history action. */
const ACTIONS = { SHARED: 'shared', SIGNED: 'signed', REVIEWED: 'reviewed', DECLINED: 'declined' };

const escapeXml = (text) => String(text).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);

/** The Completion Report: `DocumentID`, `DocumentName`, `DocumentType` and the actions are the manual's (the package ID in `DocumentID` is assumed); the element names around them are assumed. */
function completionReport(pkg) {
	const logs = pkg.history
		.map((h) => `    <Log><Action>${escapeXml(h.action_type)}</Action><User>${escapeXml(h.user_email ?? '')}</User><DateTime>${escapeXml(h.date_time)}</DateTime></Log>`)
		.join('\n');
	return `<?xml version="1.0" encoding="utf-8"?>\n<WorkflowCompletionReport>\n  <DocumentID>${pkg.id}</DocumentID>\n  <DocumentName>${escapeXml(pkg.name)}</DocumentName>\n  <DocumentType>${pkg.documents.length > 1 ? 'ZIP' : 'PDF'}</DocumentType>\n  <Logs>\n${logs}\n  </Logs>\n</WorkflowCompletionReport>\n`;
}

class Callbacks {
	/** `config`: null (off) or `{ url, style }`; `style` one of STYLES (default json). */
	constructor(config = null) {
		this.configure(config);
		/** Every call made: `{ seq, at, style, method, packageId, action, status }` (status: HTTP status or the network error). */
		this.sent = [];
		this.inFlight = new Set();
	}

	configure(config) {
		if (config !== null && (typeof config?.url !== 'string' || !STYLES.includes(config.style ?? 'json'))) {
			throw new Error(`callbacks need { url, style } with style one of ${STYLES.join(', ')}`);
		}
		this.config = config && { style: 'json', ...config };
	}

	/** Called by the simulator on every change of a package (`action`: its history action). */
	changed(pkg, action) {
		if (!this.config) return;
		const { style } = this.config;
		if (style === 'completionReport') {
			if (action === 'COMPLETED') this.track(this.report(pkg));
			return;
		}
		this.track(this.call(style, pkg.id, ACTIONS[action] ?? 'none'));
	}

	/** `count` calls about one package spread evenly over `withinMs` (SigningHub calling once per recipient action, or retrying). */
	async burst({ count = 100, withinMs = 1000, packageId, action = 'signed', style = this.config?.style ?? 'json' }) {
		const calls = [];
		for (let i = 0; i < count; i++) {
			calls.push(this.track(this.call(style, packageId, action)));
			if (i < count - 1) await new Promise((resolve) => setTimeout(resolve, withinMs / count));
		}
		return await Promise.all(calls);
	}

	/** Resolves once every call made so far has its answer. */
	async settled() {
		while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
	}

	track(promise) {
		this.inFlight.add(promise);
		return promise.finally(() => this.inFlight.delete(promise));
	}

	async send(style, method, packageId, action, { query, headers, body } = {}) {
		const entry = { seq: this.sent.length + 1, at: Date.now(), style, method, packageId, action };
		this.sent.push(entry);
		const url = new URL(this.config.url);
		for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, String(value));
		try {
			const response = await fetch(url, { method, headers, body });
			entry.status = response.status;
			entry.answer = await response.text();
		} catch (error) {
			entry.status = error.cause?.code ?? error.message;
		}
		entry.answeredAt = Date.now();
		return entry;
	}

	async call(style, packageId, action) {
		const payload = { package_id: packageId, action };
		if (style === 'json') return await this.send(style, 'POST', packageId, action, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
		if (style === 'form') return await this.send(style, 'POST', packageId, action, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(payload).toString() });
		if (style === 'query') return await this.send(style, 'GET', packageId, action, { query: payload });
		if (style === 'empty') return await this.send(style, 'POST', packageId, action, { headers: { 'content-length': '0' } });
		throw new Error(`no ${style} call outside a completion`);
	}

	/** The Completion Report: HEAD first; the XML POST only when the probe succeeded (page 1129). */
	async report(pkg) {
		const probe = await this.send('completionReport', 'HEAD', pkg.id, 'completed');
		if (typeof probe.status !== 'number' || probe.status < 200 || probe.status > 299) return probe;
		return await this.send('completionReport', 'POST', pkg.id, 'completed', { headers: { 'content-type': 'text/xml; charset=utf-8' }, body: completionReport(pkg) });
	}

	/** `/_sim/callbacks` control calls; `reply(status, value)` answers. */
	async control(req, url, input, reply) {
		try {
			switch (`${req.method} ${url.pathname}`) {
				case 'POST /_sim/callbacks':
					this.configure(input && Object.keys(input).length ? input : null);
					return reply(200, { config: this.config });
				case 'GET /_sim/callbacks':
					return reply(200, { config: this.config, sent: this.sent });
				case 'POST /_sim/callbacks/burst':
					if (!this.config) throw new Error('switch callbacks on first (POST /_sim/callbacks)');
					return reply(200, await this.burst(input));
				default:
					return reply(404, { error: 'unknown control call' });
			}
		} catch (error) {
			return reply(400, { error: error.message });
		}
	}
}

module.exports = { Callbacks, completionReport, STYLES };
