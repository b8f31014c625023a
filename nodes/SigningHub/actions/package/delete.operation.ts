import { packageCall } from './packageCall';

export const deletePackage = packageCall({
	value: 'delete',
	name: 'Delete',
	description: 'Delete a package; SigningHub declines a pending one and recalls a shared one first',
	action: 'Delete a package',
	method: 'DELETE',
	endpoint: 'package',
	verb: 'delete',
	done: 'deleted',
});
