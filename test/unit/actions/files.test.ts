// Files stream: an upload goes from n8n's binary store into the request (opened afresh for each
// try, never sent again after a lost answer), a download from SigningHub's answer into the
// binary store; a download that breaks off fails its item and nothing of it is kept.
import { safeBaseName } from '../../../nodes/SigningHub/actions/files';
import { API_VERSIONS, fileInput, nodeHarness, OWNER, storedFileInput } from './harness';

const harness = nodeHarness();

const MB = 1024 * 1024;
const upload = { resource: 'document', operation: 'upload', packageId: '={{ $json.packageId }}', binaryPropertyName: 'data' };
const download = { resource: 'package', operation: 'download', packageId: '={{ $json.packageId }}', options: {} };

/** A PDF-looking file of `size` bytes whose every byte counts. */
function bigPdf(size: number): Buffer {
	const bytes = Buffer.alloc(size);
	for (let i = 0; i + 4 <= size; i += 4) bytes.writeUInt32LE((i * 2654435761) >>> 0, i);
	Buffer.from('%PDF-1.4\n').copy(bytes, 0);
	return bytes;
}

describe('files stream', () => {
	const file = bigPdf(3 * MB + 17);
	const storedFiles = { 'filesystem-v2:big': file };
	const input = storedFileInput({ packageId: 7 }, 'data', 'big.pdf', 'filesystem-v2:big');
	const uploads = (from: number) => harness.requests(from).filter((entry) => entry.method === 'POST' && String(entry.path).endsWith('/documents'));

	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'DRAFT' },
				{ id: 8, owner: OWNER, name: 'Signed', documents: [{ name: 'signed.pdf', content: file }] },
			],
		}),
	);

	it('uploads a file in the binary store as a stream, never reading it whole, in one request', async () => {
		const from = harness.sim.log.length;
		const { output, wholeReads } = await harness.run(upload, [input], { storedFiles });
		expect(output[0].json).toMatchObject({ packageId: 7, fileName: 'big.pdf' });
		expect(wholeReads).toEqual([]);
		expect(uploads(from).map((entry) => entry.bodyBytes)).toEqual([file.length]);
		expect(harness.sim.packageOf(7).documents[0].content.equals(file)).toBe(true);
	});

	it('opens the file again for a try SigningHub refused for the moment: the whole file each time', async () => {
		harness.sim.addFaults({ path: '/packages/7/documents$', method: 'POST', status: 503, headers: { 'retry-after': '0' }, times: 1 });
		const from = harness.sim.log.length;
		await harness.run(upload, [input], { storedFiles });
		expect(uploads(from).map((entry) => entry.bodyBytes)).toEqual([file.length, file.length]);
		expect(harness.sim.packageOf(7).documents.map((doc: { content: Buffer }) => doc.content.equals(file))).toEqual([true]);
	});

	it('does not send the file again after a try whose answer was lost', async () => {
		harness.sim.addFaults({ path: '/packages/7/documents$', method: 'POST', kind: 'drop', after: true, times: 1 });
		const from = harness.sim.log.length;
		const errors = await harness.errors(upload, [input], { storedFiles });
		expect(errors[0]).toMatchObject({ message: expect.stringMatching(/SigningHub may have carried it out$/) });
		expect(uploads(from)).toHaveLength(1);
	});

	it('refuses an empty file in the binary store before any request', async () => {
		await harness.refused(upload, [storedFileInput({ packageId: 7 }, 'data', 'empty.pdf', 'filesystem-v2:empty')], { storedFiles: { 'filesystem-v2:empty': Buffer.alloc(0) } });
	});

	it('streams a download into the binary store, byte for byte', async () => {
		const { output, bytesOf } = await harness.run(download, [{ packageId: 8 }]);
		expect(output[0].json).toEqual({ packageId: 8, fileName: 'signed.pdf', mimeType: 'application/pdf', fileSize: file.length });
		expect(bytesOf(output[0].binary?.data)?.equals(file)).toBe(true);
	});

	it('fails a download whose connection breaks mid-file on every try, keeping nothing of it', async () => {
		harness.sim.setOptions({ dropDownloadAfterBytes: MB });
		const from = harness.sim.log.length;
		const { output, storedIds } = await harness.run(download, [{ packageId: 8 }], { continueOnFail: true });
		expect(output[0].binary).toBeUndefined();
		expect(output[0].json.error).toMatchObject({
			message: 'Could not download package 8: the connection broke after 1 MB of the file',
			description: expect.stringContaining('Nothing of the file was kept.'),
			attempts: 3,
		});
		expect(harness.requests(from).map((entry) => entry.status)).toEqual(['dropped', 'dropped', 'dropped']);
		expect(storedIds()).toEqual([]);
	});

	it('receives a file that takes longer than Request Timeout on a slow link: only silence ends a file', async () => {
		// 49 pieces of 64 KiB, 40 ms apart: about 2 s in all, never 1 s without a byte.
		harness.sim.setOptions({ linkPaceMs: 40 });
		const { output, bytesOf } = await harness.run({ ...download, options: { requestTimeout: 1000, maxAttempts: 1 } }, [{ packageId: 8 }]);
		expect(bytesOf(output[0].binary?.data)?.equals(file)).toBe(true);
	});

	it('sends a file that takes longer than Request Timeout on a slow link', async () => {
		// 256 pieces of 64 KiB, 10 ms apart: 2.6 s or more. The last bytes handed over wait in the
		// buffers between client and simulator (several MB) for the slow reader: SigningHub gets
		// Request Timeout plus the time the upload took from then.
		const large = bigPdf(16 * MB);
		harness.sim.setOptions({ linkPaceMs: 10 });
		const from = harness.sim.log.length;
		const stored = storedFileInput({ packageId: 7 }, 'data', 'large.pdf', 'filesystem-v2:large');
		const { output } = await harness.run({ ...upload, options: { requestTimeout: 1000, maxAttempts: 1 } }, [stored], { storedFiles: { 'filesystem-v2:large': large } });
		expect(output[0].json).toMatchObject({ packageId: 7, fileName: 'large.pdf' });
		expect(uploads(from).map((entry) => entry.bodyBytes)).toEqual([large.length]);
		expect(uploads(from)[0].durationMs).toBeGreaterThan(1000);
		expect(harness.sim.packageOf(7).documents[0].content.equals(large)).toBe(true);
	});

	it('ends a file that stops arriving once Request Timeout passes without a byte, saying how much came and keeping nothing', async () => {
		harness.sim.setOptions({ stallDownloadAfterBytes: MB, linkPaceMs: 1 });
		const { output, storedIds } = await harness.run({ ...download, options: { requestTimeout: 1000, maxAttempts: 1 } }, [{ packageId: 8 }], { continueOnFail: true });
		expect(output[0].binary).toBeUndefined();
		expect(output[0].json.error).toMatchObject({
			message: 'Could not download package 8: SigningHub sent nothing for 1000 ms after 1 MB of the file',
			description: expect.stringContaining('Nothing of the file was kept.'),
			attempts: 1,
		});
		expect(storedIds()).toEqual([]);
	});

	it('stops a file that runs past Max File Size while it streams (no length announced), keeping nothing of it', async () => {
		// The hostile name is sent without content-length: only the stream itself tells the size.
		harness.sim.setOptions({ hugeDownloadBytes: 3 * MB, downloadContentDisposition: 'hostile' });
		const from = harness.sim.log.length;
		const { output, storedIds } = await harness.run({ ...download, options: { maxFileSize: 1 } }, [{ packageId: 8 }], { continueOnFail: true });
		expect(output[0].binary).toBeUndefined();
		expect(output[0].json.error).toMatchObject({ message: 'Could not download package 8: the file is larger than 1 MB (Max File Size)', attempts: 1 });
		expect(harness.requests(from)).toHaveLength(1);
		expect(storedIds()).toEqual([]);
	});

	it('refuses a file whose announced length is past Max File Size before reading it', async () => {
		harness.sim.setOptions({ hugeDownloadBytes: 3 * MB });
		const { output, storedIds } = await harness.run({ ...download, options: { maxFileSize: 1 } }, [{ packageId: 8 }], { continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: 'Could not download package 8: the file is larger than 1 MB (Max File Size)' });
		expect(storedIds()).toEqual([]);
	});

	it('names a file SigningHub sends without a name after its type, in the JSON and the binary alike', async () => {
		harness.sim.setOptions({ downloadContentDisposition: 'omit' });
		const { output, bytesOf } = await harness.run(download, [{ packageId: 8 }]);
		expect(output[0].json).toEqual({ packageId: 8, fileName: 'package-8.pdf', mimeType: 'application/pdf', fileSize: file.length });
		expect(output[0].binary?.data).toMatchObject({ fileName: 'package-8.pdf', mimeType: 'application/pdf', fileExtension: 'pdf', fileType: 'pdf' });
		expect(bytesOf(output[0].binary?.data)?.equals(file)).toBe(true);
	});

	it('sends a PDF from the binary store as it is and asks SigningHub to convert anything else, by its first bytes', async () => {
		const word = Buffer.concat([Buffer.from('PK\u0003\u0004 word/document.xml'), Buffer.alloc(5000, 1)]);
		const from = harness.sim.log.length;
		await harness.run(upload, [input, storedFileInput({ packageId: 7 }, 'data', 'letter.docx', 'filesystem-v2:word')], { storedFiles: { ...storedFiles, 'filesystem-v2:word': word } });
		const headers = uploads(from).map((entry) => (entry.headers as Record<string, string>)['x-convert-document']);
		expect(headers.sort()).toEqual(['true', undefined]);
	});
});

