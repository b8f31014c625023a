// Summarises a V8 CPU profile (.cpuprofile, from `node --cpu-prof`) of n8n running one node:
// the samples from the node's first frame for as long as the node ran, sorted into the
// node's own code, n8n's request path, the rest of n8n, the runtime, and the wait (idle).
// The node's window starts at the first sample inside its entry function (`entry`: the file
// holding it and its name), so that loading modules at start-up does not count.
//   node test/bench/profile.js <file.cpuprofile> <marker> <entryFunction> <windowMs> <items> [details]
const { readFileSync } = require('node:fs');

/** Where a frame's code comes from: a package under node_modules, node's own, or the runtime. */
function moduleOf(url, functionName) {
	if (!url) return functionName.startsWith('(') ? functionName : '(native)';
	const match = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)(?!.*node_modules)/);
	if (match) return match[1];
	if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/').slice(0, 2).join('/');
	return url;
}

// Sending a request and reading its answer: n8n's helpers, axios and Node's HTTP stack.
const REQUEST_PATH = /^(axios|@n8n\/backend-network|follow-redirects|form-data|proxy-from-env|http-proxy-agent|https-proxy-agent|agent-base|node:_http|node:http|node:https|node:net|node:tls|node:dns|node:stream|node:streams|node:url|node:zlib|node:dns\/.*|node:abort_controller|node:timers)/;
const REQUEST_HELPERS = /request-helpers|node-execution-context\/utils\/(request|http)/;

/** Whether a sample's stack holds the node's entry function. */
function inEntry(byId, parent, id, marker, entry) {
	for (let at = id; at !== undefined; at = parent.get(at)) {
		const { url, functionName } = byId.get(at).callFrame;
		if (url.includes(marker) && functionName === entry) return true;
	}
	return false;
}

function summariseProfile(profile, { marker, entry, windowMs, items }) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const category = new Map();
	const inNode = new Map();
	const classify = (id) => {
		if (category.has(id)) return category.get(id);
		const leaf = byId.get(id).callFrame;
		let result;
		let withinNode = false;
		for (let at = id; at !== undefined; at = parent.get(at)) if (byId.get(at).callFrame.url.includes(marker)) withinNode = true;
		if (leaf.functionName === '(idle)') result = 'wait (idle)';
		else if (leaf.functionName === '(garbage collector)' || leaf.functionName === '(program)') result = 'runtime (GC, compiler)';
		else {
			for (let at = id; at !== undefined && !result; at = parent.get(at)) {
				const { url, functionName } = byId.get(at).callFrame;
				const module = moduleOf(url, functionName);
				if (url.includes(marker)) result = "the node's own code";
				else if (REQUEST_PATH.test(module) || REQUEST_HELPERS.test(url)) result = "n8n's request path (helpers, axios, Node's HTTP)";
				else if (url && !url.startsWith('node:')) result = 'the rest of n8n (engine, expressions, parameters)';
			}
			result ??= 'the rest of n8n (engine, expressions, parameters)';
		}
		category.set(id, result);
		inNode.set(id, withinNode);
		return result;
	};

	let time = profile.startTime;
	const stamps = profile.samples.map((_, index) => (time += profile.timeDeltas[index]));
	const first = profile.samples.findIndex((id) => inEntry(byId, parent, id, marker, entry));
	if (first < 0) return `(no sample of ${marker} in the profile)`;
	const from = stamps[first];
	const to = from + windowMs * 1000;
	const totals = new Map();
	const modules = new Map();
	let sampled = 0;
	for (let index = first; index < stamps.length && stamps[index] <= to; index++) {
		const next = index + 1 < stamps.length ? Math.min(stamps[index + 1], to) : to;
		const micros = Math.max(0, next - stamps[index]);
		const id = profile.samples[index];
		const name = classify(id);
		totals.set(name, (totals.get(name) ?? 0) + micros);
		const leaf = byId.get(id).callFrame;
		const module = moduleOf(leaf.url, leaf.functionName);
		modules.set(module, (modules.get(module) ?? 0) + micros);
		sampled += micros;
	}
	const lines = [`| where | ms in the node's ${windowMs} ms | per item |`, '| --- | --- | --- |'];
	const order = ["the node's own code", "n8n's request path (helpers, axios, Node's HTTP)", 'the rest of n8n (engine, expressions, parameters)', 'runtime (GC, compiler)', 'wait (idle)'];
	for (const name of order) {
		const micros = totals.get(name) ?? 0;
		lines.push(`| ${name} | ${(micros / 1000).toFixed(0)} ms | ${(micros / 1000 / items).toFixed(3)} ms |`);
	}
	lines.push(`| total sampled | ${(sampled / 1000).toFixed(0)} ms | ${(sampled / 1000 / items).toFixed(3)} ms |`);
	const top = [...modules.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
	lines.push('', `Self time by module: ${top.map(([module, micros]) => `${module} ${(micros / 1000).toFixed(0)} ms`).join(', ')}`);
	return lines.join('\n');
}

/** The functions with the most self time in the window, for finding what to change. */
function topFunctions(profile, { marker, entry, windowMs }, count = 25) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	let time = profile.startTime;
	const stamps = profile.samples.map((_, index) => (time += profile.timeDeltas[index]));
	const first = profile.samples.findIndex((id) => inEntry(byId, parent, id, marker, entry));
	const to = stamps[first] + windowMs * 1000;
	const self = new Map();
	const inclusive = new Map();
	for (let index = first; index < stamps.length && stamps[index] <= to; index++) {
		const micros = (index + 1 < stamps.length ? stamps[index + 1] : to) - stamps[index];
		const id = profile.samples[index];
		const frame = byId.get(id).callFrame;
		const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber}`;
		self.set(key, (self.get(key) ?? 0) + micros);
		const seen = new Set();
		for (let at = id; at !== undefined; at = parent.get(at)) {
			const f = byId.get(at).callFrame;
			const k = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`;
			if (seen.has(k)) continue;
			seen.add(k);
			inclusive.set(k, (inclusive.get(k) ?? 0) + micros);
		}
	}
	const show = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, v]) => `${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`).join('\n');
	return `Self:\n${show(self)}\n\nInclusive:\n${show(inclusive)}`;
}

module.exports = { summariseProfile, topFunctions };

if (require.main === module) {
	const [file, marker, entry, windowMs, items, details] = process.argv.slice(2);
	const profile = JSON.parse(readFileSync(file, 'utf8'));
	const options = { marker, entry, windowMs: Number(windowMs), items: Number(items) };
	console.log(summariseProfile(profile, options));
	if (details) console.log(`\n${topFunctions(profile, options)}`);
}
