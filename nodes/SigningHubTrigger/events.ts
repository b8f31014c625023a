import type { IDataObject } from 'n8n-workflow';

import { hasNextPage, PAGE_SIZE, readPackagesPage, readRecipients, readWorkflowDetails } from '../SigningHub/reads';
import type { SigningHubClient } from '../SigningHub/transport';

export type EventName = 'packageCompleted' | 'packageDeclined' | 'packageShared' | 'recipientSigned';

/** What the trigger remembers of a package it has seen since it was activated. */
interface SeenPackage {
	/** Status as the owner sees it. */
	s: string;
	/** `modified_on` when last seen. */
	m: string;
	/** Recipient actions already emitted: `order:email`. */
	a?: string[];
}

/**
 * The trigger's state, kept in n8n's workflow static data: the newest `modified_on` seen, when
 * the trigger was activated (SigningHub's clock), and the packages seen since that may still
 * change. Finished packages are dropped once the cursor has moved past them.
 */
export interface PollState {
	cursor?: string;
	activatedAt?: string;
	packages?: Record<string, SeenPackage>;
}

const FINISHED = ['COMPLETED', 'DECLINED'];
/** A recipient's `process_status` after signing or approving. */
const ACTED = ['SIGNED', 'REVIEWED'];

const time = (value: unknown) => Date.parse(String(value ?? ''));

/** Whether `a` is later than `b`; a date SigningHub writes in a form we cannot read counts as later. */
const later = (a: unknown, b: unknown) => !(time(a) <= time(b));

async function listPage(client: SigningHubClient, status: string, page: number, since?: string) {
	// v4 filters and sorts on the server; v3 ignores these and lists newest first.
	const query = since && client.apiVersion === 'v4' ? { 'modified-from': since, 'sort-by': 'LAST_MODIFIED', asc: false } : undefined;
	return await readPackagesPage(client, { status, page, perPage: PAGE_SIZE, query });
}

/** Packages modified at or after `since`, newest first: pages until a short one, or one older than `since`. */
async function changedSince(client: SigningHubClient, since: string): Promise<IDataObject[]> {
	const changed: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const listed = await listPage(client, 'ALL', page, since);
		const recent = listed.records.filter((record) => !later(since, record.modified_on));
		changed.push(...recent);
		if (!hasNextPage(page, PAGE_SIZE, listed) || recent.length < listed.records.length) return changed;
	}
}

function packageEvent(event: EventName, record: IDataObject): IDataObject {
	return {
		event,
		packageId: record.package_id,
		packageName: record.package_name,
		packageStatus: record.package_status,
		owner: record.package_owner,
		modifiedOn: record.modified_on,
	};
}

/**
 * First activation: remembers where SigningHub's package list stands and which packages are in
 * draft (so their sharing later is seen), and emits nothing from the past.
 */
export async function activate(client: SigningHubClient): Promise<PollState> {
	const [newest] = (await listPage(client, 'ALL', 1)).records;
	const packages: Record<string, SeenPackage> = {};
	for (let page = 1; ; page++) {
		const drafts = await listPage(client, 'DRAFT', page);
		for (const draft of drafts.records) packages[String(draft.package_id)] = { s: 'DRAFT', m: String(draft.modified_on) };
		if (!hasNextPage(page, PAGE_SIZE, drafts)) break;
	}
	const now = newest ? String(newest.modified_on) : new Date().toISOString();
	return { cursor: now, activatedAt: now, packages };
}

/**
 * One poll: the events since the last one, and the state to keep. Changes nothing when a
 * request fails (the caller keeps the old state), so the next poll catches up.
 */
export async function poll(client: SigningHubClient, state: PollState, chosen: EventName[], withDetails: boolean) {
	const cursor = state.cursor as string;
	const seen = { ...state.packages };
	const events: IDataObject[] = [];
	let newest = cursor;
	const changed = (await changedSince(client, cursor)).reverse();
	for (const record of changed) {
		const id = String(record.package_id);
		const status = String(record.package_status ?? '').toUpperCase();
		const before = seen[id];
		if (before?.m === String(record.modified_on)) continue;
		if (later(record.modified_on, newest)) newest = String(record.modified_on);
		// A package first seen now: born after activation means it was a draft then.
		const previous = before?.s ?? (later(record.uploaded_on, state.activatedAt) ? 'DRAFT' : undefined);
		const found: IDataObject[] = [];
		if (previous === 'DRAFT' && status !== 'DRAFT') found.push(packageEvent('packageShared', record));
		const acted = new Set(status === 'DRAFT' ? [] : (before?.a ?? []));
		if (chosen.includes('recipientSigned') && status !== 'DRAFT') {
			for (const recipient of await readRecipients(client, Number(record.package_id))) {
				const key = `${String(recipient.order)}:${String(recipient.user_email)}`;
				if (!ACTED.includes(String(recipient.process_status)) || acted.has(key)) continue;
				acted.add(key);
				if (!later(recipient.processed_on, state.activatedAt)) continue;
				found.push({
					...packageEvent('recipientSigned', record),
					email: recipient.user_email,
					name: recipient.user_name,
					role: recipient.role,
					processedOn: recipient.processed_on,
				});
			}
		}
		if (status === 'COMPLETED' && previous !== 'COMPLETED') found.push(packageEvent('packageCompleted', record));
		if (status === 'DECLINED' && previous !== 'DECLINED') found.push(packageEvent('packageDeclined', record));
		seen[id] = { s: status, m: String(record.modified_on), ...(acted.size && !FINISHED.includes(status) ? { a: [...acted] } : {}) };
		events.push(...found.filter((event) => chosen.includes(event.event as EventName)));
	}
	for (const [id, entry] of Object.entries(seen)) {
		if (FINISHED.includes(entry.s) && later(newest, entry.m)) delete seen[id];
	}
	if (withDetails) await addDetails(client, events);
	return { events, state: { ...state, cursor: newest, packages: seen } };
}

/** The most recent event of the chosen kinds, for the editor's Fetch Test Event. */
export async function latestEvent(client: SigningHubClient, chosen: EventName[], withDetails: boolean): Promise<IDataObject | undefined> {
	for (const record of (await listPage(client, 'ALL', 1)).records) {
		const status = String(record.package_status ?? '').toUpperCase();
		const candidates: IDataObject[] = [];
		if (status === 'COMPLETED') candidates.push(packageEvent('packageCompleted', record));
		if (status === 'DECLINED') candidates.push(packageEvent('packageDeclined', record));
		if (status !== 'DRAFT') candidates.push(packageEvent('packageShared', record));
		if (chosen.includes('recipientSigned') && status !== 'DRAFT') {
			const signed = (await readRecipients(client, Number(record.package_id)))
				.filter((recipient) => ACTED.includes(String(recipient.process_status)))
				.sort((a, b) => time(b.processed_on) - time(a.processed_on));
			if (signed[0]) {
				const [recipient] = signed;
				candidates.unshift({ ...packageEvent('recipientSigned', record), email: recipient.user_email, name: recipient.user_name, role: recipient.role, processedOn: recipient.processed_on });
			}
		}
		const event = candidates.find((candidate) => chosen.includes(candidate.event as EventName));
		if (event) {
			if (withDetails) await addDetails(client, [event]);
			return event;
		}
	}
	return undefined;
}

async function addDetails(client: SigningHubClient, events: IDataObject[]) {
	const details = new Map<number, Promise<IDataObject>>();
	for (const event of events) {
		const id = Number(event.packageId);
		if (!details.has(id)) details.set(id, readWorkflowDetails(client, id));
		event.details = await details.get(id);
	}
}
