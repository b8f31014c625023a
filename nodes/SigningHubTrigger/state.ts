import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger keeps between polls (in n8n's workflow static data for the poll trigger).
 * Only SigningHub's own words are kept for SigningHub's dates; n8n's clock is used only for the
 * trigger's own timing (the lease, the sweep), never compared with a SigningHub date.
 */

/** A package the trigger follows, by ID. */
export interface FollowedPackage {
	/** `package_status` as the owner saw it when the trigger last handled the package. */
	status: string;
	/**
	 * Recipient actions already accounted for (see `actionKey`); absent while not known (the
	 * trigger did not need to read them), so the next read counts them as already there.
	 */
	actedRecipients?: string[];
	/** A finished package: the `modified_on` it had when handled; dropped once the cursor is past it. */
	finishedAt?: string;
}

/** A package whose events wait because a read for it failed. */
export interface PendingPackage {
	/** How many polls in a row failed to read it. */
	failedPolls: number;
	/** Its list entry when last seen (what its events are made of). */
	listed: IDataObject;
	/** What the trigger knew of it before (absent: nothing, it is new since activation). */
	before?: FollowedPackage;
	/** Whether it was new since activation when first set aside. */
	isNew: boolean;
}

export interface TriggerState extends IDataObject {
	/** The layout of this state; any other (an older trigger's) starts afresh. */
	stateFormat: 2;
	/**
	 * SigningHub's `modified_on`, as SigningHub wrote it, up to which every change is handled;
	 * null when the user had no package at activation (then every package is new). Each poll
	 * reads again from this instant, inclusive, since two changes can share one whole second.
	 */
	changesHandledUntil: string | null;
	/**
	 * SigningHub's instant before which every package uploaded has been seen (the cursor after the
	 * last poll that handled all it listed): a package not followed and uploaded before it is
	 * finished and known, not news.
	 */
	packagesSeenUntil: string | null;
	/** The user's own packages that are not finished, and finished ones not yet behind the cursor. */
	followed: Record<string, FollowedPackage>;
	/** Packages set aside after a failed read, tried again on the next polls (a few at most). */
	pending: Record<string, PendingPackage>;
	/** The credential user's email as SigningHub writes `package_owner`, when known. */
	ownerEmail?: string;
	/** n8n's clock (ms) when deleted packages were last looked for. */
	sweptAt: number;
	/** A poll at work (n8n's clock), so that an overlapping poll leaves the work to it. */
	pollLease?: { holder: string; expiresAt: number };
}

/** The trigger's state in the node's static data, or undefined before activation (or after an older trigger). */
export function stateIn(staticData: IDataObject): TriggerState | undefined {
	return staticData.stateFormat === 2 ? (staticData as TriggerState) : undefined;
}

/** Copies a state deeply, so a poll works on its own copy until it commits. */
export function copyState(state: TriggerState): TriggerState {
	return JSON.parse(JSON.stringify(state)) as TriggerState;
}

/**
 * Replaces what the static data holds with `state` (top-level keys, so n8n sees the change).
 * Keys of an older trigger's state go.
 */
export function writeState(staticData: IDataObject, state: TriggerState): void {
	for (const key of Object.keys(staticData)) if (!(key in state)) delete staticData[key];
	Object.assign(staticData, state);
}

let leaseCounter = 0;

/**
 * Runs `work` only if no other poll holds the lease in `staticData`; commits what it returns
 * only if it still holds the lease then. n8n's legacy poller starts the next poll even while
 * one runs, and both share the static data: without the lease both would emit the same events.
 * A lease ends after `ttlMs` (a poll stuck longer loses it and its result is discarded).
 * Returns undefined when this poll left the work to another.
 */
export async function underLease<T>(
	staticData: IDataObject,
	now: () => number,
	ttlMs: number,
	work: () => Promise<{ result: T; commit: () => void }>,
): Promise<T | undefined> {
	const lease = staticData.pollLease as TriggerState['pollLease'];
	if (lease && lease.expiresAt > now()) return undefined;
	const holder = `${now()}-${++leaseCounter}`;
	staticData.pollLease = { holder, expiresAt: now() + ttlMs };
	const stillHeld = () => (staticData.pollLease as TriggerState['pollLease'])?.holder === holder;
	try {
		const { result, commit } = await work();
		if (!stillHeld()) return undefined;
		commit();
		return result;
	} finally {
		if (stillHeld()) delete staticData.pollLease;
	}
}
