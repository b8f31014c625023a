// The simulator calling a URL as SigningHub might: each style, the Completion Report's HEAD probe,
// the burst, and the control calls.
import { createServer, type IncomingMessage, type Server } from 'node:http';

const { SigningHubSimulator } = require('./simulator');

interface Received {
	method: string;
	path: string;
	type: string | undefined;
	body: string;
}

describe('SigningHub simulator: callbacks', () => {
	const received: Received[] = [];
	let headStatus = 200;
	let receiver: Server;
	let target: string;
	const signer = { user_email: 'a@example.com', user_name: 'A', role: 'SIGNER' };

	beforeAll(async () => {
		receiver = createServer((req: IncomingMessage, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				received.push({ method: req.method ?? '', path: req.url ?? '', type: req.headers['content-type'], body });
				res.writeHead(req.method === 'HEAD' ? headStatus : 200);
				res.end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		target = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook?key=k1`;
	});

	afterAll(async () => await new Promise((resolve) => receiver.close(resolve)));
	beforeEach(() => {
		received.length = 0;
		headStatus = 200;
	});

	async function signAndCollect(style: string) {
		const sim = new SigningHubSimulator({ callbacks: { url: target, style }, packages: [{ id: 7, owner: 'owner@example.com', status: 'IN_PROGRESS', recipients: [signer] }] });
		sim.sign(7, 'a@example.com');
		await sim.callbacks.settled();
		return sim;
	}

	test('json: one POST {package_id, action} per change; the completion as action none', async () => {
		const sim = await signAndCollect('json');
		expect(received.map((r) => [r.method, r.type, JSON.parse(r.body)])).toEqual([
			['POST', 'application/json', { package_id: 7, action: 'signed' }],
			['POST', 'application/json', { package_id: 7, action: 'none' }],
		]);
		expect(received[0].path).toBe('/hook?key=k1');
		expect(sim.callbacks.sent.map((s: { status: number }) => s.status)).toEqual([200, 200]);
	});

	test('form, query and empty calls', async () => {
		await signAndCollect('form');
		expect(received[0]).toMatchObject({ method: 'POST', type: 'application/x-www-form-urlencoded', body: 'package_id=7&action=signed' });
		received.length = 0;
		await signAndCollect('query');
		expect(received[0]).toMatchObject({ method: 'GET', path: '/hook?key=k1&package_id=7&action=signed', body: '' });
		received.length = 0;
		await signAndCollect('empty');
		expect(received[0]).toMatchObject({ method: 'POST', body: '' });
	});

	test('completionReport: nothing until completion, then HEAD, then the XML POST naming the package in DocumentID', async () => {
		await signAndCollect('completionReport');
		expect(received.map((r) => r.method)).toEqual(['HEAD', 'POST']);
		expect(received[1].type).toBe('text/xml; charset=utf-8');
		expect(received[1].body).toMatch(/<DocumentID>7<\/DocumentID>/);
		expect(received[1].body).toMatch(/<Action>SIGNED<\/Action>/);
	});

	test('completionReport: no POST when the probe fails', async () => {
		headStatus = 404;
		await signAndCollect('completionReport');
		expect(received.map((r) => r.method)).toEqual(['HEAD']);
	});

	test('control calls switch callbacks on and send a burst', async () => {
		const sim = new SigningHubSimulator();
		const base = await sim.start();
		try {
			const post = async (path: string, body: unknown) => await fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) });
			expect((await post('/_sim/callbacks/burst', { count: 2 })).status).toBe(400);
			expect((await post('/_sim/callbacks', { url: target, style: 'nonsense' })).status).toBe(400);
			expect((await post('/_sim/callbacks', { url: target, style: 'json' })).status).toBe(200);
			const started = Date.now();
			const burst = await post('/_sim/callbacks/burst', { count: 20, withinMs: 400, packageId: 9 });
			expect(burst.status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(350);
			expect(received).toHaveLength(20);
			expect(new Set(received.map((r) => r.body))).toEqual(new Set([JSON.stringify({ package_id: 9, action: 'signed' })]));
			const listed = (await (await fetch(`${base}/_sim/callbacks`)).json()) as { sent: unknown[] };
			expect(listed.sent).toHaveLength(20);
			// Switched off: a change calls nobody.
			expect((await post('/_sim/callbacks', {})).status).toBe(200);
			sim.addPackages({ id: 9, owner: 'owner@example.com', status: 'IN_PROGRESS', recipients: [signer] });
			sim.sign(9, 'a@example.com');
			await sim.callbacks.settled();
			expect(received).toHaveLength(20);
		} finally {
			await sim.stop();
		}
	});
});
