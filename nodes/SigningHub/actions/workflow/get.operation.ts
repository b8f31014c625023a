import { readWorkflowDetails } from '../../reads';
import { packageIdProperty, packageInput, readPackageId } from '../parameters';
import type { Operation } from '../types';

export const getWorkflow: Operation<{ packageId: number }> = {
	resource: 'workflow',
	value: 'get',
	name: 'Get',
	description: "Get a package's workflow: its status, type, owner, recipients and documents",
	action: 'Get a workflow',
	properties: [packageIdProperty('The ID of the package whose workflow to get, e.g. 123')],
	identifyingInputs: packageInput,
	read: ({ context, itemIndex }) => ({ packageId: readPackageId(context, itemIndex) }),
	async send({ client }, { packageId }) {
		return { json: await readWorkflowDetails(client, packageId) };
	},
};
