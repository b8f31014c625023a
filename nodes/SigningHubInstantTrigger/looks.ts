import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { TriggerState } from '../SigningHubTrigger/state';

/**
 * Coalescing of SigningHub's calls, per trigger (workflow and node) and per n8n process.
 *
 * SigningHub may call once per recipient action, many times a second. Each call must mean "look
 * now", but two looks at once would read the same state and emit the same events, and n8n hands
 * every call its own copy of the workflow's static data, loaded before the call waits. So the
 * looks of one trigger run one after the other, at most one a `MIN_GAP_MS`, and the state they
 * work on is kept here (the static data is written after each look, for the next n8n start).
 * A call joins the next look to start (which starts after the call came, so it sees the change
 * the call announces); the first call to join gets the look's events, the others none.
 */

/** The shortest time between the starts of two looks of one trigger. */
export const MIN_GAP_MS = 1_000;

export interface LookOutcome {
	events: IDataObject[];
	state: TriggerState;
}

/** One look: reads SigningHub from `state` (undefined: this process has none yet). */
export type Look = (state: TriggerState | undefined) => Promise<LookOutcome>;

interface PlannedLook {
	outcome: Promise<LookOutcome>;
	claimed: boolean;
}

export class Watch {
	/** The newest state of this trigger in this process, once a look ran here. */
	state: TriggerState | undefined;

	/** The look calls join: not started yet. */
	private planned: PlannedLook | undefined;

	/** The look started last (settled or not). */
	private latest: Promise<unknown> = Promise.resolve();

	private startedAt = -Infinity;

	/** How many looks started (for tests and logs). */
	looks = 0;

	constructor(private readonly now: () => number = Date.now) {}

	/** Joins the next look; its events come back to the first call that joined it only. */
	async join(look: Look): Promise<LookOutcome> {
		if (!this.planned) this.planned = this.plan(look);
		const planned = this.planned;
		const first = !planned.claimed;
		planned.claimed = true;
		const outcome = await planned.outcome;
		return { events: first ? outcome.events : [], state: outcome.state };
	}

	private plan(look: Look): PlannedLook {
		const before = this.latest;
		const planned: PlannedLook = { claimed: false, outcome: Promise.resolve(undefined as unknown as LookOutcome) };
		planned.outcome = (async () => {
			await before.catch(() => undefined);
			const wait = this.startedAt + MIN_GAP_MS - this.now();
			if (wait > 0) await sleep(wait);
			// From here on, a new call waits for a later look: this one may have read past its change.
			if (this.planned === planned) this.planned = undefined;
			this.startedAt = this.now();
			this.looks++;
			const outcome = await look(this.state);
			this.state = outcome.state;
			return outcome;
		})();
		this.latest = planned.outcome;
		return planned;
	}
}

const watches = new Map<string, Watch>();

/** The watch of one trigger (key: workflow ID and node ID) in this process. */
export function watchOf(key: string): Watch {
	let watch = watches.get(key);
	if (!watch) {
		watch = new Watch();
		watches.set(key, watch);
	}
	return watch;
}

/** Forgets a trigger's watch (on activation and deactivation: the static data is the truth again). */
export function forgetWatch(key: string): void {
	watches.delete(key);
}
