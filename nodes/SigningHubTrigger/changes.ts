import type { IDataObject } from 'n8n-workflow';

import { hasNextPage, MAX_PAGES, PAGE_SIZE, readPackagesPage, readRecipients, readWorkflowDetails, type Page } from '../SigningHub/reads';
import { SigningHubError, type SigningHubClient } from '../SigningHub/transport';
import { actionKey, hasActed, isFinished, packageEvent, recipientEvent, statusOf, type EventName } from './events';
import { copyState, type FollowedPackage, type PendingPackage, type TriggerState } from './state';

/**
 * Which SigningHub events are new: the trigger's decisions, free of n8n's poll context, so any
 * caller (the poll, an instant trigger) shares them with the same state. Everything here reads
 * SigningHub's dates only against other SigningHub dates; n8n's clock (`now`) only measures the
 * time the work may take and when to sweep.
 */

export interface ChangeSettings {
	chosen: EventName[];
	withDetails: boolean;
	/** The credential user's email when the credential names it (User Login, Act as User). */
	ownerEmail?: string;
	/** n8n's clock in ms. */
	now: () => number;
	/** n8n's clock (ms) after which no new package is started; the rest waits for the next poll. */
	deadline: number;
}

/** After this many polls in a row that failed to read a package, its events go out without the missing read. */
export const MAX_FAILED_POLLS = 5;

/** How often (n8n's clock) the trigger looks for deleted packages among those it follows. */
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** Times a list read starts again because the list changed under it (a package deleted between pages). */
const LIST_RESTARTS = 3;

