// Document > Delete Field: by its name (v4 fieldsDeleteDocumentField, DELETE with {field_name});
// SigningHub's refusals of a shared package and an unknown name; never sent twice. v3 and v4.
import { nodeHarness } from '../harness';
import { contractPackage } from './contract';

const harness = nodeHarness();
const deleteField = { resource: 'document', operation: 'deleteField', packageId: '={{ $json.packageId }}', documentId: '', fieldName: '={{ $json.field }}' };
const names = (packageId: number) => harness.sim.fieldsOf(harness.sim.packageOf(packageId).documents[0]).map((field: { field_name: string }) => field.field_name);

describe.each(['v4', 'v3'])('Document > Delete Field (%s)', (apiVersion) => {
	beforeEach(() => harness.sim.reset({ packages: [contractPackage(7), contractPackage(9, 'IN_PROGRESS')] }));

	it("removes the field each item names from the package's first document", async () => {
		const [field] = names(7);
		const { output } = await harness.run(deleteField, [{ packageId: 7, field }], { apiVersion });
		const documentId = harness.sim.packageOf(7).documents[0].id;
		expect(harness.calls()).toEqual([`DELETE /${apiVersion}/packages/7/documents/${documentId}/fields`, `GET /${apiVersion}/packages/7/workflow`].sort());
		expect(output[0].json).toEqual({ packageId: 7, documentId, fieldName: field, deleted: true });
		expect(names(7)).not.toContain(field);
	});

	it("fails the items SigningHub refuses, in its words: an unknown field, a shared package", async () => {
		const errors = await harness.errors(deleteField, [{ packageId: 7, field: 'nope' }, { packageId: 9, field: names(9)[0] }], { apiVersion });
		expect(errors).toEqual([expect.objectContaining({ httpCode: 400, message: expect.stringContaining('Field "nope" does not exist in the document') }), expect.objectContaining({ httpCode: 403, message: expect.stringContaining('Document is no longer in draft state') })]);
	});

	it('never deletes twice after a lost answer, and refuses an empty Field Name before any request', async () => {
		harness.sim.addFaults({ path: '/fields$', method: 'DELETE', kind: 'drop', after: true, times: 1 });
		const [lost] = await harness.errors({ ...deleteField, documentId: String(harness.sim.packageOf(7).documents[0].id) }, [{ packageId: 7, field: names(7)[0] }], { apiVersion });
		expect(lost).toMatchObject({ httpCode: null, attempts: 1 });
		const [empty] = await harness.refused(deleteField, [{ packageId: 7, field: '' }], { apiVersion });
		expect(empty.message).toBe('Field Name is empty');
	});
});
