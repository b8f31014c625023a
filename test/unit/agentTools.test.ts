// What n8n's AI Agent reads about each operation of the SigningHub Tool: the Tool Description
// each operation's field holds by default (n8n gives it to the agent as the tool's description).
import type { INodeProperties } from 'n8n-workflow';

import { SigningHub } from '../../nodes/SigningHub/SigningHub.node';

const descriptions = new Map(
	new SigningHub().description.properties
		.filter((property: INodeProperties) => property.name === 'toolDescription')
		.map((property) => [`${property.displayOptions?.show?.resource?.[0]}.${property.displayOptions?.show?.operation?.[0]}`, String(property.default)]),
);
const having = (pattern: RegExp) => [...descriptions].filter(([, text]) => pattern.test(text)).map(([key]) => key).sort();

test('every tool says what it changes: "Changes nothing in SigningHub." or "Changes: ..."', () => {
	expect(descriptions.size).toBe(39);
	for (const [key, text] of descriptions) expect({ key, says: /(^| )Changes( nothing in SigningHub\.|: [^.]+)/.test(text) }).toEqual({ key, says: true });
	expect(having(/Changes nothing in SigningHub\./)).toEqual([
		'contact.getMany',
		'document.getFields',
		'package.getDocuments',
		'package.getMany',
		'package.getSigningLink',
		'package.verifySignatures',
		'recipient.getMany',
		'recipient.getReminders',
		'template.getMany',
		'workflow.get',
		'workflow.getHistory',
	]);
});

test('those that take something away or stop people acting start with "Destructive:"; those that cannot be undone say so', () => {
	expect(having(/^Destructive: /)).toEqual([
		'document.delete',
		'document.deleteField',
		'package.changeOwner',
		'package.decline',
		'package.delete',
		'package.recall',
		'recipient.remove',
		'recipient.update',
		'workflow.complete',
	]);
	expect(having(/ Cannot be undone\./)).toEqual([
		'document.delete',
		'document.deleteField',
		'package.approve',
		'package.bulk',
		'package.changeOwner',
		'package.decline',
		'package.delete',
		'package.submit',
		'workflow.complete',
	]);
});

test('those that reach people say whom: a moved invitation, emailed copies, a link that lets its holder sign', () => {
	expect(having(/ Reaches: /)).toEqual([
		'package.approve',
		'package.bulk',
		'package.changeOwner',
		'package.decline',
		'package.delete',
		'package.getSigningLink',
		'package.recall',
		'package.share',
		'package.submit',
		'recipient.add',
		'recipient.addGroup',
		'recipient.protect',
		'recipient.setReminders',
		'recipient.update',
		'template.apply',
		'workflow.complete',
		'workflow.setPostProcessing',
		'workflow.update',
	]);
	expect(descriptions.get('recipient.update')).toMatch(/Reaches: a new email .* invites that address to act in the recipient's place, and the old address can no longer act/);
	expect(descriptions.get('workflow.setPostProcessing')).toMatch(/Reaches: every address given, inside or outside the enterprise: .* an email sent cannot be called back/);
	expect(descriptions.get('workflow.complete')).toMatch(/^Destructive: .* Changes: ends the workflow for good/);
});

test('Get Signing Link says its output is a secret, and only it does', () => {
	expect(having(/Its output is a secret: /)).toEqual(['package.getSigningLink']);
	expect(descriptions.get('package.getSigningLink')).toMatch(/Reaches: whoever gets the link: they can open the package and sign as that recipient, without logging in\. Its output is a secret: hand the link only to that recipient/);
});
