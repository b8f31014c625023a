import type { Endpoint } from '../../transport/endpoints';
import { downloadOptions, fileItem, readDownloadInputs, type DownloadInputs } from '../files';
import { packageIdProperty, packageInput, readPackageId } from '../parameters';
import type { Operation } from '../types';

interface PackageFile {
	value: string;
	name: string;
	description: string;
	action: string;
	endpoint: Endpoint;
	/** Words for error messages, e.g. "download package". */
	verb: string;
	/** The file name, without extension, when SigningHub gives none. */
	fallbackName: (packageId: number) => string;
}

/** An operation that downloads a file about one package into the item's binary field. */
export function packageFile(file: PackageFile): Operation<DownloadInputs & { packageId: number }> {
	return {
		resource: 'package',
		value: file.value,
		name: file.name,
		description: file.description,
		action: file.action,
		properties: [packageIdProperty(`The ID of the package to ${file.verb}, e.g. 123`)],
		options: downloadOptions,
		identifyingInputs: packageInput,
		read: ({ context, itemIndex }) => ({ packageId: readPackageId(context, itemIndex), ...readDownloadInputs(context, itemIndex) }),
		async send({ context, client }, inputs) {
			const { packageId, maxBytes } = inputs;
			const response = await client.request({
				method: 'GET',
				endpoint: file.endpoint,
				pathParameters: { packageId },
				expect: 'file',
				repeatable: true,
				action: `${file.verb} package ${packageId}`,
				maxBytes,
			});
			return await fileItem(context, inputs, response, file.fallbackName(packageId), { packageId });
		},
	};
}
