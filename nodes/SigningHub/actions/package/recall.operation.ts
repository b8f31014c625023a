import { packageCall } from './packageCall';

export const recallPackage = packageCall({
	value: 'recall',
	name: 'Recall',
	description: "Stop a shared package's workflow and take it back to draft",
	action: 'Recall a package',
	agent: {
		does: 'Recalls a shared SigningHub package, stopping its workflow and taking it back to draft; it must be shared again for recipients to act. Needs the package ID. Returns recalled: true.',
		changes: 'stops the workflow; the package is a draft again',
		reaches: 'its recipients: they can no longer act until it is shared again',
		destructive: true,
	},
	method: 'DELETE',
	endpoint: 'workflow',
	verb: 'recall',
	done: 'recalled',
});
