import { packageCall, type PackageCall } from './packageCall';

export const deleteCall: PackageCall = {
	value: 'delete',
	name: 'Delete',
	description: 'Delete a package; SigningHub declines a pending one and recalls a shared one first',
	action: 'Delete a package',
	method: 'DELETE',
	endpoint: 'package',
	verb: 'delete',
	done: 'deleted',
};

export const deletePackage = packageCall(deleteCall);
