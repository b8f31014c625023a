import type { Endpoint } from '../../transport/endpoints';
import { downloadFile, outputBinaryFieldOption } from '../files';
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
	/** The file name when SigningHub gives none. */
	fallbackName: (packageId: number) => string;
}

/** An operation that downloads a file about one package into the item's binary field. */
export function packageFile(file: PackageFile): Operation {
	return {
		resource: 'package',
		value: file.value,
		name: file.name,
		description: file.description,
		action: file.action,
		properties: [packageIdProperty(`The ID of the package to ${file.verb}, e.g. 123`)],
		options: [outputBinaryFieldOption],
		identifyingInputs: packageInput,
		async execute(item) {
			const packageId = readPackageId(item.context, item.itemIndex);
			const request = { method: 'GET' as const, endpoint: file.endpoint, pathParameters: { packageId }, repeatable: true, action: `${file.verb} package ${packageId}` };
			return await downloadFile(item, request, file.fallbackName(packageId), { packageId });
		},
	};
}
