import { packageCall } from './packageCall';

export const sharePackage = packageCall({
	value: 'share',
	name: 'Share',
	description: "Start a draft package's signing workflow: SigningHub asks its recipients to act",
	action: 'Share a package',
	agent: {
		does: "Shares a draft SigningHub package: starts its signing workflow and asks its recipients to act. Needs the package ID; the package needs at least one recipient. Returns shared: true and SigningHub's answer in packages.",
		changes: 'starts the workflow: the package is no longer a draft',
		reaches: 'every recipient of the package: SigningHub emails (or texts) them the documents to act on. Check the recipients (Recipient > Get Many) first',
	},
	method: 'POST',
	endpoint: 'workflow',
	verb: 'share',
	done: 'shared',
	answerField: 'packages',
});
