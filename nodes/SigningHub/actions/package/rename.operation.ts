import { packageIdProperty, packageInput, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';

export const renamePackage: Operation = {
	resource: 'package',
	value: 'rename',
	name: 'Rename',
	description: 'Give a package a new name',
	action: 'Rename a package',
	agent: {
		does: 'Renames a SigningHub package. Needs the package ID and the new name. Returns the package ID and its new name.',
		changes: "the package's name, which its recipients see",
	},
	properties: [
		packageIdProperty('The ID of the package to rename, e.g. 123'),
		{ displayName: 'New Name', name: 'packageName', type: 'string', required: true, default: '', placeholder: 'Sales contract ACME (signed)', description: 'The name the package gets' },
	],
	identifyingInputs: packageInput,
	read: ({ context, itemIndex }) => ({ packageId: readPackageId(context, itemIndex), packageName: readText(context, itemIndex, 'packageName', 'New Name') }),
	async send({ client }, { packageId, packageName }) {
		await client.request({
			method: 'PUT',
			endpoint: 'renamePackage',
			pathParameters: { packageId },
			body: { package_name: packageName },
			expect: 'emptyOrJson',
			repeatable: true,
			action: `rename package ${packageId}`,
		});
		return { json: { packageId, packageName, renamed: true } };
	},
};