/** SigningHub's date as a number to order SigningHub's dates among themselves (no zone: read as UTC for all); NaN when unreadable. */
export function instantOf(value: unknown): number {
	if (typeof value !== 'string' || value.trim() === '') return NaN;
	const text = value.trim();
	return Date.parse(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`);
}

/** Whether SigningHub's `date` is before the cursor; false when either cannot be read (so it is looked at again). */
function isBefore(date: unknown, cursor: string | null): boolean {
	if (cursor === null) return false;
	return instantOf(date) < instantOf(cursor);
}

function listProblem(message: string): SigningHubError {
	return new SigningHubError({
		reason: 'notSigningHub',
		responseStatus: null,
		signingHubMessage: null,
		transient: true,
		message,
		description: 'The trigger stopped reading the package list rather than miss or repeat events; the next poll tries again. If it keeps happening, check the base URL.',
	});
}

const isNotOwner = (error: unknown) =>
	error instanceof SigningHubError && (error.reason === 'ownership' || (error.responseStatus === 403 && /does not belong to user/i.test(error.signingHubMessage ?? '')));
const isGone = (error: unknown) => error instanceof SigningHubError && error.responseStatus === 404;

/**
 * Reads a package list newest `modified_on` first, page by page, until `enough` says the rest
 * is older than needed (only while the list keeps that order) or the list ends. A list that
 * shrinks between pages (a deletion shifts the next page) is read again; a page that repeats
 * the one before (a server ignoring the page number) or too many pages fail.
 */
async function readNewestFirst(
	client: SigningHubClient,
	status: string,
	enough: (record: IDataObject) => boolean,
): Promise<{ records: IDataObject[]; ordered: boolean }> {
	const query = client.apiVersion === 'v4' ? { 'owned-by': 'ME', 'sort-by': 'LAST_MODIFIED', asc: false } : undefined;
	for (let attempt = 0; attempt <= LIST_RESTARTS; attempt++) {
		const records: IDataObject[] = [];
		let ordered = true;
		let firstTotal: number | undefined;
		let previous = '';
		let shifted = false;
		for (let page = 1; ; page++) {
			if (page > MAX_PAGES) throw listProblem(`Stopped reading the package list: it has more than ${MAX_PAGES} pages`);
			const listed: Page = await readPackagesPage(client, { status, page, perPage: PAGE_SIZE, query });
			const fingerprint = JSON.stringify(listed.records);
			if (page > 1 && listed.records.length > 0 && fingerprint === previous) {
				throw listProblem(`Stopped reading the package list: page ${page} came back the same as page ${page - 1}`);
			}
			previous = fingerprint;
			if (page === 1) firstTotal = listed.total;
			else if (listed.total !== undefined && firstTotal !== undefined && listed.total < firstTotal) {
				shifted = true;
				break;
			}
			for (const record of listed.records) {
				const last = records.at(-1);
				if (last && instantOf(record.modified_on) > instantOf(last.modified_on)) ordered = false;
				records.push(record);
			}
			const last = records.at(-1);
			if ((ordered && last && enough(last)) || !hasNextPage(page, PAGE_SIZE, listed)) return { records, ordered };
		}
		if (!shifted) break;
	}
	throw listProblem('Stopped reading the package list: packages kept being deleted while it was read');
}

/** The work of one poll, on its own copy of the state. */
class Poll {
	readonly events: IDataObject[] = [];

	/** Packages handled in this poll (so a set-aside one is not tried twice). */
	private readonly handled = new Set<string>();

	/** `packagesSeenUntil` when the poll started: a package not followed and uploaded before it is no news. */
	private readonly seenUntil: string | null;

	constructor(
		private readonly client: SigningHubClient,
		readonly state: TriggerState,
		private readonly settings: ChangeSettings,
	) {
		this.state.ownerEmail ??= settings.ownerEmail?.toLowerCase() || undefined;
		this.seenUntil = state.packagesSeenUntil;
	}

	get timeLeft(): boolean {
		return this.settings.now() < this.settings.deadline;
	}

	private get cursor(): string | null {
		return this.state.changesHandledUntil;
	}

	/** Moves the cursor to SigningHub's `modifiedOn` of a package handled, never back. */
	advanceTo(modifiedOn: unknown) {
		if (typeof modifiedOn !== 'string' || Number.isNaN(instantOf(modifiedOn))) return;
		if (this.cursor === null || instantOf(modifiedOn) > instantOf(this.cursor)) this.state.changesHandledUntil = modifiedOn;
	}

	/**
	 * Whether the package is the user's own: v4 lists only those (`owned-by=ME`); v3 lists the
	 * packages shared with the user too, so `package_owner` tells, once the user is known. Drafts
	 * are never shared, so a draft is the user's own.
	 */
	ownership(record: IDataObject): 'own' | 'foreign' | 'unknown' {
		if (this.client.apiVersion === 'v4' || statusOf(record) === 'DRAFT') return 'own';
		if (!this.state.ownerEmail) return 'unknown';
		return String(record.package_owner ?? '').toLowerCase() === this.state.ownerEmail ? 'own' : 'foreign';
	}

	/** Learns the user's email from a package the user was allowed to read as its owner. */
	private learnOwner(record: IDataObject) {
		this.state.ownerEmail ??= String(record.package_owner ?? '').toLowerCase() || undefined;
	}

	/**
	 * v4: the packages modified at or after the cursor, oldest first, always reading page 1 again
	 * from the moved cursor (a later page would have shifted if a package changed or was deleted
	 * meanwhile); only a page entirely within the cursor's instant goes on to the next page.
	 * Says whether it reached the end of the changes.
	 */
	async readChangesInOrder(): Promise<boolean | 'unordered'> {
		let page = 1;
		let previous = '';
		for (let reads = 1; ; reads++) {
			if (reads > MAX_PAGES) throw listProblem(`Stopped reading the package list after ${MAX_PAGES} pages`);
			if (!this.timeLeft) return false;
			const from = this.cursor;
			const query: IDataObject = { 'owned-by': 'ME', 'sort-by': 'LAST_MODIFIED', asc: true, ...(from === null ? {} : { 'modified-from': from }) };
			const listed = await readPackagesPage(this.client, { status: 'ALL', page, perPage: PAGE_SIZE, query });
			const fingerprint = JSON.stringify(listed.records);
			if (page > 1 && listed.records.length > 0 && fingerprint === previous) {
				throw listProblem(`Stopped reading the package list: page ${page} came back the same as page ${page - 1}`);
			}
			previous = fingerprint;
			const times = listed.records.map((record) => instantOf(record.modified_on));
			// A server that ignores the filter or the order: read the list the other way.
			if (listed.records.some((record) => isBefore(record.modified_on, from)) || times.some((time, i) => i > 0 && time < times[i - 1])) return 'unordered';
			for (const record of listed.records) {
				if (!this.timeLeft) return false;
				await this.handle(record);
				this.advanceTo(record.modified_on);
			}
			if (!hasNextPage(page, PAGE_SIZE, listed)) return true;
			page = this.cursor === from ? page + 1 : 1;
		}
	}

	/**
	 * Any version: the list newest first down to the cursor (every page when the list turns out
	 * not to be in that order), then handled oldest first, so the cursor moves as they are done.
	 */
	async readChangesNewestFirst(): Promise<boolean> {
		const from = this.cursor;
		const { records } = await readNewestFirst(this.client, 'ALL', (record) => isBefore(record.modified_on, from));
		const seen = new Set<string>();
		const changed = records
			.filter((record) => !isBefore(record.modified_on, from))
			.filter((record) => !seen.has(String(record.package_id)) && Boolean(seen.add(String(record.package_id))))
			.sort((a, b) => (instantOf(a.modified_on) || Infinity) - (instantOf(b.modified_on) || Infinity));
		for (const record of changed) {
			if (!this.timeLeft) return false;
			await this.handle(record);
			this.advanceTo(record.modified_on);
		}
		return true;
	}

	/** Packages set aside by earlier polls and not met again in this one. */
	async retryPending() {
		for (const [id, pending] of Object.entries(this.state.pending)) {
			if (this.handled.has(id)) continue;
			if (!this.timeLeft) return;
			await this.handle(pending.listed);
		}
	}

	/** One package from the list: its events, and what the trigger keeps of it. */
	async handle(record: IDataObject): Promise<void> {
		const id = String(record.package_id);
		if (this.handled.has(id)) return;
		this.handled.add(id);
		const ownership = this.ownership(record);
		if (ownership === 'foreign') return this.forget(id);
		const pending = this.state.pending[id] as PendingPackage | undefined;
		const followed = this.state.followed[id] as FollowedPackage | undefined;
		const before = pending ? pending.before : followed;
		// Not followed and not new: it existed before the cursor and was finished then (the trigger
		// follows every unfinished package of the user), so a change to it now is no event.
		const isNew = pending
			? pending.isNew
			: !followed && (this.seenUntil === null || (!isBefore(record.uploaded_on, this.seenUntil) && !Number.isNaN(instantOf(record.uploaded_on))));
		if ((!before && !isNew) || (before && isFinished(before.status))) return this.keepOld(id, record, before);

		const status = statusOf(record);
		const recipientsNeeded = status !== 'DRAFT' && (this.settings.chosen.includes('recipientSigned') || ownership === 'unknown');
		const givingUp = (pending?.failedPolls ?? 0) + 1 >= MAX_FAILED_POLLS;
		let recipients: IDataObject[] | undefined;
		let readError: string | undefined;
		try {
			if (recipientsNeeded) recipients = await readRecipients(this.client, Number(record.package_id));
		} catch (error) {
			// Whose package it is stays unknown after the last try: it is let go without events.
			if (isNotOwner(error) || isGone(error) || (givingUp && ownership === 'unknown')) return this.forget(id);
			if (!givingUp) return this.setAside(id, record, before, isNew);
			readError = (error as Error).message;
		}
		if (ownership === 'unknown') this.learnOwner(record);

		const found: IDataObject[] = [];
		const wasDraft = isNew || before?.status === 'DRAFT';
		if (wasDraft && status !== 'DRAFT') found.push(packageEvent('packageShared', record));
		// What was acted before: nothing for a draft or a new package; unknown (count what is there as before) when not read then.
		const actedBefore = wasDraft ? [] : before?.actedRecipients;
		const acted = recipients?.filter(hasActed) ?? [];
		if (recipients && actedBefore) {
			for (const recipient of acted) if (!actedBefore.includes(actionKey(recipient))) found.push(recipientEvent(record, recipient));
		}
		if (status === 'COMPLETED') found.push(packageEvent('packageCompleted', record));
		if (status === 'DECLINED') found.push(packageEvent('packageDeclined', record));
		const events = found.filter((event) => this.settings.chosen.includes(event.event as EventName));

		if (this.settings.withDetails && events.length > 0 && readError === undefined) {
			try {
				const details = await readWorkflowDetails(this.client, Number(record.package_id));
				for (const event of events) event.details = details;
			} catch (error) {
				if (isNotOwner(error) || isGone(error)) return this.forget(id);
				if (!givingUp) return this.setAside(id, record, before, isNew);
				readError = (error as Error).message;
			}
		}
		if (readError !== undefined) for (const event of events) event.readError = readError;
		this.events.push(...events);
		delete this.state.pending[id];
		this.state.followed[id] = isFinished(status)
			? { status, finishedAt: String(record.modified_on) }
			: { status, ...(status !== 'DRAFT' && recipients && readError === undefined ? { actedRecipients: acted.map(actionKey) } : {}) };
	}

	/** A package with nothing new: follows it from now on if it is not finished (its recipients as they are now count as before). */
	private keepOld(id: string, record: IDataObject, before: FollowedPackage | undefined) {
		const status = statusOf(record);
		delete this.state.pending[id];
		if (before && isFinished(before.status)) return;
		if (!isFinished(status)) this.state.followed[id] = { status };
	}

	private forget(id: string) {
		delete this.state.followed[id];
		delete this.state.pending[id];
	}

	/** A read failed: the package's events wait for the next poll, which starts from what was known before. */
	private setAside(id: string, record: IDataObject, before: FollowedPackage | undefined, isNew: boolean) {
		const failedPolls = (this.state.pending[id]?.failedPolls ?? 0) + 1;
		const listed = Object.fromEntries(
			['package_id', 'package_name', 'package_status', 'package_owner', 'uploaded_on', 'modified_on'].map((key) => [key, record[key] ?? null]),
		) as IDataObject;
		this.state.pending[id] = { failedPolls, listed, isNew, ...(before ? { before } : {}) };
	}

	/** See `activate`. */
	async takeStock() {
		const { records } = await readNewestFirst(this.client, 'ALL', () => false);
		for (const record of records) this.advanceTo(record.modified_on);
		const recipientsWanted = this.settings.chosen.includes('recipientSigned');
		for (const record of records) {
			const id = String(record.package_id);
			const status = statusOf(record);
			if (isFinished(status)) {
				if (!isBefore(record.modified_on, this.cursor)) this.state.followed[id] = { status, finishedAt: String(record.modified_on) };
				continue;
			}
			const ownership = this.ownership(record);
			if (ownership === 'foreign') continue;
			this.state.followed[id] = { status };
			if (status === 'DRAFT' || !(recipientsWanted || ownership === 'unknown') || !this.timeLeft) continue;
			try {
				const recipients = await readRecipients(this.client, Number(record.package_id));
				if (ownership === 'unknown') this.learnOwner(record);
				if (recipientsWanted) this.state.followed[id].actedRecipients = recipients.filter(hasActed).map(actionKey);
			} catch (error) {
				if (isNotOwner(error) || isGone(error)) delete this.state.followed[id];
			}
		}
	}

	/**
	 * After a poll that handled every change listed: every package uploaded before the cursor has
	 * been seen, and finished packages handled before it can go (seen again, they are no news).
	 */
	closeComplete() {
		this.state.packagesSeenUntil = this.cursor;
		for (const [id, entry] of Object.entries(this.state.followed)) {
			if (entry.finishedAt !== undefined && isBefore(entry.finishedAt, this.cursor)) delete this.state.followed[id];
		}
	}

	/**
	 * Unfinished packages whose recipients were never read (activation ran out of time, or
	 * Recipient Signed was chosen later) are read now, while half the time is left: what they show
	 * counts as before. One that changed meanwhile counts its change as before too.
	 */
	async readRecipientsStillUnknown() {
		if (!this.settings.chosen.includes('recipientSigned')) return;
		const until = (this.settings.now() + this.settings.deadline) / 2;
		for (const [id, entry] of Object.entries(this.state.followed)) {
			if (entry.actedRecipients !== undefined || entry.status === 'DRAFT' || isFinished(entry.status)) continue;
			if (this.settings.now() >= until) return;
			try {
				entry.actedRecipients = (await readRecipients(this.client, Number(id))).filter(hasActed).map(actionKey);
			} catch (error) {
				if (isNotOwner(error) || isGone(error)) delete this.state.followed[id];
			}
		}
	}

	/**
	 * Deleted packages never show in the list again: once an hour (n8n's clock) the unfinished
	 * packages followed but no longer listed as drafts or in progress are looked up one by one,
	 * and those SigningHub no longer knows (404) are dropped.
	 */
	async sweepDeleted() {
		if (this.settings.now() - this.state.sweptAt < SWEEP_INTERVAL_MS || !this.timeLeft) return;
		const listed = new Set<string>();
		for (const status of ['DRAFT', 'INPROGRESS']) {
			for (const record of (await readNewestFirst(this.client, status, () => false)).records) listed.add(String(record.package_id));
		}
		for (const [id, entry] of Object.entries(this.state.followed)) {
			if (entry.finishedAt !== undefined || listed.has(id) || this.handled.has(id)) continue;
			if (!this.timeLeft) return;
			try {
				await readWorkflowDetails(this.client, Number(id));
			} catch (error) {
				if (isGone(error)) delete this.state.followed[id];
			}
		}
		this.state.sweptAt = this.settings.now();
	}
}

/**
 * First activation: where SigningHub's list stands (its newest `modified_on`, on SigningHub's
 * clock), the user's unfinished packages with the recipients who already acted (while time
 * allows), and the finished ones at that newest instant (so they are not taken for new); emits
 * nothing. The whole list is read, so no list order is relied on.
 */
export async function activate(client: SigningHubClient, settings: ChangeSettings): Promise<TriggerState> {
	const poll = new Poll(client, { stateFormat: 2, changesHandledUntil: null, packagesSeenUntil: null, followed: {}, pending: {}, sweptAt: settings.now() }, settings);
	await poll.takeStock();
	poll.state.packagesSeenUntil = poll.state.changesHandledUntil;
	return poll.state;
}

/**
 * One poll: the events since the last one and the state to keep (a new object; `state` is not
 * touched, so a failed poll changes nothing). Stops starting packages at the deadline and
 * carries on from there in the next poll.
 */
export async function findChanges(client: SigningHubClient, state: TriggerState, settings: ChangeSettings): Promise<{ events: IDataObject[]; state: TriggerState }> {
	const poll = new Poll(client, copyState(state), settings);
	await poll.readRecipientsStillUnknown();
	let complete: boolean | 'unordered' = client.apiVersion === 'v4' ? await poll.readChangesInOrder() : 'unordered';
	if (complete === 'unordered') complete = await poll.readChangesNewestFirst();
	await poll.retryPending();
	if (complete) {
		poll.closeComplete();
		// A sweep that fails is tried again in an hour; it never costs the poll its events.
		await poll.sweepDeleted().catch(() => {
			poll.state.sweptAt = settings.now();
		});
	}
	return { events: poll.events, state: poll.state };
}

/** The most recent event of the chosen kinds among the newest packages, for the editor's Fetch Test Event. */
export async function latestEvent(client: SigningHubClient, settings: ChangeSettings): Promise<IDataObject | undefined> {
	const query = client.apiVersion === 'v4' ? { 'owned-by': 'ME', 'sort-by': 'LAST_MODIFIED', asc: false } : undefined;
	const { records } = await readPackagesPage(client, { status: 'ALL', page: 1, perPage: PAGE_SIZE, query });
	// v3's order is not documented: newest first by its own dates.
	const newestFirst = [...records].sort((a, b) => (instantOf(b.modified_on) || 0) - (instantOf(a.modified_on) || 0));
	const owner = settings.ownerEmail?.toLowerCase();
	for (const record of newestFirst) {
		if (owner && String(record.package_owner ?? '').toLowerCase() !== owner) continue;
		const status = statusOf(record);
		if (status === 'DRAFT') continue;
		const candidates: IDataObject[] = [];
		if (settings.chosen.includes('recipientSigned') || (!owner && client.apiVersion === 'v3')) {
			// Another's package (or one deleted meanwhile) is passed over; any other failure is the fetch's.
			const recipients = await readRecipients(client, Number(record.package_id)).catch(async (error: unknown) =>
				isNotOwner(error) || isGone(error) ? undefined : await Promise.reject(error),
			);
			if (!recipients) continue;
			const latest = recipients.filter(hasActed).sort((a, b) => (instantOf(b.processed_on) || 0) - (instantOf(a.processed_on) || 0))[0];
			if (latest) candidates.push(recipientEvent(record, latest));
		}
		if (status === 'COMPLETED') candidates.unshift(packageEvent('packageCompleted', record));
		if (status === 'DECLINED') candidates.unshift(packageEvent('packageDeclined', record));
		candidates.push(packageEvent('packageShared', record));
		const event = candidates.find((candidate) => settings.chosen.includes(candidate.event as EventName));
		if (event) {
			if (settings.withDetails) event.details = await readWorkflowDetails(client, Number(record.package_id));
			return event;
		}
	}
	return undefined;
}