describe('file names every system accepts', () => {
	const bytes = (name: string) => Buffer.byteLength(name, 'utf8');
	const wellFormed = (name: string) => !/\p{Cs}/u.test(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));

	it.each([
		['a 195-letter name and an emoji: kept whole', `${'a'.repeat(195)}😀.pdf`, `${'a'.repeat(195)}😀.pdf`],
		['a Windows device name, with or without an extension, in any case', 'CON.pdf', 'CON_.pdf'],
		['nul', 'nul', 'nul_'],
		['COM1 before a dotted extension', 'COM1.tar.gz', 'COM1_.tar.gz'],
		['LPT9 with spaces before the dot', 'LPT9 .txt', 'LPT9_ .txt'],
		['a name that only starts like one', 'CONTRACT.pdf', 'CONTRACT.pdf'],
		['trailing dots and spaces', 'report.pdf. . ', 'report.pdf'],
		["Windows' forbidden characters", 'Q3: "final" <v2>|draft?*.pdf', 'Q3_ _final_ _v2__draft__.pdf'],
		['a path', 'C:\\Users\\x\\..\\contract.pdf', 'contract.pdf'],
		['only dots', '. . .', undefined],
	])('%s', (_case, name, expected) => {
		expect(safeBaseName(name)).toBe(expected);
	});

	it('shortens a long name by whole characters to at most 255 bytes of UTF-8, the extension kept', () => {
		for (const name of [`${'a'.repeat(252)}😀😀.pdf`, `${'é'.repeat(200)}.pdf`, `${'e\u0301'.repeat(100)}.pdf`, `${'🇩🇪'.repeat(40)}.pdf`, `${'x'.repeat(300)}`]) {
			const safe = safeBaseName(name) as string;
			expect({ name, bytes: bytes(safe) <= 255, wellFormed: wellFormed(safe), start: name.startsWith(safe.replace(/\.pdf$/, '')) }).toEqual({ name, bytes: true, wellFormed: true, start: true });
			expect(safe.endsWith('.pdf')).toBe(name.endsWith('.pdf'));
		}
		expect(safeBaseName(`${'a'.repeat(250)}😀😀.pdf`)).toBe(`${'a'.repeat(250)}.pdf`);
		// A flag is one character of two code points: never cut inside it.
		expect(safeBaseName(`${'a'.repeat(250)}🇩🇪.pdf`)).toBe(`${'a'.repeat(250)}.pdf`);
	});

	describe.each(API_VERSIONS)('through upload and download (%s)', (apiVersion) => {
		const pdf = Buffer.from('%PDF-1.4 named %%EOF');
		beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT' }] }));

		it.each([
			[`${'a'.repeat(195)}😀.pdf`, `${'a'.repeat(195)}😀.pdf`],
			['CON.pdf', 'CON_.pdf'],
			[`${'a'.repeat(253)}😀.pdf`, `${'a'.repeat(251)}.pdf`],
		])('%s goes to SigningHub and comes back as %s', async (name, expected) => {
			const uploaded = await harness.run(upload, [fileInput({ packageId: 7 }, 'data', name, pdf)], { apiVersion });
			expect(uploaded.output[0].json.fileName).toBe(expected);
			expect(harness.sim.packageOf(7).documents.map((doc: { name: string }) => doc.name)).toEqual([expected]);
			harness.sim.packageOf(7).status = 'COMPLETED';
			const { output, bytesOf } = await harness.run(download, [{ packageId: 7 }], { apiVersion });
			expect([output[0].json.fileName, output[0].binary?.data.fileName]).toEqual([expected, expected]);
			expect(bytesOf(output[0].binary?.data)?.length).toBeGreaterThan(0);
		});

		it('makes a name SigningHub sends safe the same way', async () => {
			harness.sim.reset({ packages: [{ id: 8, owner: OWNER, status: 'COMPLETED', documents: [{ name: 'x.pdf', content: pdf }] }] });
			harness.sim.setOptions({ downloadContentDisposition: 'hostile', hostileFileName: `NUL${'😀'.repeat(70)}.pdf. ` });
			const { output } = await harness.run({ ...download, packageId: 8 }, [{}], { apiVersion });
			const name = output[0].json.fileName as string;
			expect({ bytes: bytes(name) <= 255, wellFormed: wellFormed(name) }).toEqual({ bytes: true, wellFormed: true });
			expect(name).toBe(`NUL${'😀'.repeat(62)}.pdf`);
		});
	});
});
