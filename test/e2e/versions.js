// The n8n versions the end-to-end suite runs in: the newest that installs here (on Node 24)
// and the newest that runs on Node 20. N8N_TEST_VERSIONS=2.8.4 narrows a run to one.
const VERIFIED = ['2.40.7', '2.8.4'];

function versionsUnderTest() {
	const asked = process.env.N8N_TEST_VERSIONS;
	return asked ? asked.split(',').map((v) => v.trim()).filter(Boolean) : VERIFIED;
}

module.exports = { VERIFIED, versionsUnderTest };
