// Package > Move to Folder: by the folder's name (v4 MoveToRequest); SigningHub's refusal of an
// unknown folder; v3 and bad input refused before any request.
import { nodeHarness, OWNER } from '../harness';

const harness = nodeHarness();
const move = { resource: 'package', operation: 'moveToFolder', packageId: '={{ $json.packageId }}', folderName: '={{ $json.folder }}' };

describe('Package > Move to Folder', () => {
	beforeEach(() => harness.sim.reset({ packages: [{ id: 7, owner: OWNER, status: 'DRAFT' }, { id: 8, owner: 'colleague@example.com', status: 'DRAFT' }], folders: ['Signed 2026'] }));

	it("moves each item's package to the folder it names", async () => {
		const { output } = await harness.run(move, [{ packageId: 7, folder: 'Signed 2026' }]);
		expect(harness.calls()).toEqual(['PUT /v4/packages/7/move_to']);
		expect(output[0].json).toEqual({ packageId: 7, folderName: 'Signed 2026', moved: true });
		expect(harness.sim.packageOf(7).folder).toBe('Signed 2026');
	});

	it("fails the items SigningHub refuses: an unknown folder, another user's package", async () => {
		const errors = await harness.errors(move, [{ packageId: 7, folder: 'Nowhere' }, { packageId: 8, folder: 'Contracts' }]);
		expect(errors).toEqual([expect.objectContaining({ httpCode: 404, message: expect.stringContaining('Folder "Nowhere" not found') }), expect.objectContaining({ httpCode: 403 })]);
	});

	it('refuses v3 and an empty folder name before any request', async () => {
		const [v3] = await harness.refused(move, [{ packageId: 7, folder: 'Contracts' }], { apiVersion: 'v3' });
		expect(v3.message).toBe('Move to Folder needs SigningHub API v4');
		const [empty] = await harness.refused(move, [{ packageId: 7, folder: ' ' }]);
		expect(empty.message).toBe('Folder Name is empty');
	});
});
