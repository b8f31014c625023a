import { recipientAction } from './recipientAction';

export const declinePackage = recipientAction({
	value: 'decline',
	name: 'Decline',
	description: 'As the recipient whose turn it is, decline a package shared with you, with a reason',
	action: 'Decline a package as its recipient',
	agent: {
		does: "Declines a SigningHub package as the recipient whose turn it is (the credential's own user, or Act as User). Needs the package ID and a reason. Returns declined: true.",
		changes: "the package: declined for everyone (unless its owner set it to continue)",
		reaches: "the package's owner, who is notified with the reason",
		destructive: true,
		final: true,
	},
	endpoint: 'declinePackage',
	verb: 'decline',
	done: 'declined',
	reason: { displayName: 'Reason', name: 'reason', type: 'string', default: '', required: true, placeholder: 'The amount is wrong', description: "Why you decline it; the package's owner sees it" },
});
