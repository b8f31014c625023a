// Package > Download: safe base names, the extension from the type when SigningHub sends no
// name, and Max File Size enforced while the answer arrives.
import { nodeHarness, OWNER } from '../harness';

const { HOSTILE_FILE_NAME } = require('../../../simulator/files');

const harness = nodeHarness();

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n${text}\n%%EOF\n`);
const download = (options: object = {}) => ({ resource: 'package', operation: 'download', packageId: '={{ $json.id }}', options });
const packages = [
	{ id: 11, owner: OWNER, status: 'COMPLETED', name: 'One', documents: [{ name: 'one.pdf', content: PDF('one') }] },
	{ id: 12, owner: OWNER, status: 'COMPLETED', name: 'Two', documents: [{ name: 'a.pdf', content: PDF('a') }, { name: 'b.pdf', content: PDF('b') }] },
	{ id: 13, owner: OWNER, status: 'DRAFT', name: 'Draft', documents: [{ name: 'draft.pdf', content: PDF('draft') }] },
];

describe.each(['v4', 'v3'])('Package > Download (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages }));

	it('keeps only a safe base name of a hostile name: no path, control or bidirectional characters', async () => {
		harness.sim.setOptions({ downloadContentDisposition: 'hostile' });
		const { output } = await harness.run(download(), [{ id: 11 }], { apiVersion });
		expect(HOSTILE_FILE_NAME).toContain('\u202E');
		expect(output[0].json.fileName).toBe('passwdfdp.exe');
		expect(output[0].binary?.data.fileName).toBe('passwdfdp.exe');
	});

	it('names a file SigningHub sent without a name after the package, with the extension of its type: .pdf for one document, .zip for several', async () => {
		harness.sim.setOptions({ downloadContentDisposition: 'omit' });
		const { output } = await harness.run(download(), [{ id: 11 }, { id: 12 }], { apiVersion });
		expect(output.map((item) => [item.json.fileName, item.json.mimeType])).toEqual([
			['package-11.pdf', 'application/pdf'],
			['package-12.zip', 'application/zip'],
		]);
	});

	it('fails the item past Max File Size (100 MB unless set), having stopped receiving; a smaller file passes', async () => {
		harness.sim.setOptions({ hugeDownloadBytes: 3 * 1024 * 1024 });
		const from = harness.sim.log.length;
		const { output } = await harness.run(download({ maxFileSize: '={{ $json.max }}' }), [{ id: 11, max: 1 }, { id: 11, max: 5 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'Could not download package 11: the file is larger than 1 MB (Max File Size)', httpCode: null });
		expect(output[1].json).toMatchObject({ packageId: 11, fileSize: 3 * 1024 * 1024 });
		// Not tried again: the same file would be as large.
		expect(harness.requests(from).filter((entry) => entry.status !== 401)).toHaveLength(2);
	});

	it('refuses a Max File Size that is not a whole number of megabytes before any request', async () => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(download({ maxFileSize: 'lots' }), [{ id: 11 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'Max File Size (MB) must be a whole number of at least 1, not "lots"', attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});

	it('retries a download whose connection dropped midway, then says so', async () => {
		harness.sim.setOptions({ dropDownloadAfterBytes: 10 });
		const from = harness.sim.log.length;
		const { output } = await harness.run(download(), [{ id: 11 }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: null, message: expect.stringMatching(/^Could not reach SigningHub at .* \(ECONNRESET\)$/) });
		const tries = harness.requests(from).filter((entry) => entry.status !== 401);
		expect(tries.length).toBeGreaterThan(1);
		expect(new Set(tries.map((entry) => entry.status))).toEqual(new Set(['dropped']));
	});

	it("says a draft cannot be downloaded, in SigningHub's words, with advice about the package's status", async () => {
		const { output } = await harness.run(download(), [{ id: 13 }], { apiVersion, continueOnFail: true });
		const error = output[0].json.error as { description: string };
		expect(error).toMatchObject({ httpCode: 403, signingHubMessage: 'Downloading document is not allowed in draft mode' });
		expect(error.description).toMatch(/status does not allow this.*a draft cannot be downloaded/);
	});
});
