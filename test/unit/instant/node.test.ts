// The SigningHub Instant Trigger's activation and calls against the simulator, through fake
// hook and webhook contexts over n8n-core's real request layer.
import type { IDataObject } from 'n8n-workflow';

import { SigningHubInstantTrigger } from '../../../nodes/SigningHubInstantTrigger/SigningHubInstantTrigger.node';
import { fakeWebhookContexts } from '../fakeContext';
import { ALL_EVENTS, OWNER, recipient, summary } from '../triggerHarness';

const { SigningHubSimulator } = require('../../simulator/simulator');

const sim = new SigningHubSimulator();
const node = new SigningHubInstantTrigger();
let url = '';
let workflows = 0;

beforeAll(async () => (url = await sim.start()));
afterAll(async () => await sim.stop());

/** A fresh simulator with packages 1 (running, two signers) and 2 (running, one signer), and an activated trigger of its own workflow. */
async function activated(key = '') {
	sim.reset({
		packages: [
			{ id: 1, owner: OWNER, status: 'IN_PROGRESS', recipients: [recipient('a@example.com'), recipient('b@example.com')] },
			{ id: 2, owner: OWNER, status: 'IN_PROGRESS', recipients: [recipient('c@example.com')] },
		],
	});
	const credentials = { authMethod: 'userLogin', baseUrl: url, apiVersion: 'v4', clientId: 'n8n-integration', clientSecret: 'sim-client-secret-4f9a', username: OWNER, password: 'owner-pass-7c1e', sessionToken: '' };
	const fake = fakeWebhookContexts(credentials, { events: ALL_EVENTS, key, options: {} }, { workflowId: `wf-${++workflows}` });
	const methods = node.webhookMethods.default;
	expect(await methods.checkExists.call(fake.hook)).toBe(false);
	await methods.create.call(fake.hook);
	expect(await methods.checkExists.call(fake.hook)).toBe(true);
	const call = async (request: { method?: string; query?: IDataObject; body?: unknown } = {}) => {
		const { context, answer } = fake.call(request);
		const result = await node.webhook.call(context);
		return { result, answer, events: summary((result.workflowData?.[0] ?? []).map((item) => item.json)) };
	};
	return { ...fake, call };
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
