import type { IDataObject } from 'n8n-workflow';

export type EventName = 'packageCompleted' | 'packageDeclined' | 'packageShared' | 'recipientSigned';

/**
 * A recipient's `process_status` once they acted: v4's schema has SIGNED (signer, in-person
 * host), REVIEWED (reviewer) and EDITED (editor); v3's example shows PROCESSED. DECLINED is the
 * Package Declined event; UN_PROCESSED, IN_PROGRESS and INVALID are not actions.
 */
export const ACTED_STATUSES = ['SIGNED', 'REVIEWED', 'EDITED', 'PROCESSED'];

/** `package_status` as the owner sees it, upper case (`null` and the like as empty). */
export function statusOf(record: IDataObject): string {
	return String(record.package_status ?? '').toUpperCase();
}

export const isFinished = (status: string) => status === 'COMPLETED' || status === 'DECLINED';

export function hasActed(recipient: IDataObject): boolean {
	return ACTED_STATUSES.includes(String(recipient.process_status ?? '').toUpperCase());
}

/**
 * One recipient action, as the trigger remembers it: the recipient's place and email, what they
 * did and when (SigningHub's `processed_on`, so acting again after a recall is a new action).
 */
export function actionKey(recipient: IDataObject): string {
	const email = String(recipient.user_email ?? '').toLowerCase();
	return `${String(recipient.order ?? '')}:${email}:${String(recipient.process_status ?? '').toUpperCase()}@${String(recipient.processed_on ?? '')}`;
}

export function packageEvent(event: EventName, record: IDataObject): IDataObject {
	return {
		event,
		packageId: record.package_id,
		packageName: record.package_name,
		packageStatus: record.package_status,
		owner: record.package_owner,
		modifiedOn: record.modified_on,
	};
}

export function recipientEvent(record: IDataObject, recipient: IDataObject): IDataObject {
	return {
		...packageEvent('recipientSigned', record),
		email: recipient.user_email,
		name: recipient.user_name,
		role: recipient.role,
		order: recipient.order,
		processStatus: recipient.process_status,
		processedOn: recipient.processed_on,
	};
}
