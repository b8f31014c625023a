// Package > Download: the package's file in each item's own output field, bad input refused
// before any request, SigningHub's refusals in its words, on v3 and v4; safe file names, the
// extension from the type when SigningHub sends no name, and Max File Size while receiving.
import { API_VERSIONS, NOT_OWNER, nodeHarness, OWNER } from '../harness';

const { HOSTILE_FILE_NAME } = require('../../../simulator/files');

const harness = nodeHarness();

const download = (options: object = {}) => ({ resource: 'package', operation: 'download', packageId: '={{ $json.packageId }}', options });

const contract = Buffer.from('%PDF-1.4 contract of package 7 %%EOF');

describe.each(API_VERSIONS)('Package > Download (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, name: 'One document', documents: [{ name: 'contract.pdf', content: contract }] },
				{ id: 8, owner: OWNER, name: 'Two documents', documents: [{ name: 'a.pdf', content: 'A' }, { name: 'b.pdf', content: 'B' }] },
				{ id: 9, owner: 'colleague@example.com', name: 'Not mine', documents: [{ name: 'c.pdf', content: 'C' }] },
				{ id: 10, owner: OWNER, status: 'DRAFT', documents: [{ name: 'd.pdf', content: 'D' }] },
			],
		}),
	);

	it("puts each package's file into the output field its item names: the PDF of one document, a zip of several", async () => {
		const { output, bytesOf } = await harness.run(download({ binaryPropertyName: '={{ $json.field }}' }), [
			{ packageId: 7, field: 'contract' },
			{ packageId: 8, field: 'bundle' },
		], { apiVersion });

		expect(harness.calls()).toEqual([`GET /${apiVersion}/packages/7`, `GET /${apiVersion}/packages/8`]);
		expect(output.map((item) => [item.json, Object.keys(item.binary ?? {}), item.pairedItem])).toEqual([
			[{ packageId: 7, fileName: 'contract.pdf', mimeType: 'application/pdf', fileSize: contract.length }, ['contract'], { item: 0 }],
			[{ packageId: 8, fileName: 'Two documents.zip', mimeType: 'application/zip', fileSize: expect.any(Number) }, ['bundle'], { item: 1 }],
		]);
		expect(bytesOf(output[0].binary?.contract)).toEqual(contract);
		expect(bytesOf(output[1].binary?.bundle)?.subarray(0, 2).toString()).toBe('PK');
		expect(output[1].binary?.bundle).toMatchObject({ fileName: 'Two documents.zip', mimeType: 'application/zip' });
	});

	it('puts the file in "data" when Put Output File in Field is not added', async () => {
		const { output } = await harness.run(download(), [{ packageId: 7 }], { apiVersion });
		expect(Object.keys(output[0].binary ?? {})).toEqual(['data']);
	});

	it('refuses a Package ID that is not a positive whole number before any request', async () => {
		const errors = await harness.refused(download(), [{ packageId: '' }, { packageId: '7/../8' }, { packageId: 0 }], { apiVersion });
		expect(errors.map((error) => [error.message, error.packageId])).toEqual([
			['Package ID is empty', ''],
			['Package ID must be a positive whole number, not "7/../8"', '7/../8'],
			['Package ID must be a positive whole number, not "0"', 0],
		]);
	});

	it("passes SigningHub's documented refusals on in its words: another owner's package, a draft", async () => {
		const errors = await harness.errors(download(), [{ packageId: 9 }, { packageId: 10 }, { packageId: 7 }], { apiVersion });
		expect(errors).toEqual([
			expect.objectContaining({ ...NOT_OWNER, message: 'Could not download package 9: Document does not belong to user', packageId: 9 }),
			expect.objectContaining({
				httpCode: 403,
				signingHubMessage: 'Downloading document is not allowed in draft mode',
				description: expect.stringMatching(/status does not allow this.*a draft cannot be downloaded/),
				packageId: 10,
			}),
			undefined,
		]);
	});
});

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF\n`);
const downloadById = (options: object = {}) => ({ resource: 'package', operation: 'download', packageId: '={{ $json.id }}', options });
const edgePackages = [
	{ id: 11, owner: OWNER, status: 'COMPLETED', name: 'One', documents: [{ name: 'one.pdf', content: PDF('one') }] },
	{ id: 12, owner: OWNER, status: 'COMPLETED', name: 'Two', documents: [{ name: 'a.pdf', content: PDF('a') }, { name: 'b.pdf', content: PDF('b') }] },
	{ id: 13, owner: OWNER, status: 'DRAFT', name: 'Draft', documents: [{ name: 'draft.pdf', content: PDF('draft') }] },
];

describe.each(API_VERSIONS)('Package > Download: safe names, types and Max File Size (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: edgePackages }));

	it('keeps only a safe base name of a hostile name: no path, control or bidirectional characters', async () => {
		harness.sim.setOptions({ downloadContentDisposition: 'hostile' });
		const { output } = await harness.run(downloadById(), [{ id: 11 }], { apiVersion });
		expect(HOSTILE_FILE_NAME).toContain('\u202E');
		expect(output[0].json.fileName).toBe('passwdfdp.exe');
		expect(output[0].binary?.data.fileName).toBe('passwdfdp.exe');
	});

	it('names a file SigningHub sent without a name after the package, with the extension of its type: .pdf for one document, .zip for several', async () => {
		harness.sim.setOptions({ downloadContentDisposition: 'omit' });
		const { output } = await harness.run(downloadById(), [{ id: 11 }, { id: 12 }], { apiVersion });
		expect(output.map((item) => [item.json.fileName, item.json.mimeType])).toEqual([
			['package-11.pdf', 'application/pdf'],
			['package-12.zip', 'application/zip'],
		]);
	});

	it('fails the item past Max File Size (1,000 MB of 1,000,000 bytes unless set), having stopped receiving; a smaller file passes', async () => {
		harness.sim.setOptions({ hugeDownloadBytes: 3 * 1024 * 1024 });
		const from = harness.sim.log.length;
		const { output } = await harness.run(downloadById({ maxFileSize: '={{ $json.max }}' }), [{ id: 11, max: 1 }, { id: 11, max: 5 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'Could not download package 11: the file is larger than 1 MB (Max File Size)', httpCode: null });
		expect(output[1].json).toMatchObject({ packageId: 11, fileSize: 3 * 1024 * 1024 });
		// Not tried again: the same file would be as large.
		expect(harness.requests(from).filter((entry) => entry.status !== 401)).toHaveLength(2);
	});

	it('refuses a Max File Size that is not a whole number of megabytes before any request', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(downloadById({ maxFileSize: 'lots' }), [{ id: 11 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'Max File Size (MB) must be a whole number of at least 1, not "lots"', attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});

	it('retries a download whose connection dropped midway, then says so', async () => {
		harness.sim.setOptions({ dropDownloadAfterBytes: 10 });
		const from = harness.sim.log.length;
		const { output } = await harness.run(downloadById(), [{ id: 11 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: null, message: 'Could not download package 11: the connection broke after 10 bytes of the file' });
		const tries = harness.requests(from).filter((entry) => entry.status !== 401);
		expect(tries.length).toBeGreaterThan(1);
		expect(new Set(tries.map((entry) => entry.status))).toEqual(new Set(['dropped']));
	});

});
