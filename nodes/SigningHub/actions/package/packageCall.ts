import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { SigningHubClient } from '../../transport';
import type { Endpoint } from '../../transport/endpoints';
import { packageIdProperty, packageInput, readPackageId } from '../parameters';
import type { Operation } from '../types';

export interface PackageCall {
	value: string;
	name: string;
	description: string;
	action: string;
	toolDescription: string;
	method: IHttpRequestMethods;
	endpoint: Endpoint;
	/** Words for error messages, e.g. "share package". */
	verb: string;
	/** The output's flag, e.g. `shared: true`. */
	done: string;
	/** The field that keeps SigningHub's answer, when it has one worth passing on. */
	answerField?: string;
}

/** The call of a package operation, for one package; SigningHub's answer. */
export async function packageRequest(client: SigningHubClient, call: Pick<PackageCall, 'method' | 'endpoint' | 'verb'>, packageId: number) {
	return await client.request({
		method: call.method,
		endpoint: call.endpoint,
		pathParameters: { packageId },
		expect: 'emptyOrJson',
		repeatable: false,
		action: `${call.verb} package ${packageId}`,
	});
}

/** An operation that makes one call about one package, with no body, and reports it done. */
export function packageCall(call: PackageCall): Operation {
	return {
		resource: 'package',
		value: call.value,
		name: call.name,
		description: call.description,
		action: call.action,
		toolDescription: call.toolDescription,
		properties: [packageIdProperty(`The ID of the package to ${call.verb}, e.g. 123`)],
		identifyingInputs: packageInput,
		async execute({ context, itemIndex, client }) {
			const packageId = readPackageId(context, itemIndex);
			const response = await packageRequest(client, call, packageId);
			const json: IDataObject = { packageId, [call.done]: true };
			if (call.answerField && response.body !== null) json[call.answerField] = response.body as IDataObject;
			return { json };
		},
	};
}
