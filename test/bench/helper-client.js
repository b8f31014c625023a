// What n8n's request path costs without n8n's workflow engine: the same complete calls, with the
// options the SigningHub node sends, through the request function behind n8n's
// `helpers.httpRequest` (OutboundHttp from @n8n/backend-network, loaded from the pinned n8n
// install), from a bare script in its own process, `parallel` at a time (a sliding window, as
// the node runs its items). Prints the milliseconds the N requests took.
//   node helper-client.js <n8nInstallDir> <baseUrl> <token> <firstPackageId> <count> <parallel>
const { createRequire } = require('node:module');
const { join } = require('node:path');

const [installDir, baseUrl, token, first, count, parallel] = process.argv.slice(2);
const n8nRequire = createRequire(join(installDir, 'node_modules/n8n/package.json'));
n8nRequire('reflect-metadata');
const { Container } = n8nRequire('@n8n/di');
const { OutboundHttp } = n8nRequire('@n8n/backend-network');

const requests = Container.get(OutboundHttp).requests();
const cancel = new AbortController().signal;

async function complete(id) {
	const response = await requests.request({
		method: 'POST',
		url: `${baseUrl}/v3/packages/${id}/complete`,
		headers: { Accept: 'application/json', 'Content-Length': '0', Authorization: `Bearer ${token}` },
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: 30_000,
		abortSignal: AbortSignal.any([AbortSignal.timeout(30_000), cancel]),
		skipSslCertificateValidation: false,
	});
	if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`);
}

(async () => {
	// One call first, so that loading modules and the first connection do not count.
	await complete(Number(first));
	let next = Number(first) + 1;
	const last = Number(first) + 1 + Number(count);
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: Math.min(Number(parallel), Number(count)) }, async () => {
			while (next < last) await complete(next++);
		}),
	);
	console.log(Math.round(Number(process.hrtime.bigint() - started) / 1e6));
})().catch((error) => {
	console.error(error.stack || error.message);
	process.exit(1);
});
