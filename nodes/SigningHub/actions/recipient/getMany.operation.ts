import { readRecipients } from '../../reads';
import { packageIdProperty, packageInput, readPackageId } from '../parameters';
import type { Operation } from '../types';

export const getManyRecipients: Operation<{ packageId: number }> = {
	resource: 'recipient',
	value: 'getMany',
	name: 'Get Many',
	description: "List a package's recipients with their role and progress, one item per recipient",
	action: 'Get many recipients',
	agent: {
		does: 'Lists the recipients of a SigningHub package with their order in the workflow, email, name, role and progress (process_status: UN_PROCESSED, SIGNED, DECLINED, ...). Needs the package ID. Returns one item per recipient.',
	},
	properties: [packageIdProperty('The ID of the package whose recipients to get, e.g. 123')],
	identifyingInputs: packageInput,
	read: ({ context, itemIndex }) => ({ packageId: readPackageId(context, itemIndex) }),
	async send({ client }, { packageId }) {
		return (await readRecipients(client, packageId)).map((recipient) => ({ json: { packageId, ...recipient } }));
	},
};
