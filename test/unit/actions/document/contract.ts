// The sample contract of the simulator (a PDF with text, checkbox, radio and dropdown fields)
// in a package, and as an input item's file, for the fields operations' tests.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { fileInput, OWNER } from '../harness';

const { formPdf } = require('../../../simulator/fields');

export const CUSTOMER = 'colleague@example.com';
export const CONTRACT_PDF: Buffer = formPdf();

/** A package of OWNER holding the sample contract, with the customer (order 1) and the owner (order 2) as signers. */
export function contractPackage(id: number, status = 'DRAFT', extra: IDataObject = {}): IDataObject {
	return {
		id,
		owner: OWNER,
		status,
		name: `Contract ${id}`,
		documents: [{ name: 'contract.pdf', content: CONTRACT_PDF }],
		recipients: [
			{ user_email: CUSTOMER, user_name: 'Colleague Customer', role: 'SIGNER' },
			{ user_email: OWNER, user_name: 'Owner', role: 'SIGNER' },
		],
		...extra,
	};
}

/** An input item with `json` and the given PDFs as binary fields, each named after its field. */
export function itemWithFiles(json: IDataObject, files: Record<string, Buffer> = { data: CONTRACT_PDF }): INodeExecutionData {
	const binaries = Object.entries(files).map(([field, bytes]) => fileInput(json, field, `${field}.pdf`, bytes).binary);
	return { json, binary: Object.assign({}, ...binaries) };
}
