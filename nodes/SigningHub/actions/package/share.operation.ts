import { packageCall } from './packageCall';

export const sharePackage = packageCall({
	value: 'share',
	name: 'Share',
	description: "Start a draft package's signing workflow: SigningHub asks its recipients to act",
	action: 'Share a package',
	toolDescription:
		"Shares a draft SigningHub package: starts its signing workflow and asks its recipients to act. Needs the package ID; the package needs at least one recipient. Returns shared: true and SigningHub's answer in packages.",
	method: 'POST',
	endpoint: 'workflow',
	verb: 'share',
	done: 'shared',
	answerField: 'packages',
});
