// The SigningHub Trigger's polling against the simulator, through a fake poll context: events
// once and only once, nothing from before activation, catch-up after a failed poll, a state that
// holds only what may still change, few requests per poll; Fetch Test Event.
import type { IDataObject } from 'n8n-workflow';

import { ALL_EVENTS, COLLEAGUE, OWNER, recipient, simulatorHarness, summary } from './triggerHarness';

const harness = simulatorHarness();
const { sim } = harness;

beforeAll(async () => await harness.start());
afterAll(async () => await harness.stop());

describe.each(['v4', 'v3'])('SigningHub Trigger polling (%s)', (apiVersion) => {
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
	});

	it('emits each event once, nothing from before activation, and catches up after a failed poll', async () => {
		const { poll, staticData } = await harness.trigger(apiVersion);
		expect(await poll()).toEqual([]);
		expect(await poll()).toEqual([]);

		sim.addPackages({ id: 5, owner: OWNER, status: 'DRAFT', name: 'Born later', recipients: [recipient('e@example.com')] });
		expect(await harness.callAs(OWNER, 'POST', `/${apiVersion}/packages/2/workflow`)).toBe(200);
		sim.sign(3, 'c@example.com');
		sim.decline(4, 'd@example.com', 'Wrong address');

		const logStart = sim.log.length;
		const events = await poll();
		expect(summary(events)).toEqual(['packageShared 2', 'recipientSigned 3 c@example.com', 'packageCompleted 3', 'packageDeclined 4']);
		expect(events[1]).toMatchObject({ packageName: 'Running', packageStatus: 'COMPLETED', owner: OWNER, email: 'c@example.com', role: 'SIGNER', processStatus: 'SIGNED', modifiedOn: expect.any(String) });
		// One list call (v4: from the cursor), and recipients read only for the changed packages that are not drafts.
		const calls = harness.apiCalls(logStart).map((e) => String(e.path));
		expect(calls.filter((p) => /\/packages\/ALL\//.test(p))).toHaveLength(1);
		expect(calls.filter((p) => p.endsWith('/workflow/users')).sort()).toEqual([2, 3, 4].map((id) => `/${apiVersion}/packages/${id}/workflow/users`));
		expect(await poll()).toEqual([]);

		// A poll that fails emits nothing and loses nothing.
		sim.sign(2, 'a@example.com');
		sim.addFaults({ path: '/packages/ALL/', status: 503, kind: 'html', times: 3 });
		await expect(poll()).rejects.toThrow(/HTTP 503/);
		expect(summary(await poll())).toEqual(['recipientSigned 2 a@example.com', 'packageCompleted 2']);
		expect(await poll()).toEqual([]);

		// Followed: the unfinished packages (5 is a draft); finished ones only until the cursor is past them.
		sim.addPackages({ id: 6, owner: OWNER, status: 'DRAFT', name: 'Moves the cursor' });
		await poll();
		const followed = (staticData as { followed: Record<string, IDataObject> }).followed;
		expect(followed).toEqual({ '5': { status: 'DRAFT' }, '6': { status: 'DRAFT' } });
		expect(Object.keys(staticData).sort()).toEqual(['changesHandledUntil', 'followed', 'ownerEmail', 'packagesSeenUntil', 'pending', 'stateFormat', 'sweptAt']);
	});

	it('Fetch Test Event returns the most recent matching event, or says there is none', async () => {
		const manual = await harness.trigger(apiVersion, { events: ['recipientSigned'], includeDetails: true, mode: 'manual' });
		const [item] = await manual.poll();
		expect(item).toMatchObject({ event: 'recipientSigned', packageId: 3, email: 'b@example.com', details: { package_id: 3 } });

		const none = await harness.trigger(apiVersion, { events: ['packageCompleted'], user: COLLEAGUE, mode: 'manual' });
		await expect(none.poll()).rejects.toThrow('No SigningHub package matches the chosen events yet');
	});

	it('with an Access Token learns whose packages they are from the first one it may read as owner', async () => {
		const { poll, staticData } = await harness.trigger(apiVersion, { authMethod: 'accessToken', events: ALL_EVENTS });
		await poll();
		sim.sign(3, 'c@example.com');
		expect(summary(await poll())).toEqual(['recipientSigned 3 c@example.com', 'packageCompleted 3']);
		expect(staticData.ownerEmail ?? (apiVersion === 'v4' ? undefined : 'missing')).toBe(apiVersion === 'v4' ? undefined : OWNER);
	});
});
