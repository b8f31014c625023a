// The n8n versions the end-to-end suite runs in: the newest that installs here (on Node 24)
// and the newest that runs on Node 20; for the core suites (credential, Complete, round trip,
// builder hints) also the newest 2.x whose dependency tree the registry serves; and for the slow
// suites about SigningHub's own behaviour (the node's requests and answers, the same in every
// n8n) only the newest verified, so the whole run stays short on a fresh machine.
// N8N_TEST_VERSIONS=2.8.4 narrows a run to one, whatever the suite.
const VERIFIED = ['2.40.7', '2.8.4'];
/** n8n 2.41.3 is newer but needs @n8n/agents 0.26.2, which the registry here does not serve. */
const NEWEST = '2.41.1';

/** The versions a suite runs in; `core` suites also run in NEWEST, `newestOnly` ones in VERIFIED[0] alone. */
function versionsUnderTest({ core = false, newestOnly = false } = {}) {
	const asked = process.env.N8N_TEST_VERSIONS;
	if (asked) return asked.split(',').map((v) => v.trim()).filter(Boolean);
	if (newestOnly) return VERIFIED.slice(0, 1);
	return core ? [...VERIFIED, NEWEST] : VERIFIED;
}

/** Every version some suite runs in (what to install first). */
function allVersionsUnderTest() {
	return versionsUnderTest({ core: true });
}

module.exports = { VERIFIED, NEWEST, versionsUnderTest, allVersionsUnderTest };
