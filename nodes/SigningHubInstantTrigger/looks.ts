import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { TriggerState } from '../SigningHubTrigger/state';

/**
 * Coalescing of SigningHub's calls, per trigger (workflow and node), separately in each n8n process
 *
 * SigningHub may call once per recipient action, many times a second. Each call must mean "look
 * now", but two looks at once would read the same state and emit the same events, and n8n hands
 * every call its own copy of the workflow's static data, loaded before the call waits. So the
 * looks of one trigger run one after the other, at most one a `MIN_GAP_MS`, and the state they
 * work on is kept here (the static data is written after each look, for the next n8n start).
 *
 * A call that finds a look planned and not started yet needs nothing more: that look starts
 * after the call came, so it sees the change the call announces. Such a call answers at once
 * (n8n holds an expression isolate for every call in progress and starts a new one when its
 * pool is empty, so calls must not wait in numbers). Any other call plans the next look, waits
 * for it and gets its events: at most two calls of a trigger wait at any time.
 */

/** The shortest time between the starts of two looks of one trigger. */
export const MIN_GAP_MS = 1_000;

export interface LookOutcome {
	events: IDataObject[];
	state: TriggerState;
}

/** One look: reads SigningHub from `state` (undefined: this process has none yet). */
export type Look = (state: TriggerState | undefined) => Promise<LookOutcome>;

export class Watch {
	/** The newest state of this trigger in this process, once a look ran here. */
	state: TriggerState | undefined;

	/** A look planned and not started yet. */
	private planned: Promise<LookOutcome> | undefined;

	/** The look started last (settled or not). */
	private latest: Promise<unknown> = Promise.resolve();

	private startedAt = -Infinity;

	/** How many looks started (for tests and logs). */
	looks = 0;

	/** Whether a call already waits to look again (see `claimRecheck`). */
	private recheckClaimed = false;

	constructor(private readonly now: () => number = Date.now) {}

	/**
	 * Looks for this call: its outcome when the call planned the look, or undefined when a look
	 * planned by an earlier call (not started yet) will see the call's change.
	 */
	async join(look: Look): Promise<LookOutcome | undefined> {
		return this.planned ? undefined : await this.start(look);
	}

	/** Plans a look after every look started or planned, and waits for it (activation's stock-taking). */
	async start(look: Look): Promise<LookOutcome> {
		const planned = this.plan(look);
		this.planned = planned;
		return await planned;
	}

	/**
	 * Whether this call may look once more later: only one call of the trigger at a time does,
	 * so a burst of calls naming a package already handled costs one more look, not one per call.
	 */
	claimRecheck(): boolean {
		if (this.recheckClaimed) return false;
		this.recheckClaimed = true;
		return true;
	}

	releaseRecheck(): void {
		this.recheckClaimed = false;
	}

	private async plan(look: Look): Promise<LookOutcome> {
		const before = this.latest;
		const started = (async () => {
			await before.catch(() => undefined);
			const wait = this.startedAt + MIN_GAP_MS - this.now();
			if (wait > 0) await sleep(wait);
			// From here on, a new call plans a later look: this one may have read past its change.
			this.planned = undefined;
			this.startedAt = this.now();
			this.looks++;
			const outcome = await look(this.state);
			this.state = outcome.state;
			return outcome;
		})();
		this.latest = started;
		return await started;
	}
}

const watches = new Map<string, Watch>();

/** The watch of one trigger (key: workflow ID and node ID), kept by this n8n process alone */
export function watchOf(key: string): Watch {
	let watch = watches.get(key);
	if (!watch) {
		watch = new Watch();
		watches.set(key, watch);
	}
	return watch;
}

/** Forgets a trigger's watch (on deactivation and updates: the static data is the truth again). */
export function forgetWatch(key: string): void {
	watches.delete(key);
}
