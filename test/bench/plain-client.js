// The machine's own floor for the benchmark: a bare Node HTTP client, in its own process,
// sending the same complete calls at the same concurrency (one new connection per request,
// as n8n does). No n8n node can beat it; it shows what latency costs on this machine.
//   node plain-client.js <baseUrl> <token> <firstPackageId> <count> <parallel>
const http = require('node:http');

const [baseUrl, token, first, count, parallel] = process.argv.slice(2);
const { hostname, port } = new URL(baseUrl);

function complete(id) {
	return new Promise((resolve, reject) => {
		const request = http.request(
			{ host: hostname, port, path: `/v3/packages/${id}/complete`, method: 'POST', agent: false, headers: { authorization: `Bearer ${token}`, 'content-length': 0 } },
			(response) => {
				response.resume();
				response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
			},
		);
		request.on('error', reject);
		request.end();
	});
}

(async () => {
	let next = Number(first);
	const last = Number(first) + Number(count);
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: Number(parallel) }, async () => {
			while (next < last) await complete(next++);
		}),
	);
	console.log(Math.round(Number(process.hrtime.bigint() - started) / 1e6));
})();
