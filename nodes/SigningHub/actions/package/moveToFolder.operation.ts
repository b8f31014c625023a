import { invalidInput } from '../../transport';
import { inputsNamed, packageIdProperty, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';

export const moveToFolder: Operation<{ packageId: number; folderName: string }> = {
	resource: 'package',
	value: 'moveToFolder',
	name: 'Move to Folder',
	description: "Move a package to one of your folders or a shared space's, by the folder's name",
	action: 'Move a package to a folder',
	agent: {
		does: "Moves a SigningHub package of the credential's user into one of their folders (or a shared space's), named as in SigningHub. v4 only. Needs the package ID and the folder name. Returns moved: true.",
		changes: "the package's folder (moving it back undoes it); nobody is notified",
	},
	properties: [
		packageIdProperty('The ID of the package to move, e.g. 123'),
		{ displayName: 'Folder Name', name: 'folderName', type: 'string', required: true, default: '', placeholder: 'Contracts', description: 'The folder to move it to, named as SigningHub shows it' },
	],
	identifyingInputs: inputsNamed('packageId', 'folderName'),
	read({ context, itemIndex, apiVersion }) {
		if (apiVersion !== 'v4') {
			throw invalidInput('Move to Folder needs SigningHub API v4', "SigningHub documents moving a package (PUT /v4/packages/{id}/move_to) on v4 only: set the credential's API Version to v4.");
		}
		return { packageId: readPackageId(context, itemIndex), folderName: readText(context, itemIndex, 'folderName', 'Folder Name') };
	},
	async send({ client }, { packageId, folderName }) {
		await client.request({
			method: 'PUT',
			endpoint: 'moveToFolder',
			pathParameters: { packageId },
			body: { folder_name: folderName },
			expect: 'emptyOrJson',
			repeatable: true,
			action: `move package ${packageId} to the folder "${folderName}"`,
		});
		return { json: { packageId, folderName, moved: true } };
	},
};
