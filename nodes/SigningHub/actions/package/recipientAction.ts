import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Endpoint } from '../../transport/endpoints';
import { packageIdProperty, packageInput, readPackageId, readText } from '../parameters';
import type { AgentTool, Operation } from '../types';

interface RecipientAction {
	value: string;
	name: string;
	description: string;
	action: string;
	agent: AgentTool;
	endpoint: Endpoint;
	/** Words for error messages, e.g. "approve package". */
	verb: string;
	/** The output's flag, e.g. `approved: true`. */
	done: string;
	/** The Reason field, for actions whose body carries one. */
	reason?: INodeProperties;
}

/**
 * An action a recipient takes on a package shared with them (approve, decline, submit), with
 * their own credential (or Act as User): SigningHub acts for whoever holds the token. Not sent
 * again after a lost answer: a second decline or approval is not the same as the first.
 */
export function recipientAction(spec: RecipientAction): Operation<{ packageId: number; reason?: string }> {
	return {
		resource: 'package',
		value: spec.value,
		name: spec.name,
		description: spec.description,
		action: spec.action,
		agent: spec.agent,
		properties: [packageIdProperty(`The ID of the package shared with the credential's user, to ${spec.verb}, e.g. 123`), ...(spec.reason ? [spec.reason] : [])],
		identifyingInputs: packageInput,
		read: ({ context, itemIndex }) => ({
			packageId: readPackageId(context, itemIndex),
			...(spec.reason ? { reason: readText(context, itemIndex, spec.reason.name, spec.reason.displayName, spec.reason.required === true) } : {}),
		}),
		async send({ client }, { packageId, reason }) {
			await client.request({
				method: 'POST',
				endpoint: spec.endpoint,
				pathParameters: { packageId },
				body: spec.reason ? { reason: reason ?? '' } : undefined,
				expect: 'emptyOrJson',
				repeatable: false,
				action: `${spec.verb} package ${packageId}`,
			});
			const json: IDataObject = { packageId, [spec.done]: true, ...(spec.reason ? { reason: reason ?? '' } : {}) };
			return { json };
		},
	};
}
