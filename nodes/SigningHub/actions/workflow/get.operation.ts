import { readWorkflowDetails } from '../../reads';
import { packageIdProperty, packageInput, readPackageId } from '../parameters';
import type { Operation } from '../types';

export const getWorkflow: Operation<{ packageId: number }> = {
	resource: 'workflow',
	value: 'get',
	name: 'Get',
	description: "Get a package's workflow: its status, type, owner, recipients and documents",
	action: 'Get a workflow',
	agent: {
		does: "Reads a SigningHub package's workflow: status, type, owner, recipients with their progress, and documents. Needs the package ID. Returns SigningHub's workflow details.",
	},
	properties: [packageIdProperty('The ID of the package whose workflow to get, e.g. 123')],
	identifyingInputs: packageInput,
	read: ({ context, itemIndex }) => ({ packageId: readPackageId(context, itemIndex) }),
	async send({ client }, { packageId }) {
		return { json: await readWorkflowDetails(client, packageId) };
	},
};
