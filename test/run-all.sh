#!/usr/bin/env bash
# Every check and test: lint, build, unit tests, then the end-to-end suite in each pinned
# real n8n (installed once into a reusable cache) against the SigningHub simulator.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci --no-audit --no-fund
npm run lint
npm run build

# Install the pinned n8n versions first, so their (one-off) install shows its own progress.
node test/e2e/install-n8n.js $(node -e 'console.log(require("./test/e2e/versions").allVersionsUnderTest().join(" "))') >/dev/null

# Three test files at a time: most of an end-to-end file's time is spent waiting for n8n (its
# polls, its start-up, a simulator that answers slowly), so this roughly halves the wall time on
# two cores. SIGNINGHUB_TEST_WORKERS=1 runs one file at a time.
report="$(mktemp)"
status=0
npx jest --maxWorkers="${SIGNINGHUB_TEST_WORKERS:-3}" --json --outputFile="$report" "$@" || status=$?
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const files = r.testResults.map((t) => [Math.round((t.endTime - t.startTime) / 1000), require("path").relative(process.cwd(), t.name)]).sort((a, b) => b[0] - a[0]);
console.log("\nSlowest test files (s): " + files.slice(0, 12).map(([s, f]) => `${f} ${s}`).join(", "));
console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$report"
rm -f "$report"
exit "$status"
