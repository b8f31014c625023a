import { packageFile } from './packageFile';

export const downloadPackage = packageFile({
	value: 'download',
	name: 'Download',
	description: "Download a package's documents: the PDF for one document, a zip for several",
	action: 'Download a package',
	endpoint: 'package',
	verb: 'download',
	fallbackName: (packageId) => `package-${packageId}`,
});
