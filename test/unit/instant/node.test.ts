// The SigningHub Instant Trigger's activation and calls against the simulator, through fake
// hook and webhook contexts over n8n-core's real request layer.
import type { IDataObject } from 'n8n-workflow';

import { SigningHubInstantTrigger } from '../../../nodes/SigningHubInstantTrigger/SigningHubInstantTrigger.node';
import { fakeWebhookContexts, type FakeWebhookOptions } from '../fakeContext';
import { ALL_EVENTS, OWNER, recipient, summary } from '../triggerHarness';

const { SigningHubSimulator } = require('../../simulator/simulator');

const sim = new SigningHubSimulator();
const node = new SigningHubInstantTrigger();
let url = '';
let workflows = 0;

beforeAll(async () => (url = await sim.start()));
afterAll(async () => await sim.stop());

const login = () => ({ authMethod: 'userLogin', baseUrl: url, apiVersion: 'v4', clientId: 'n8n-integration', clientSecret: 'sim-client-secret-4f9a', username: OWNER, password: 'owner-pass-7c1e', sessionToken: '' });

/** A fresh simulator with packages 1 (running, two signers) and 2 (running, one signer), and an activated trigger of its own workflow. */
async function activated(key = '', options: FakeWebhookOptions = {}, parameters: IDataObject = { key }) {
	sim.reset({
		packages: [
			{ id: 1, owner: OWNER, status: 'IN_PROGRESS', recipients: [recipient('a@example.com'), recipient('b@example.com')] },
			{ id: 2, owner: OWNER, status: 'IN_PROGRESS', recipients: [recipient('c@example.com')] },
		],
	});
	const fake = fakeWebhookContexts(login(), { events: ALL_EVENTS, options: {}, ...parameters }, { workflowId: `wf-${++workflows}`, ...options });
	const methods = node.webhookMethods.default;
	expect(await methods.checkExists.call(fake.hook)).toBe(false);
	await methods.create.call(fake.hook);
	expect(await methods.checkExists.call(fake.hook)).toBe(true);
	const reading = async (request: { method?: string; query?: IDataObject; body?: unknown } = {}) => {
		const { context, answer } = fake.call(request);
		const result = await node.webhook.call(context);
		return { result, answer, events: summary((result.workflowData?.[0] ?? []).map((item) => item.json)) };
	};
	return { ...fake, call: reading };
}

test('activation emits nothing; a call after a change gives its events once, the next call nothing', async () => {
	const trigger = await activated();
	sim.sign(1, 'a@example.com');
	const first = await trigger.call({ body: { package_id: 1, action: 'signed' } });
	expect(first.events).toEqual(['recipientSigned 1 a@example.com']);
	expect((trigger.staticData as IDataObject).stateFormat).toBe(2);
	const second = await trigger.call({ body: {} });
	expect(second.events).toEqual([]);
	expect(second.result.webhookResponse).toEqual({ message: 'Looked: no new events' });
});

test('a wrong or missing key: 401, nothing read; HEAD: 200, nothing read', async () => {
	const trigger = await activated('k-123');
	sim.sign(1, 'a@example.com');
	const from = sim.log.length;
	for (const query of [{}, { key: 'k-12' }]) {
		const { answer, result } = await trigger.call({ query });
		expect(answer.status).toBe(401);
		expect(result).toEqual({ noWebhookResponse: true });
	}
	expect((await trigger.call({ method: 'HEAD', query: { key: 'k-123' } })).answer.status).toBe(200);
	expect(sim.log.slice(from)).toEqual([]);
	expect((await trigger.call({ query: { key: 'k-123' } })).events).toEqual(['recipientSigned 1 a@example.com']);
});

test('SigningHub failing: 503, nothing starts, nothing lost', async () => {
	const trigger = await activated();
	sim.decline(2, 'c@example.com', 'no');
	sim.addFaults({ path: '/packages/ALL/', status: 503, kind: 'html', times: 3 });
	const failed = await trigger.call();
	expect(failed.answer.status).toBe(503);
	expect(failed.result).toEqual({ noWebhookResponse: true });
	await new Promise((resolve) => setTimeout(resolve, 1000));
	expect((await trigger.call()).events).toEqual(['packageDeclined 2']);
});

test('a recheck that fails keeps the events the look found', async () => {
	const trigger = await activated();
	sim.decline(2, 'c@example.com', 'no');
	// The call names package 1, which has no change: the trigger looks again 1.5 s later, and that look fails.
	sim.addFaults({ path: '/packages/ALL/', status: 503, kind: 'html', skip: 1, times: 3 });
	const call = await trigger.call({ body: { package_id: 1, action: 'signed' } });
	expect(call.events).toEqual(['packageDeclined 2']);
	expect(sim.log.filter((e: { status: number }) => e.status === 503).length).toBeGreaterThan(0);
});

