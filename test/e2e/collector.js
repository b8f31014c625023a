// Receives what a workflow's HTTP Request node posts (a trigger's events), with the time each came.
const { createServer } = require('node:http');

class Collector {
	constructor() {
		this.events = [];
		/** `Date.now()` when each event came, by index in `events`. */
		this.receivedAt = [];
		this.server = createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				this.events.push(JSON.parse(body));
				this.receivedAt.push(Date.now());
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{}');
			});
		});
	}

	async start() {
		await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${this.server.address().port}/events`;
	}

	async stop() {
		await new Promise((resolve) => this.server.close(resolve));
	}
}

/** An HTTP Request node posting each item it gets to `url` (a Collector). */
function collectNode(url, position = [250, 0]) {
	return {
		id: 'post',
		name: 'Collect',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: { method: 'POST', url, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} },
	};
}

module.exports = { Collector, collectNode };
