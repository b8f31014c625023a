import { packageCall } from './packageCall';

export const recallPackage = packageCall({
	value: 'recall',
	name: 'Recall',
	description: "Stop a shared package's workflow and take it back to draft",
	action: 'Recall a package',
	method: 'DELETE',
	endpoint: 'workflow',
	verb: 'recall',
	done: 'recalled',
});
