import { addNamedRecipient } from './namedRecipient';

export const addGroup = addNamedRecipient({
	value: 'addGroup',
	name: 'Add Group',
	description: "Add a group of SigningHub's contacts as one recipient: any member acts for all",
	action: 'Add a group as recipient',
	agent: {
		does: "Adds a SigningHub group (of the user's or the enterprise's groups) as one recipient of a draft package, after its recipients: any member of the group may act for all. Needs the package ID, the group's name and the role. Returns the group added.",
		changes: "the package's recipients (draft packages only)",
		reaches: "every member of the group, once the package is shared: SigningHub asks them to act",
	},
	nameProperty: { displayName: 'Group Name', name: 'groupName', type: 'string', default: '', placeholder: 'HR', description: 'The group as named in SigningHub (personal or enterprise groups)' },
	bodyKey: 'group_name',
	endpoint: 'workflowGroups',
	noun: 'group',
});
