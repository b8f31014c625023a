import { packageCall } from './packageCall';

export const deletePackage = packageCall({
	value: 'delete',
	name: 'Delete',
	description: 'Delete a package; SigningHub declines a pending one and recalls a shared one first',
	action: 'Delete a package',
	toolDescription:
		"Destructive: deletes a SigningHub package and its documents for good (a pending package is declined first). Needs the package ID. Returns deleted: true.",
	method: 'DELETE',
	endpoint: 'package',
	verb: 'delete',
	done: 'deleted',
});
