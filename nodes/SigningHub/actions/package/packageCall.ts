import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { Endpoint } from '../../transport/endpoints';
import { packageIdProperty, packageInput, readPackageId } from '../parameters';
import type { AgentTool, Operation } from '../types';

interface PackageCall {
	value: string;
	name: string;
	description: string;
	action: string;
	agent: AgentTool;
	method: IHttpRequestMethods;
	endpoint: Endpoint;
	/** Words for error messages, e.g. "share package". */
	verb: string;
	/** The output's flag, e.g. `shared: true`. */
	done: string;
	/** The field that keeps SigningHub's answer, when it has one worth passing on. */
	answerField?: string;
}

/** An operation that makes one call about one package, with no body, and reports it done. */
export function packageCall(call: PackageCall): Operation<{ packageId: number }> {
	return {
		resource: 'package',
		value: call.value,
		name: call.name,
		description: call.description,
		action: call.action,
		agent: call.agent,
		properties: [packageIdProperty(`The ID of the package to ${call.verb}, e.g. 123`)],
		identifyingInputs: packageInput,
		read: ({ context, itemIndex }) => ({ packageId: readPackageId(context, itemIndex) }),
		async send({ client }, { packageId }) {
			const response = await client.request({
				method: call.method,
				endpoint: call.endpoint,
				pathParameters: { packageId },
				expect: 'emptyOrJson',
				repeatable: false,
				action: `${call.verb} package ${packageId}`,
			});
			const json: IDataObject = { packageId, [call.done]: true };
			if (call.answerField && response.body !== null) json[call.answerField] = response.body as IDataObject;
			return { json };
		},
	};
}
