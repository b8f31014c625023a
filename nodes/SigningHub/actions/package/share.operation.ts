import { packageCall, type PackageCall } from './packageCall';

export const shareCall: PackageCall = {
	value: 'share',
	name: 'Share',
	description: "Start a draft package's signing workflow: SigningHub asks its recipients to act",
	action: 'Share a package',
	method: 'POST',
	endpoint: 'workflow',
	verb: 'share',
	done: 'shared',
	answerField: 'packages',
};

export const sharePackage = packageCall(shareCall);
