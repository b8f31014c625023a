import { recipientAction } from './recipientAction';

export const submitPackage = recipientAction({
	value: 'submit',
	name: 'Submit',
	description: 'As the editor whose turn it is, submit the fields you filled in a package shared with you',
	action: 'Submit a package as its editor',
	agent: {
		does: "Submits a SigningHub package as the editor whose turn it is (the credential's own user, or Act as User), after its fields were filled (Document > Fill Fields). Needs the package ID. Returns submitted: true.",
		changes: "the package's workflow: it moves on to the next recipient",
		reaches: "the next recipient, whom SigningHub notifies",
		final: true,
	},
	endpoint: 'submitPackage',
	verb: 'submit',
	done: 'submitted',
});
