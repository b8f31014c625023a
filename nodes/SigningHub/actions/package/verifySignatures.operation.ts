import type { IDataObject } from 'n8n-workflow';

import { documentIdOption, inputsNamed, packageIdProperty, readOption, readId, readPackageId } from '../parameters';
import type { Operation } from '../types';

const documentOption = documentIdOption("Verify only this document's signatures; without it, every document of the package");

/** One signature as an output item: SigningHub's fields, and `valid` to gate on. */
function signatureItem(packageId: number, documentId: unknown, signature: IDataObject) {
	// The vendor's examples write the status both as VALID and as valid.
	const valid = String(signature.signature_status ?? '').toUpperCase() === 'VALID';
	return { json: { packageId, documentId: documentId ?? null, valid, ...signature } };
}

export const verifySignatures: Operation = {
	resource: 'package',
	value: 'verifySignatures',
	name: 'Verify Signatures',
	description: "Check every signature of a package (or of one document): signer, time, status, timestamp, certificate",
	action: 'Verify the signatures of a package',
	agent: {
		does: 'Verifies the signatures of a SigningHub package, or of one of its documents: for each signature its signer, signing time, status (valid: true or false), timestamp and certificate (subject, issuer, validity). Needs the package ID; optionally a document ID. Returns one item per signature, or one item with valid: false and signatureCount: 0 when there is none.',
	},
	properties: [packageIdProperty('The ID of the package whose signatures to verify, e.g. 123')],
	options: [documentOption],
	identifyingInputs: inputsNamed('packageId', 'options.documentId'),
	read: ({ context, itemIndex }) => ({
		packageId: readPackageId(context, itemIndex),
		documentId: readOption(context, itemIndex, documentOption) === undefined ? undefined : readId(context, itemIndex, 'options.documentId', 'Document ID'),
	}),
	async send({ client }, { packageId, documentId }) {
		const response = await client.request({
			method: 'GET',
			endpoint: documentId === undefined ? 'packageVerification' : 'documentVerification',
			pathParameters: { packageId, ...(documentId === undefined ? {} : { documentId }) },
			// Base64 signer photos are not sent: items stay small.
			headers: { 'x-base64': 'false' },
			expect: 'jsonArray',
			repeatable: true,
			action: `verify the signatures of ${documentId === undefined ? '' : `document ${documentId} of `}package ${packageId}`,
		});
		const answer = response.body as IDataObject[];
		const items =
			documentId === undefined
				? answer.flatMap((document) => ((document.fields ?? []) as IDataObject[]).map((signature) => signatureItem(packageId, document.document_id, signature)))
				: answer.map((signature) => signatureItem(packageId, documentId, signature));
		return items.length > 0 ? items : [{ json: { packageId, documentId: documentId ?? null, valid: false, signatureCount: 0 } }];
	},
};
