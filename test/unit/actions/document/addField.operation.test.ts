// Document > Add Field: a field for a recipient next to a text (SigningHub's autoplace, one item
// per field placed) or at a position (per version's path); SigningHub's refusals with advice;
// bad input before any request; never sent twice after a lost answer. v3 and v4.
import { nodeHarness } from '../harness';
import { contractPackage } from './contract';

const { simplePdf } = require('../../../simulator/files');

const harness = nodeHarness();
const addField = (extra: object = {}, options: object = {}) => ({ resource: 'document', operation: 'addField', packageId: '={{ $json.packageId }}', documentId: '', fieldType: 'SIGNATURE', order: '={{ $json.order }}', placement: 'TEXT', searchText: '={{ $json.text }}', side: 'RIGHT', options, ...extra });
const fieldsOf = (packageId: number) => harness.sim.fieldsOf(harness.sim.packageOf(packageId).documents[0]).filter((field: { embedded: boolean }) => !field.embedded);

describe.each(['v4', 'v3'])('Document > Add Field (%s)', (apiVersion) => {
	beforeEach(() =>
		harness.sim.reset({
			packages: [contractPackage(7), { ...contractPackage(8), documents: [{ name: 'two.pdf', content: simplePdf(['Signature:', 'Terms', 'Signature:']) }] }, contractPackage(9, 'IN_PROGRESS')],
		}),
	);

	it('places a signature box right of a text for the recipient of each item', async () => {
		const { output } = await harness.run(addField(), [{ packageId: 7, order: 1, text: 'Customer signature:' }, { packageId: 7, order: 2, text: 'For ACME:' }], { apiVersion });
		expect(output.map((item) => item.json)).toEqual([
			{ packageId: 7, fieldType: 'SIGNATURE', order: 1, documentId: expect.any(Number), fieldName: expect.any(String), placedNextTo: 'Customer signature:', side: 'RIGHT' },
			{ packageId: 7, fieldType: 'SIGNATURE', order: 2, documentId: expect.any(Number), fieldName: expect.any(String), placedNextTo: 'For ACME:', side: 'RIGHT' },
		]);
		const [first, second] = fieldsOf(7);
		expect(first).toMatchObject({ kind: 'signature', order: 1, field_name: output[0].json.fieldName, dimensions: { width: 160, height: 40 } });
		// Right of "Customer signature:" (x 50, about 105 wide), on its line.
		expect(first.dimensions.x).toBeGreaterThan(150);
		expect(Math.abs(first.dimensions.y + 20 - 297)).toBeLessThan(10);
		expect(second).toMatchObject({ order: 2 });
		const body = harness.sim.log.filter((entry: { path: string }) => entry.path.endsWith('/fields/autoplace'));
		expect(body).toHaveLength(2);
	});

	it('gives one item per place the text appears', async () => {
		const { output } = await harness.run(addField({ side: 'LEFT' }), [{ packageId: 8, order: 1, text: 'Signature:' }], { apiVersion });
		expect(output).toHaveLength(2);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('fails the item when the text is nowhere in the document', async () => {
		const { output } = await harness.run(addField(), [{ packageId: 7, order: 1, text: 'Witness:' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining('SigningHub found "Witness:" nowhere in document') });
	});

	it.each([
		['SIGNATURE', { v4: 'signature', v3: 'digital_signature' }],
		['INITIALS', { v4: 'initials', v3: 'initials' }],
		['TEXT', { v4: 'text', v3: 'text' }],
	])('adds a %s field at a position on the path of the version', async (fieldType, paths) => {
		const from = harness.sim.log.length;
		const parameters = addField({ placement: 'POSITION', fieldType, page: 1, x: 300, y: 500 }, { fieldName: 'company_seal', width: 120 });
		const { output } = await harness.run(parameters, [{ packageId: 7, order: 2 }], { apiVersion });
		expect(output[0].json).toMatchObject({ packageId: 7, fieldName: 'company_seal', page: 1, dimensions: { x: 300, y: 500, width: 120 } });
		expect(harness.requests(from).map((entry) => entry.path).at(-1)).toMatch(new RegExp(`^/${apiVersion}/packages/7/documents/\\d+/fields/${paths[apiVersion as 'v4' | 'v3']}$`));
		expect(fieldsOf(7)[0]).toMatchObject({ field_name: 'company_seal', order: 2 });
	});

	it("passes on SigningHub's refusals of a shared package and of a locked workflow, with advice", async () => {
		harness.sim.packageOf(7).lockedWorkflow = true;
		const { output } = await harness.run(addField(), [{ packageId: 9, order: 1, text: 'For ACME:' }, { packageId: 7, order: 1, text: 'For ACME:' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'Document is no longer in draft state', description: expect.stringContaining('only while the package is a draft') });
		expect(output[1].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'You are not allowed to perform this action on locked workflow', description: expect.stringContaining('locked') });
	});

	it("passes on SigningHub's refusal once someone signed", async () => {
		const pkg = harness.sim.packageOf(7);
		harness.sim.addFieldTo(pkg.documents[0], 'signature', { order: 1 }, 1, { x: 1, y: 1, width: 10, height: 10 }).process_status = 'PROCESSED';
		const { output } = await harness.run(addField(), [{ packageId: 7, order: 1, text: 'For ACME:' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ httpCode: 403, signingHubMessage: 'You cannot add fields once the document has been signed', description: expect.stringContaining('already signed') });
	});

	it('does not send it again when the answer is lost', async () => {
		harness.sim.addFaults({ path: '/fields/autoplace$', kind: 'drop', after: true, times: 1 });
		const from = harness.sim.log.length;
		const { output } = await harness.run(addField(), [{ packageId: 7, order: 1, text: 'For ACME:' }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining('SigningHub may have carried it out'), attempts: 1 });
		expect(harness.requests(from).filter((entry) => entry.method === 'POST')).toHaveLength(1);
	});

	it.each([
		[{ order: 0 }, {}, 'Recipient Order must be a whole number of at least 1, not "0"'],
		[{ text: '' }, {}, 'Search Text is empty'],
		[{}, { side: 'UP' }, 'Side must be one of LEFT, RIGHT, TOP, BOTTOM, not "UP"'],
		[{}, { fieldType: 'STAMP' }, 'Field Type must be one of SIGNATURE, INITIALS, IN_PERSON_SIGNATURE, TEXT, CHECKBOX, RADIO, QR_CODE, not "STAMP"'],
		[{}, { fieldType: 'IN_PERSON_SIGNATURE', placeholder: '' }, 'Placeholder is empty'],
		[{}, { placement: 'POSITION', page: 1, x: -5, y: 0 }, 'X must be a whole number of at least 0, not "-5"'],
	])('refuses %p %p before any request', async (item, parameters, message) => {
		const from = harness.sim.log.length;
		const { output } = await harness.run(addField(parameters), [{ packageId: 7, order: 1, text: 'For ACME:', ...item }], { apiVersion, continueOnFail: true });
		expect(output[0].json.error).toMatchObject({ message: expect.stringContaining(message), attempts: 0 });
		expect(harness.requests(from)).toEqual([]);
	});
});

describe.each(['v4', 'v3'])('Document > Add Field: checkboxes, radio buttons, QR codes (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [contractPackage(7)] }));
	const at = (fieldType: string, extra: object = {}, options: object = {}) => addField({ placement: 'POSITION', fieldType, page: 1, x: 40, y: 60, ...extra }, options);

	it('adds a checkbox and two buttons of a radio group for a recipient, square as SigningHub makes them', async () => {
		const { output } = await harness.run(at('CHECKBOX', {}, { checked: true, required: true, width: 14, height: 10 }), [{ packageId: 7, order: 1 }], { apiVersion });
		expect(output[0].json).toMatchObject({ fieldType: 'CHECKBOX', order: 1, dimensions: { width: 14, height: 10 } });
		await harness.run(at('RADIO', { radioGroup: '={{ $json.group }}' }, { fieldName: '={{ $json.name }}' }), [{ packageId: 7, order: 1, group: 'plan', name: 'basic' }, { packageId: 7, order: 1, group: 'plan', name: 'premium' }], { apiVersion, parallelRequests: 1 } as object);
		const [checkbox, basic, premium] = fieldsOf(7);
		expect(checkbox).toMatchObject({ kind: 'checkbox', order: 1, value: true, validation_rule: 'MANDATORY', dimensions: { width: 14, height: 14 } });
		expect([basic, premium]).toEqual([expect.objectContaining({ kind: 'radio', field_name: 'basic', radio_group_name: 'plan', validation_rule: 'OPTIONAL' }), expect.objectContaining({ field_name: 'premium', radio_group_name: 'plan' })]);
		expect(harness.calls().filter((call) => call.startsWith('POST'))).toEqual([expect.stringMatching(/\/fields\/checkbox$/), expect.stringMatching(/\/fields\/radio$/), expect.stringMatching(/\/fields\/radio$/)]);
	});

	it('places a radio button next to a text with its group (autoplace)', async () => {
		const { output } = await harness.run(addField({ fieldType: 'RADIO', radioGroup: 'plan' }), [{ packageId: 7, order: 1, text: 'Plan:' }], { apiVersion });
		expect(output[0].json).toMatchObject({ fieldType: 'RADIO', placedNextTo: 'Plan:' });
		expect(fieldsOf(7)[0]).toMatchObject({ kind: 'radio', radio_group_name: 'plan' });
	});

	it('refuses a radio button without a group before any request', async () => {
		const [error] = await harness.refused(at('RADIO', { radioGroup: '' }), [{ packageId: 7, order: 1 }], { apiVersion });
		expect(error.message).toBe('Radio Group is empty');
	});

	if (apiVersion === 'v4') {
		it('adds a QR code holding the given text at a position, for nobody', async () => {
			const { output } = await harness.run(at('QR_CODE', {}, { qrData: 'https://example.com/contract/7', width: 90, height: 90 }), [{ packageId: 7 }], { apiVersion });
			expect(output[0].json).toMatchObject({ fieldType: 'QR_CODE', order: null, qrData: 'https://example.com/contract/7', dimensions: { width: 90, height: 90 } });
			expect(fieldsOf(7)[0]).toMatchObject({ kind: 'qrcode', order: null, data: 'https://example.com/contract/7' });
			expect(harness.calls().at(-1)).toMatch(/^POST \/v4\/packages\/7\/documents\/\d+\/fields\/qrcode$/);
		});

		it('refuses a QR code next to a text before any request', async () => {
			const [error] = await harness.refused(addField({ fieldType: 'QR_CODE' }), [{ packageId: 7, text: 'Plan:' }], { apiVersion });
			expect(error.message).toBe('A QR code can only be placed at a position');
		});
	} else {
		it('refuses a QR code on v3 before any request', async () => {
			const [error] = await harness.refused(at('QR_CODE'), [{ packageId: 7 }], { apiVersion });
			expect(error.message).toBe('QR code fields need SigningHub API v4');
		});
	}
});
