import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputsNamed, packageIdProperty, readId, readPackageId } from '../parameters';

/** Package ID and Document ID: the two fields of every operation on one document. */
export function documentProperties(verb: string): INodeProperties[] {
	return [
		packageIdProperty(`The ID of the package that holds the document to ${verb}, e.g. 123`),
		{
			displayName: 'Document ID',
			name: 'documentId',
			type: 'string',
			required: true,
			default: '',
			placeholder: '456',
			description: `The ID of the document to ${verb} (Package > Get Documents lists them)`,
		},
	];
}

export const documentInputs = inputsNamed('packageId', 'documentId');

export function readDocument(context: IExecuteFunctions, itemIndex: number): { packageId: number; documentId: number } {
	return { packageId: readPackageId(context, itemIndex), documentId: readId(context, itemIndex, 'documentId', 'Document ID') };
}
