import { packageFile } from './packageFile';

export const downloadEvidenceReport = packageFile({
	value: 'downloadEvidenceReport',
	name: 'Download Evidence Report',
	description: "Download the process evidence report (PDF) of a completed package, as its owner",
	action: 'Download the evidence report of a package',
	endpoint: 'evidenceReport',
	verb: 'download the evidence report of',
	fallbackName: (packageId) => `evidence-report-${packageId}`,
});