describe('the key', () => {
	const refusedEverything = async (trigger: Awaited<ReturnType<typeof activated>>) => {
		sim.sign(1, 'a@example.com');
		const from = sim.log.length;
		for (const query of [{}, { key: '' }, { key: 'undefined' }, { key: 'null' }, { key: ['x'] }]) {
			const { answer, result } = await trigger.call({ query: query as IDataObject });
			expect({ query, status: answer.status, body: answer.body }).toEqual({ query, status: 401, body: { message: 'Authorization failed' } });
			expect(result).toEqual({ noWebhookResponse: true });
		}
		expect(sim.log.slice(from)).toEqual([]);
		expect(trigger.logs.join('\n')).toContain('refuses every call: its key is empty');
	};

	test('version 1: a Key expression that gives nothing, or empty text, refuses every call', async () => {
		await refusedEverything(await activated('={{ $json.nothing }}', { evaluated: { key: undefined } }));
		await refusedEverything(await activated('={{ $json.nothing }}', { evaluated: { key: '' } }));
		await refusedEverything(await activated('={{ $json.nothing }}', { evaluated: { key: { value: 'x' } } }));
		const failing = await activated('={{ $json.nothing.deeper }}', { evaluated: { key: new Error("Cannot read properties of undefined (reading 'deeper')") } });
		await refusedEverything(failing);
		expect(failing.logs.join('\n')).toContain("could not evaluate its Key: Cannot read properties of undefined (reading 'deeper')");
	});

	test('version 1: a saved literal Key keeps working', async () => {
		const trigger = await activated('k-123');
		sim.sign(1, 'a@example.com');
		expect((await trigger.call({ query: { key: 'k-123' } })).events).toEqual(['recipientSigned 1 a@example.com']);
	});

	test('version 2: the key comes from the SigningHub Webhook Key credential, not from a Key parameter', async () => {
		const secret = 'Vq3xL9mZp2Rt7Kw4';
		const trigger = await activated('', { typeVersion: 2, keyCredential: { secret } }, { authentication: 'webhookKey', key: 'left-over' });
		sim.sign(1, 'a@example.com');
		for (const key of ['left-over', secret.slice(0, -1)]) expect((await trigger.call({ query: { key } })).answer.status).toBe(401);
		expect((await trigger.call({ query: { key: secret } })).events).toEqual(['recipientSigned 1 a@example.com']);
	});

	test('version 2: an empty or missing credential refuses every call; Authentication None takes every call', async () => {
		await refusedEverything(await activated('', { typeVersion: 2, keyCredential: { secret: '' } }, { authentication: 'webhookKey' }));
		const blank = await activated('', { typeVersion: 2, keyCredential: { secret: '   ' } }, { authentication: 'webhookKey' });
		await refusedEverything(blank);
		expect((await blank.call({ query: { key: '   ' } })).answer.status).toBe(401);
		await refusedEverything(await activated('', { typeVersion: 2 }, { authentication: 'webhookKey' }));
		const open = await activated('', { typeVersion: 2 }, { authentication: 'none', key: 'ignored' });
		sim.sign(1, 'a@example.com');
		expect((await open.call()).events).toEqual(['recipientSigned 1 a@example.com']);
	});

	test("the credential test asks for a long key that needs no encoding in a URL", async () => {
		const test = (secret: unknown) => node.methods.credentialTest.webhookKeyTest.call({} as never, { id: 'k', name: 'k', type: 'signingHubWebhookKeyApi', data: { secret } } as never);
		expect(await test('Vq3xL9mZp2Rt7Kw4')).toEqual({ status: 'OK', message: 'The key is long enough' });
		expect(await test('short')).toMatchObject({ status: 'Error', message: 'The key must be at least 16 characters long' });
		expect(await test('Vq3xL9mZp2Rt7Kw4&x=1')).toMatchObject({ status: 'Error' });
		expect(await test(undefined)).toMatchObject({ status: 'Error' });
	});
});

describe('what a caller is told when a look fails', () => {
	const unreachable = { baseUrl: 'http://127.0.0.1:9' };
	const told = async (change: IDataObject, mode: string) => {
		const asIn = (trigger: { stored: IDataObject }) => Object.assign(trigger.stored, change, { sessionToken: '' });
		if (mode === 'webhook') {
			const trigger = await activated();
			asIn(trigger);
			return { ...(await trigger.call()), logs: trigger.logs.join('\n') };
		}
		// Manual mode (the editor's test URL) has no activation: its call reads SigningHub at once.
		const trigger = fakeWebhookContexts(login(), { events: ALL_EVENTS, options: {} }, { mode });
		asIn(trigger);
		const { context, answer } = trigger.call({});
		return { answer, result: await node.webhook.call(context), logs: trigger.logs.join('\n') };
	};

	for (const [name, credentials, detail] of [
		['SigningHub unreachable', unreachable, 'ECONNREFUSED'],
		['the login refused', { password: 'wrong-password' }, 'SigningHub rejected the login'],
	] as const) {
		for (const mode of ['webhook', 'manual']) {
			test(`${name} (${mode}): a 503 that says nothing about SigningHub or the credential; the details go to n8n's log`, async () => {
				const { answer, result, logs } = await told(credentials, mode);
				expect(result).toEqual({ noWebhookResponse: true });
				expect(answer).toEqual({ status: 503, body: { message: 'The call was received but could not be handled now; call again later' } });
				expect(JSON.stringify(answer)).not.toMatch(/signinghub|127\.0\.0\.1|ECONN|login|password|credential/i);
				expect(logs).toContain(detail);
				expect(logs).not.toContain('wrong-password');
			});
		}
	}
});

test("a call's body of 400,000 keys is searched only in part: its first package_id counts", async () => {
	const trigger = await activated();
	sim.sign(1, 'a@example.com');
	const body: IDataObject = { package_id: 1 };
	for (let i = 0; i < 400_000; i++) body[`k${i}`] = { nested: [`value ${i}`] };
	let reads = 0;
	const counted = new Proxy(body, { get: (target, key) => (reads++, target[key as string]) });
	const { events } = await trigger.call({ body: counted });
	expect(events).toEqual(['recipientSigned 1 a@example.com']);
	expect(reads).toBeLessThanOrEqual(1_000);
});
