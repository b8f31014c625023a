// The SigningHub Trigger's polling logic against the simulator, through a fake poll context:
// events once and only once, nothing from before activation, catch-up after a failed poll,
// a state no larger than the packages still in progress, few requests per poll.
import type { IDataObject } from 'n8n-workflow';

import { SigningHubTrigger } from '../../nodes/SigningHubTrigger/SigningHubTrigger.node';
import { fakePollContext } from './fakeContext';

const { SigningHubSimulator } = require('../simulator/simulator');

const OWNER = 'owner@example.com';
const EVENTS = ['packageCompleted', 'packageDeclined', 'packageShared', 'recipientSigned'];

const recipient = (email: string, role = 'SIGNER') => ({ user_email: email, user_name: email.split('@')[0], role, email_notification: true });

describe.each(['v4', 'v3'])('SigningHub Trigger polling (%s)', (apiVersion) => {
	const sim = new SigningHubSimulator();
	const trigger = new SigningHubTrigger();
	let url: string;
	let fake: ReturnType<typeof fakePollContext>;

	const pollOnce = async () => ((await trigger.poll.call(fake.context)) ?? [[]])[0].map((item) => item.json as IDataObject);
	const summary = (events: IDataObject[]) => events.map((e) => `${e.event} ${e.packageId}${e.email ? ` ${e.email}` : ''}`);
	const apiCalls = (from: number) => sim.log.slice(from).filter((e: IDataObject) => e.path !== '/authenticate');

	beforeAll(async () => {
		url = await sim.start();
	});
	afterAll(async () => await sim.stop());

	beforeEach(() => {
		sim.reset({
			packages: [
				{ id: 1, owner: OWNER, status: 'COMPLETED', name: 'Done before' },
				{ id: 2, owner: OWNER, status: 'DRAFT', name: 'Draft before', recipients: [recipient('a@example.com')] },
				{ id: 3, owner: OWNER, status: 'IN_PROGRESS', name: 'Running', recipients: [recipient('b@example.com'), recipient('c@example.com')] },
				{ id: 4, owner: OWNER, status: 'IN_PROGRESS', name: 'To decline', recipients: [recipient('d@example.com')] },
			],
		});
		sim.sign(3, 'b@example.com');
		fake = fakePollContext(
			{ authMethod: 'userLogin', baseUrl: url, apiVersion, clientId: 'n8n-integration', clientSecret: 'sim-client-secret-4f9a', username: OWNER, password: 'owner-pass-7c1e', sessionToken: '' },
			{ events: EVENTS, options: {} },
		);
	});

	it('emits each event once, nothing from before activation, and catches up after a failed poll', async () => {
		expect(await pollOnce()).toEqual([]);
		expect(await pollOnce()).toEqual([]);

		await fetch(`${url}/_sim/packages`, { method: 'POST', body: JSON.stringify({ id: 5, owner: OWNER, status: 'DRAFT', name: 'Born later', recipients: [recipient('e@example.com')] }) });
		const shareDraft = await fake.context.helpers.httpRequestWithAuthentication.call(fake.context, 'signingHubApi', { method: 'POST', url: `${url}/${apiVersion}/packages/2/workflow`, headers: { 'Content-Length': '0' }, returnFullResponse: true }, { credentialsDecrypted: { data: await fake.context.getCredentials('signingHubApi') } } as never);
		expect(shareDraft.statusCode).toBe(200);
		sim.sign(3, 'c@example.com');
		sim.decline(4, 'd@example.com', 'Wrong address');

		const logStart = sim.log.length;
		const events = await pollOnce();
		expect(summary(events)).toEqual(['packageShared 2', 'recipientSigned 3 c@example.com', 'packageCompleted 3', 'packageDeclined 4']);
		expect(events[1]).toMatchObject({ packageName: 'Running', packageStatus: 'COMPLETED', owner: OWNER, email: 'c@example.com', role: 'SIGNER', modifiedOn: expect.any(String) });
		// One list call, and recipients read only for the packages that changed and are not drafts.
		const calls = apiCalls(logStart).map((e: IDataObject) => String(e.path));
		expect(calls.filter((p: string) => /\/packages\/ALL\//.test(p))).toHaveLength(1);
		expect(calls.filter((p: string) => p.endsWith('/workflow/users')).sort()).toEqual([`/${apiVersion}/packages/2/workflow/users`, `/${apiVersion}/packages/3/workflow/users`, `/${apiVersion}/packages/4/workflow/users`]);
		expect(await pollOnce()).toEqual([]);

		// A poll that fails emits nothing and loses nothing.
		sim.sign(2, 'a@example.com');
		sim.addFaults({ path: '/packages/ALL/', status: 503, kind: 'html', times: 3 });
		await expect(pollOnce()).rejects.toThrow(/HTTP 503/);
		expect(summary(await pollOnce())).toEqual(['recipientSigned 2 a@example.com', 'packageCompleted 2']);
		expect(await pollOnce()).toEqual([]);

		// Only packages that may still change stay in the state; finished ones go once the cursor moves past them.
		const state = fake.staticData as { packages: Record<string, unknown> };
		expect(Object.keys(state.packages).sort()).toEqual(expect.arrayContaining(['5']));
		await fetch(`${url}/_sim/packages`, { method: 'POST', body: JSON.stringify({ id: 6, owner: OWNER, status: 'DRAFT', name: 'Moves the cursor' }) });
		await pollOnce();
		expect(Object.keys(state.packages).sort()).toEqual(['5', '6']);
	});

	it('Fetch Test Event returns the most recent matching event, or says there is none', async () => {
		const manual = fakePollContext(
			{ authMethod: 'userLogin', baseUrl: url, apiVersion, clientId: 'n8n-integration', clientSecret: 'sim-client-secret-4f9a', username: OWNER, password: 'owner-pass-7c1e', sessionToken: '' },
			{ events: ['recipientSigned'], options: { includeDetails: true } },
			'manual',
		);
		const [[item]] = (await trigger.poll.call(manual.context)) as Array<Array<{ json: IDataObject }>>;
		expect(item.json).toMatchObject({ event: 'recipientSigned', packageId: 3, email: 'b@example.com', details: { package_id: 3 } });

		const none = fakePollContext(
			{ authMethod: 'userLogin', baseUrl: url, apiVersion, clientId: 'n8n-integration', clientSecret: 'sim-client-secret-4f9a', username: 'colleague@example.com', password: 'colleague-pass-2b8d', sessionToken: '' },
			{ events: ['packageCompleted'], options: {} },
			'manual',
		);
		await expect(trigger.poll.call(none.context)).rejects.toThrow('No SigningHub package matches the chosen events yet');
	});
});
