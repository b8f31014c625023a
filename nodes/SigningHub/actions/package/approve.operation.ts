import { recipientAction } from './recipientAction';

export const approvePackage = recipientAction({
	value: 'approve',
	name: 'Approve',
	description: 'As the reviewer whose turn it is, approve a package shared with you',
	action: 'Approve a package as its reviewer',
	agent: {
		does: "Approves a SigningHub package as the reviewer whose turn it is (the credential's own user, or Act as User). Needs the package ID; an optional reason is kept in the workflow. Returns approved: true.",
		changes: "the package's workflow: it moves on to the next recipient",
		reaches: "the next recipient, whom SigningHub notifies",
		final: true,
	},
	endpoint: 'approvePackage',
	verb: 'approve',
	done: 'approved',
	reason: { displayName: 'Reason', name: 'reason', type: 'string', default: '', description: 'Why you approve it; SigningHub keeps it with your action' },
});
