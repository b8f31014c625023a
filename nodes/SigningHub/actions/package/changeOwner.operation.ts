import { checkEmail, inputsNamed, packageIdProperty, readPackageId, readText } from '../parameters';
import type { Operation } from '../types';

export const changeOwner: Operation = {
	resource: 'package',
	value: 'changeOwner',
	name: 'Change Owner',
	description: 'Hand an in-progress or completed package to another user of the enterprise, e.g. from a leaver',
	action: 'Change the owner of a package',
	agent: {
		does: "Hands a SigningHub package to another user of the same enterprise. Only in-progress or completed packages. Needs the package ID and the new owner's email; acts as the current owner (with an enterprise admin credential, set Act as User to the current owner). Returns the package ID and the new owner.",
		changes: "the package's owner: the current owner loses access to it",
		reaches: 'the new owner: they get the package, its documents and its signatures',
		destructive: true,
		final: true,
	},
	properties: [
		packageIdProperty('The ID of the package to hand over, e.g. 123'),
		{
			displayName: 'New Owner',
			name: 'newOwner',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'colleague@example.com',
			description: 'The email of the user who gets the package: an active user of the same enterprise',
		},
	],
	identifyingInputs: inputsNamed('packageId', 'newOwner'),
	read: ({ context, itemIndex }) => ({ packageId: readPackageId(context, itemIndex), newOwner: checkEmail(readText(context, itemIndex, 'newOwner', 'New Owner'), 'New Owner') }),
	async send({ client }, { packageId, newOwner }) {
		await client.request({
			method: 'PUT',
			endpoint: 'packageOwner',
			pathParameters: { packageId },
			body: { owner: newOwner },
			expect: 'emptyOrJson',
			// Once it went through, the credential's user no longer owns the package: a second try is refused.
			repeatable: false,
			action: `change the owner of package ${packageId} to ${newOwner}`,
		});
		return { json: { packageId, newOwner, ownerChanged: true } };
	},
};
