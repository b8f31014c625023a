// Document > Upload: x-convert-document for what is not a PDF, one rule for x-file-name, and a
// safe base name from the binary's file name.
import type { INodeExecutionData } from 'n8n-workflow';

import { fileNameHeader } from '../../../../nodes/SigningHub/actions/document/upload.operation';
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n');
const DOCX = Buffer.from('PK\x03\x04 a Word document', 'latin1');
const upload = { resource: 'document', operation: 'upload', packageId: '={{ $json.packageId }}', binaryPropertyName: 'data' };
const fileItem = (fileName: string, bytes: Buffer, mimeType: string): INodeExecutionData => ({
	json: { packageId: 5 },
	binary: { data: { data: bytes.toString('base64'), fileName, mimeType } },
});

describe('the x-file-name rule', () => {
	it.each([
		['Test file.pdf', 'Test file.pdf'],
		['100%.pdf', '100%25.pdf'],
		['Договор.pdf', `${encodeURIComponent('Договор')}.pdf`],
		['Café 合同.docx', `Caf${encodeURIComponent('é')} ${encodeURIComponent('合同')}.docx`],
	])('%p goes as %p', (name, header) => {
		expect(fileNameHeader(name)).toBe(header);
		expect(decodeURIComponent(header)).toBe(name);
	});
});

describe.each(['v4', 'v3'])('Document > Upload (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 5, owner: OWNER, status: 'DRAFT' }] }));

	it('asks SigningHub to convert a Word file, not a PDF', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(upload, [fileItem('contract.pdf', PDF, 'application/pdf'), fileItem('annex.docx', DOCX, 'application/octet-stream')], { apiVersion });
		const sent = harness.requests(from).map((entry) => (entry.headers as Record<string, unknown>)['x-convert-document']);
		expect(sent).toEqual([undefined, 'true']);
		expect(output.map((item) => item.json.fileName)).toEqual(['contract.pdf', 'annex.docx']);
		expect(harness.sim.packageOf(5).documents.map((doc: { name: string }) => doc.name)).toEqual(['contract.pdf', 'annex.pdf']);
	});

	it('sends a name in any script that SigningHub reads back, and only the base name of a path', async () => {
		const { output } = await harness.run(upload, [fileItem('Договор 100%.pdf', PDF, 'application/pdf'), fileItem('../../secret/\u202Eevil\u0007.pdf', PDF, 'application/pdf')], { apiVersion });
		expect(output.map((item) => item.json.fileName)).toEqual(['Договор 100%.pdf', 'evil.pdf']);
		expect(harness.sim.packageOf(5).documents.map((doc: { name: string }) => doc.name)).toEqual(['Договор 100%.pdf', 'evil.pdf']);
	});
});
