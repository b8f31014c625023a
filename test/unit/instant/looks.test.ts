// Coalescing of SigningHub's calls: one look at a time, at most one a MIN_GAP_MS, each call
// served by a look that starts after it came, the events to the call that planned the look, and
// the other calls answered at once.
import type { IDataObject } from 'n8n-workflow';

import { MIN_GAP_MS, Watch, type LookOutcome } from '../../../nodes/SigningHubInstantTrigger/looks';
import type { TriggerState } from '../../../nodes/SigningHubTrigger/state';

const state = (n: number) => ({ stateFormat: 2, changesHandledUntil: String(n), packagesSeenUntil: null, followed: {}, pending: {}, sweptAt: 0 }) as TriggerState;
const pause = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** A SigningHub whose changes a look turns into events, once each. */
function fakeSigningHub(lookMs = 30) {
	const changes: string[] = [];
	let handled = 0;
	const seenStates: Array<TriggerState | undefined> = [];
	let running = 0;
	let overlapped = false;
	const look = async (from: TriggerState | undefined): Promise<LookOutcome> => {
		seenStates.push(from);
		running++;
		if (running > 1) overlapped = true;
		const upTo = changes.length;
		await pause(lookMs);
		running--;
		const events: IDataObject[] = changes.slice(handled, upTo).map((change) => ({ change }));
		handled = upTo;
		return { events, state: state(upTo) };
	};
	return { changes, look, seenStates, overlapped: () => overlapped };
}

describe('Watch', () => {
	test('100 calls in one second: every change once, no look overlapping another, at most 1 + 1 s / MIN_GAP_MS looks', async () => {
		const sh = fakeSigningHub();
		const watch = new Watch();
		const calls: Array<Promise<LookOutcome | undefined>> = [];
		const started = Date.now();
		for (let i = 0; i < 100; i++) {
			sh.changes.push(`c${i}`);
			calls.push(watch.join(sh.look));
			await pause(10);
		}
		const outcomes = await Promise.all(calls);
		const events = outcomes.flatMap((o) => o?.events.map((e) => e.change) ?? []);
		expect(events).toEqual(sh.changes);
		expect(sh.overlapped()).toBe(false);
		const burstMs = Date.now() - started;
		expect(watch.looks).toBeLessThanOrEqual(1 + Math.ceil(burstMs / MIN_GAP_MS));
		expect(watch.looks).toBeGreaterThanOrEqual(2);
		// Only the calls that planned a look waited for one.
		expect(outcomes.filter((o) => o !== undefined)).toHaveLength(watch.looks);
		// Each look starts from the state the one before left.
		expect(sh.seenStates[0]).toBeUndefined();
		expect(sh.seenStates.slice(1).every((s) => s !== undefined)).toBe(true);
	});

	test('a call during a look waits for the next look, which sees its change', async () => {
		const sh = fakeSigningHub(100);
		const watch = new Watch();
		sh.changes.push('first');
		const first = watch.join(sh.look);
		await pause(20);
		sh.changes.push('second');
		const second = watch.join(sh.look);
		sh.changes.push('third');
		const third = await watch.join(sh.look);
		expect(third).toBeUndefined();
		expect((await first)?.events).toEqual([{ change: 'first' }]);
		expect((await second)?.events).toEqual([{ change: 'second' }, { change: 'third' }]);
		expect(watch.looks).toBe(2);
	});

	test('a failed look fails the call that planned it, changes nothing, and the next call looks again', async () => {
		const watch = new Watch();
		watch.state = state(1);
		const failing = async (): Promise<LookOutcome> => await Promise.reject(new Error('SigningHub is down'));
		await expect(watch.join(failing)).rejects.toThrow('SigningHub is down');
		expect(watch.state).toEqual(state(1));
		const sh = fakeSigningHub(1);
		sh.changes.push('after');
		expect((await watch.join(sh.look))?.events).toEqual([{ change: 'after' }]);
		expect(sh.seenStates[0]).toEqual(state(1));
	});
});
