// Package > Download: the package's file in each item's own output field, bad input refused
// before any request, SigningHub's refusals in its words, on v3 and v4.
import { API_VERSIONS, NOT_OWNER, nodeHarness, OWNER } from '../harness';

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
			expect.objectContaining({ httpCode: 403, signingHubMessage: 'Downloading document is not allowed in draft mode', packageId: 10 }),
			undefined,
		]);
	});
});
