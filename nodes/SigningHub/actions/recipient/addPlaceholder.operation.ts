import { addNamedRecipient } from './namedRecipient';

export const addPlaceholder = addNamedRecipient({
	value: 'addPlaceholder',
	name: 'Add Placeholder',
	description: 'Add a placeholder recipient, to be replaced by a person (Recipient > Update) before sharing',
	action: 'Add a placeholder recipient',
	agent: {
		does: "Adds a placeholder recipient (e.g. 'Customer') to a draft SigningHub package, after its recipients, for a person not known yet: fields can be placed for it, and Recipient > Update replaces it with the person before sharing. Needs the package ID, the placeholder's name and the role. Returns the placeholder added.",
		changes: "the package's recipients (draft packages only)",
	},
	nameProperty: { displayName: 'Placeholder', name: 'placeholder', type: 'string', default: '', placeholder: 'Customer', description: 'The name the placeholder shows until a person replaces it' },
	bodyKey: 'placeholder',
	endpoint: 'workflowPlaceholder',
	noun: 'placeholder',
});
