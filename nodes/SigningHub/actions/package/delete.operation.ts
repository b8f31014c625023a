import { packageCall } from './packageCall';

export const deletePackage = packageCall({
	value: 'delete',
	name: 'Delete',
	description: 'Delete a package; SigningHub declines a pending one and recalls a shared one first',
	action: 'Delete a package',
	agent: {
		does: 'Deletes a SigningHub package and its documents (a pending package is declined first). Needs the package ID. Returns deleted: true.',
		changes: 'removes the package, its documents and their signatures',
		reaches: 'its recipients: they can no longer open it',
		destructive: true,
		final: true,
	},
	method: 'DELETE',
	endpoint: 'package',
	verb: 'delete',
	done: 'deleted',
});
