import type { INodeProperties } from 'n8n-workflow';

import { SigningHub } from '../../nodes/SigningHub/SigningHub.node';

describe('SigningHub node description', () => {
	const { description } = new SigningHub();
	const property = (name: string) => description.properties.filter((p) => p.name === name);
	type Menu = { default: string; options: Array<{ name: string; value: string; action: string; description: string }> };
	const menu = (resource: string) => property('operation').find((p) => p.displayOptions?.show?.resource?.[0] === resource) as unknown as Menu;

	it('keeps the names saved workflows depend on, with Workflow > Complete still the default', () => {
		expect(description.name).toBe('signingHub');
		expect(description.version).toBe(1);
		expect(description.usableAsTool).toBe(true);
		expect(description.credentials).toEqual([{ name: 'signingHubApi', required: true }]);
		expect(property('resource')[0]).toMatchObject({ default: 'workflow' });
		expect(menu('workflow')).toMatchObject({ default: 'complete' });
	});

	it('has every operation of the round trip, with the values saved workflows store and n8n-style actions', () => {
		const all = (property('resource')[0].options as Array<{ value: string }>).flatMap(({ value }) =>
			menu(value).options.map((o) => `${value}.${o.value}: ${o.action}`),
		);
		expect(all.sort()).toEqual(
			[
				'document.addField: Add a field to a document',
				"document.fillFields: Fill a document's fields",
				"document.getFields: Get a document's fields",
				'document.sign: Sign a document',
				'document.upload: Upload a document',
				'package.create: Create a package',
				'package.delete: Delete a package',
				'package.download: Download a package',
				'package.downloadEvidenceReport: Download the evidence report of a package',
				'package.getMany: Get many packages',
				'package.recall: Recall a package',
				'package.sendForSignature: Send documents for signature',
				'package.share: Share a package',
				'recipient.add: Add a recipient',
				'recipient.getMany: Get many recipients',
				'template.apply: Apply a template',
				'template.getMany: Get many templates',
				'workflow.complete: Complete a workflow',
				'workflow.get: Get a workflow',
				'workflow.getHistory: Get the history of a workflow',
				'document.delete: Delete a document',
				'document.download: Download a document',
				'document.rename: Rename a document',
				'package.changeOwner: Change the owner of a package',
				'package.getDocuments: Get the documents of a package',
				'package.getSigningLink: Get a signing link for a package',
				'package.rename: Rename a package',
				'package.verifySignatures: Verify the signatures of a package',
				"recipient.getReminders: Get a recipient's reminders",
				'recipient.remove: Remove a recipient',
				"recipient.setReminders: Set a recipient's reminders",
				'recipient.update: Update a recipient',
				'workflow.setPostProcessing: Set the post-processing of a workflow',
				'workflow.update: Update a workflow',
				'contact.getMany: Get many contacts',
				'document.deleteField: Delete a field from a document',
				'package.approve: Approve a package as its reviewer',
				'package.bulk: Share or sign packages in bulk',
				'package.decline: Decline a package as its recipient',
				'package.moveToFolder: Move a package to a folder',
				'package.submit: Submit a package as its editor',
				"recipient.protect: Protect a recipient's access to a package",
				'package.sendFromTemplate: Send documents from a template',
				'recipient.addGroup: Add a group as recipient',
				'recipient.addPlaceholder: Add a placeholder recipient',
				"recipient.reorder: Change a recipient's order",
			].sort(),
		);
		for (const resourceMenu of property('operation')) {
			const names = (resourceMenu.options as Array<{ name: string; description: string }>).map((o) => o.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			expect(resourceMenu.options?.every((o) => ((o as { description: string }).description ?? '').length > 20)).toBe(true);
		}
	});

	it('shows each field only for its own operation, keeping its own conditions', () => {
		for (const field of description.properties.filter((p) => !['resource', 'operation', 'options'].includes(p.name))) {
			expect(field.displayOptions?.show?.resource).toHaveLength(1);
			expect(field.displayOptions?.show?.operation).toHaveLength(1);
		}
		const limit = property('limit');
		expect(limit.every((p) => p.displayOptions?.show?.returnAll?.[0] === false)).toBe(true);
	});

	it('shows an operation\'s own options only for it', () => {
		const options = property('options')[0].options as INodeProperties[];
		expect(options.find((o) => o.name === 'alreadyCompletedAsSuccess')).toMatchObject({
			displayName: 'Succeed If Already Completed',
			displayOptions: { show: { '/resource': ['workflow'], '/operation': ['complete'] } },
		});
		expect(options.find((o) => o.name === 'actAsUser')?.displayOptions).toBeUndefined();
	});
});
