import type { IExecuteFunctions } from 'n8n-workflow';

import { itemParameter, readPackageId } from '../../nodes/SigningHub/actions/parameters';
import { SigningHubError } from '../../nodes/SigningHub/transport';

const contextWith = (value: unknown) =>
	({ getNode: () => ({ parameters: { packageId: value } }), getNodeParameter: () => value }) as unknown as IExecuteFunctions;
const read = (value: unknown) => readPackageId(contextWith(value), 0);

describe('readPackageId', () => {
	it.each([
		[123, 123],
		['123', 123],
		[' 42 ', 42],
		[1e3, 1000],
		['9007199254740991', 9007199254740991],
	])('accepts %p as %p', (given, expected) => {
		expect(read(given)).toBe(expected);
	});

	it.each(['', '   ', null, undefined, 'abc', -1, '-1', 0, '0', '000', 1.5, '1.5', '12/../13', '12?x=1', '1e3', '0x10', '12 13', '9007199254740993', {}, [], true])(
		'refuses %p before any request',
		(given) => {
			expect(() => read(given)).toThrow(SigningHubError);
			expect(() => read(given)).toThrow(expect.objectContaining({ reason: 'invalidInput' }));
		},
	);

	it('says what to do', () => {
		expect(() => read('12/../13')).toThrow('Package ID must be a positive whole number, not "12/../13"');
		expect(() => read('')).toThrow('Package ID is empty');
	});
});

describe('itemParameter', () => {
	const context = (raw: string, json: object) =>
		({
			getNode: () => ({ parameters: { packageId: raw } }),
			getInputData: () => [{ json: {} }, { json }],
			getNodeParameter: () => 'evaluated by n8n',
		}) as unknown as IExecuteFunctions;

	it.each([
		['={{ $json.id }}', { id: 7 }, 7],
		['={{$json.id}}', { id: '8' }, '8'],
		['= {{ $json.deal.packageId }} ', { deal: { packageId: 9 } }, 9],
	])('reads the plain field reference %p straight from the item', (raw, json, expected) => {
		expect(itemParameter(context(raw, json), 'packageId', 1, 'Package ID')).toEqual(expected);
	});

	it.each([
		'={{ $json.id + 1 }}',
		'={{ $json["id"] }}',
		"={{ $('Other').item.json.id }}",
		'=pkg-{{ $json.id }}',
		'123',
		'={{ $json.missing.deeper }}',
		'={{ $json.constructor }}',
		'={{ $json.__proto__ }}',
		'={{ $json.id.toString }}',
	])(
		'leaves anything else, like %p, to n8n',
		(raw) => {
			expect(itemParameter(context(raw, { id: 7 }), 'packageId', 1, 'Package ID')).toBe('evaluated by n8n');
		},
	);
});
