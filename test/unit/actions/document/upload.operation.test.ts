// Document > Upload: each item's file, from the binary field the item names, into its package;
// bad input refused before any request, SigningHub's refusals in its words, on v3 and v4;
// x-convert-document for what is not a PDF, one rule for x-file-name, a safe base name.
import type { INodeExecutionData } from 'n8n-workflow';

import { API_VERSIONS, NOT_OWNER, fileInput, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const upload = { resource: 'document', operation: 'upload', packageId: '={{ $json.packageId }}', binaryPropertyName: '={{ $json.field }}' };

const contract = Buffer.from('%PDF-1.4 contract %%EOF');
const annex = Buffer.from('%PDF-1.4 annex %%EOF');

describe.each(API_VERSIONS)('Document > Upload (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'DRAFT' },
				{ id: 8, owner: OWNER, status: 'IN_PROGRESS' },
				{ id: 9, owner: 'colleague@example.com', status: 'DRAFT' },
			],
		}),
	);

	it('uploads the file of the field each item names, keeping its name and bytes', async () => {
		/** SigningHub's answer: v3's (1022) carries only the new document's ID. */
		const answer = (doc: { id: number; name: string }, bytes: Buffer) =>
			apiVersion === 'v3' ? { documentid: doc.id } : { document_id: doc.id, document_name: doc.name, document_pages: 1, document_size: bytes.length };
		const { output } = await harness.run(upload, [
			fileInput({ packageId: 7, field: 'contract' }, 'contract', 'Vertrag München.pdf', contract),
			fileInput({ packageId: 7, field: 'annex' }, 'annex', 'annex.pdf', annex),
		], { apiVersion });

		expect(harness.calls()).toEqual([`POST /${apiVersion}/packages/7/documents`, `POST /${apiVersion}/packages/7/documents`]);
		const documents = harness.sim.packageOf(7).documents;
		expect(documents.map((doc: { name: string; content: Buffer; source: string }) => [doc.name, doc.content, doc.source])).toEqual([
			['Vertrag München.pdf', contract, 'API'],
			['annex.pdf', annex, 'API'],
		]);
		expect(output.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ packageId: 7, documentId: documents[0].id, fileName: 'Vertrag München.pdf', ...answer(documents[0], contract) }, { item: 0 }],
			[{ packageId: 7, documentId: documents[1].id, fileName: 'annex.pdf', ...answer(documents[1], annex) }, { item: 1 }],
		]);
	});

	it('refuses a missing file, an empty field name or a bad Package ID before any request', async () => {
		const errors = await harness.refused(upload, [
			fileInput({ packageId: 7, field: 'data' }, 'contract', 'contract.pdf', contract),
			{ packageId: 7, field: 'data' },
			fileInput({ packageId: 7, field: '' }, 'data', 'contract.pdf', contract),
			fileInput({ packageId: 'seven', field: 'data' }, 'data', 'contract.pdf', contract),
		], { apiVersion });
		expect(errors.map((error) => [error.message, error.description, error.packageId])).toEqual([
			['The input item has no file in the binary field "data"', 'Set Input Binary Field to one of: contract.', 7],
			['The input item has no file in the binary field "data"', expect.stringContaining('Put a file in the item first'), 7],
			['Input Binary Field is empty', expect.any(String), 7],
			['Package ID must be a positive whole number, not "seven"', expect.any(String), 'seven'],
		]);
	});

	it('refuses an empty file before any request', async () => {
		await harness.refused(upload, [fileInput({ packageId: 7, field: 'data' }, 'data', 'empty.pdf', Buffer.alloc(0))], { apiVersion });
	});

	it("passes SigningHub's refusals on in its words: a package not in draft, another owner's", async () => {
		const file = (packageId: number) => fileInput({ packageId, field: 'data' }, 'data', 'contract.pdf', contract);
		const errors = await harness.errors(upload, [file(8), file(9)], { apiVersion });
		expect(errors).toEqual([
			// Documented for Share; the simulator assumes the same answer for uploads.
			expect.objectContaining({ httpCode: 403, message: 'Could not upload "contract.pdf" to package 8: Document is no longer in draft state', packageId: 8 }),
			expect.objectContaining({ ...NOT_OWNER, packageId: 9 }),
		]);
		expect(harness.sim.packageOf(8).documents).toEqual([]);
	});
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n');
const DOCX = Buffer.from('PK\x03\x04 a Word document', 'latin1');
const uploadData = { resource: 'document', operation: 'upload', packageId: '={{ $json.packageId }}', binaryPropertyName: 'data' };
const fileItem = (fileName: string, bytes: Buffer, mimeType: string): INodeExecutionData => ({
	json: { packageId: 5 },
	binary: { data: { data: bytes.toString('base64'), fileName, mimeType } },
});

describe.each(API_VERSIONS)('Document > Upload: conversion and file names (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 5, owner: OWNER, status: 'DRAFT' }] }));

	it('asks SigningHub to convert a Word file, not a PDF', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(uploadData, [fileItem('contract.pdf', PDF, 'application/pdf'), fileItem('annex.docx', DOCX, 'application/octet-stream')], { apiVersion });
		const sent = harness.requests(from).map((entry) => (entry.headers as Record<string, unknown>)['x-convert-document']);
		expect(sent).toEqual([undefined, 'true']);
		expect(output.map((item) => item.json.fileName)).toEqual(['contract.pdf', 'annex.docx']);
		expect(harness.sim.packageOf(5).documents.map((doc: { name: string }) => doc.name)).toEqual(['contract.pdf', 'annex.pdf']);
	});

	it.each([
		['Test file.pdf', 'Test file.pdf'],
		['100%.pdf', '100%25.pdf'],
		['Договор.pdf', `${encodeURIComponent('Договор')}.pdf`],
		['Café 合同.pdf', `Caf${encodeURIComponent('é')} ${encodeURIComponent('合同')}.pdf`],
	])('one rule for x-file-name: %p goes as %p (printable ASCII as it is, anything else and %% percent-encoded)', async (name, header) => {
		const from = harness.sim.log.length;
		await harness.run(uploadData, [fileItem(name, PDF, 'application/pdf')], { apiVersion });
		const [request] = harness.requests(from).filter((entry) => entry.status !== 401);
		expect((request.headers as Record<string, unknown>)['x-file-name']).toBe(header);
		expect(harness.sim.packageOf(5).documents.map((doc: { name: string }) => doc.name)).toEqual([name]);
	});

	it('sends a name in any script that SigningHub reads back, and only the base name of a path', async () => {
		const { output } = await harness.run(uploadData, [fileItem('Договор 100%.pdf', PDF, 'application/pdf'), fileItem('../../secret/\u202Eevil\u0007.pdf', PDF, 'application/pdf')], { apiVersion });
		expect(output.map((item) => item.json.fileName)).toEqual(['Договор 100%.pdf', 'evil.pdf']);
		expect(harness.sim.packageOf(5).documents.map((doc: { name: string }) => doc.name)).toEqual(['Договор 100%.pdf', 'evil.pdf']);
	});
});
