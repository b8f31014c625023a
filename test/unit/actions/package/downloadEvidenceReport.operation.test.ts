// Package > Download Evidence Report: the report PDF in each item's own output field, bad input
// refused before any request, SigningHub's refusals in its words, on v3 and v4.
import { API_VERSIONS, NOT_OWNER, nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();

const report = (options: object = {}) => ({ resource: 'package', operation: 'downloadEvidenceReport', packageId: '={{ $json.packageId }}', options });

describe.each(API_VERSIONS)('Package > Download Evidence Report (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [
				{ id: 7, owner: OWNER, status: 'COMPLETED', name: 'Signed A' },
				{ id: 8, owner: OWNER, status: 'COMPLETED', name: 'Signed B' },
				{ id: 9, owner: OWNER, status: 'IN_PROGRESS', name: 'Still open' },
				{ id: 10, owner: 'colleague@example.com', status: 'COMPLETED', name: 'Not mine' },
			],
		}),
	);

	it("puts each completed package's report into the output field its item names", async () => {
		const { output, bytesOf } = await harness.run(report({ binaryPropertyName: '={{ $json.field }}' }), [
			{ packageId: 7, field: 'evidence' },
			{ packageId: 8, field: 'report' },
		], { apiVersion });

		expect(harness.calls()).toEqual([`GET /${apiVersion}/packages/7/report`, `GET /${apiVersion}/packages/8/report`]);
		expect(output.map((item) => [item.json, Object.keys(item.binary ?? {}), item.pairedItem])).toEqual([
			[{ packageId: 7, fileName: 'Evidence report 7.pdf', mimeType: 'application/pdf', fileSize: expect.any(Number) }, ['evidence'], { item: 0 }],
			[{ packageId: 8, fileName: 'Evidence report 8.pdf', mimeType: 'application/pdf', fileSize: expect.any(Number) }, ['report'], { item: 1 }],
		]);
		const pdf = bytesOf(output[0].binary?.evidence)?.toString('latin1');
		expect(pdf).toMatch(/^%PDF-1\.4[\s\S]*Package 7: Signed A[\s\S]*%%EOF\s*$/);
	});

	it('refuses a Package ID that is not a positive whole number before any request', async () => {
		const errors = await harness.refused(report(), [{ packageId: 'abc' }, { packageId: -7 }], { apiVersion });
		expect(errors.map((error) => error.message)).toEqual(['Package ID must be a positive whole number, not "abc"', 'Package ID must be a positive whole number, not "-7"']);
	});

	it("passes SigningHub's refusals on in its words: another owner's package, one not completed", async () => {
		const errors = await harness.errors(report(), [{ packageId: 10 }, { packageId: 9 }], { apiVersion });
		expect(errors).toEqual([
			expect.objectContaining({ ...NOT_OWNER, packageId: 10 }),
			// The words are the simulator's (ASSUMED): the reference says only "completed packages only".
			expect.objectContaining({ httpCode: 400, message: 'Could not download the evidence report of package 9: Process evidence report is available for completed documents only', packageId: 9 }),
		]);
	});
});
