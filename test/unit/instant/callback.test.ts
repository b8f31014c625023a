// What the instant trigger reads from a call, in every shape SigningHub may send (as n8n parses it).
import type { IDataObject } from 'n8n-workflow';

import { keyMatches, readCall } from '../../../nodes/SigningHubInstantTrigger/callback';

describe('readCall', () => {
	test('JSON {package_id, action}, as one public integration receives', () => {
		expect(readCall({}, { package_id: 123, action: 'Signed' })).toEqual({ packageId: '123', action: 'signed' });
	});

	test('a form body and a query give text values', () => {
		expect(readCall({}, { package_id: '77', action: 'declined' })).toEqual({ packageId: '77', action: 'declined' });
		expect(readCall({ key: 'k', package_id: '78', action: 'shared' }, {})).toEqual({ packageId: '78', action: 'shared' });
		expect(readCall({ packageId: ['79', '80'] }, {})).toEqual({ packageId: '79' });
	});

	test("the Completion Report's XML as n8n parses it (lower-case tags, no arrays), with attributes too", () => {
		expect(readCall({}, { workflowcompletionreport: { documentid: '4711', documentname: 'Contract', logs: { log: [{ action: 'SIGNED' }] } } })).toEqual({
			packageId: '4711',
			action: 'signed',
		});
		expect(readCall({}, { report: { documentid: { _: ' 12 ', $: { type: 'package' } } } })).toEqual({ packageId: '12' });
	});

	test('XML or JSON that n8n left as text (text/plain, or a form field holding it)', () => {
		expect(readCall({}, '<?xml version="1.0"?><ns:Report><ns:DocumentID>99</ns:DocumentID></ns:Report>')).toEqual({ packageId: '99' });
		expect(readCall({}, { xml: '<Report><DocumentID> 98 </DocumentID></Report>' })).toEqual({ packageId: '98' });
		expect(readCall({}, '{"package_id": "97"}')).toEqual({ packageId: '97' });
	});

	test('an empty or unknown body names nothing, and never fails', () => {
		expect(readCall({}, {})).toEqual({});
		expect(readCall(undefined, undefined)).toEqual({});
		expect(readCall({}, 'hello')).toEqual({});
		expect(readCall({}, { package_id: 'abc', event: { id: -3 } })).toEqual({});
		expect(readCall({}, { package_id: 0 })).toEqual({});
		const deep: Record<string, unknown> = {};
		let at = deep;
		for (let i = 0; i < 50; i++) at = (at.next = {}) as Record<string, unknown>;
		at.package_id = 5;
		expect(readCall({}, deep)).toEqual({});
	});
});

describe('keyMatches', () => {
	test('no key asked for: every call counts', () => {
		expect(keyMatches(undefined, {})).toBe(true);
		expect(keyMatches(undefined, { key: 'anything' })).toBe(true);
	});

	test('a key asked for that came out empty: no call counts', () => {
		for (const given of [undefined, '', 'undefined', 'anything']) expect(keyMatches('', { key: given })).toBe(false);
	});

	test('a key set: only the same key in ?key= counts', () => {
		expect(keyMatches('s3cret-Key', { key: 's3cret-Key' })).toBe(true);
		for (const given of [undefined, '', 's3cret-key', 's3cret-Ke', 's3cret-Key2', ['s3cret-Key']]) expect(keyMatches('s3cret-Key', { key: given })).toBe(false);
		expect(keyMatches('s3cret-Key', undefined)).toBe(false);
	});
});

test('a body of 400,000 keys is searched only to its 1,000th value; a long text only in its first part', () => {
	const body: IDataObject = {};
	for (let i = 0; i < 400_000; i++) body[`key-${i}`] = `value ${i}`;
	body.package_id = '5';
	expect(readCall({}, body)).toEqual({});
	expect(readCall({}, { ...Object.fromEntries(Object.entries(body).slice(0, 900)), package_id: '5' })).toEqual({ packageId: '5' });
	expect(readCall({}, `${' '.repeat(70_000)}<DocumentID>5</DocumentID>`)).toEqual({});
	expect(readCall({}, { deep: [[[{ action: 'signed' }]]], package_id: 5 })).toEqual({ packageId: '5', action: 'signed' });
});
