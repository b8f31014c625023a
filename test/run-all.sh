#!/usr/bin/env bash
# Every check and test: lint, build, unit tests, then the end-to-end suite in each pinned
# real n8n (installed once into a reusable cache) against the SigningHub simulator.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci --no-audit --no-fund
started=$SECONDS
phase() { echo "== $1 ($((SECONDS - started)) s since start)"; }

# The pinned n8n versions install in the background (minutes on a new machine, nothing once
# cached): the first alone, while lint, build and the unit tests run, then the others while the
# end-to-end tests run in the first (a test that needs one still installing waits for it). Their
# output goes to a log, shown if an install fails. setsid gives the installs their own process
# group, stopped on any exit.
versions=($(node -e 'console.log(require("./test/e2e/versions").allVersionsUnderTest().join(" "))'))
install_log="$(mktemp)"
reports="$(mktemp -d)"
setsid node test/e2e/install-n8n.js "${versions[@]}" >"$install_log" 2>&1 &
install_pid=$!
installs_failed() {
	cat "$install_log" >&2
	echo "Installing the pinned n8n versions failed (output above)." >&2
}
trap 'kill -- -"$install_pid" 2>/dev/null || true; rm -rf "$install_log" "$reports"' EXIT

phase lint
npm run lint
phase build
npm run build
# The unit tests are compiled file by file without type checking (isolatedModules); this checks
# the types of the sources and the tests together, once.
phase typecheck
npm run typecheck

# Three test files at a time: most of an end-to-end file's time is spent waiting for n8n (its
# polls, its start-up, a simulator that answers slowly), so this roughly halves the wall time on
# two cores. SIGNINGHUB_TEST_WORKERS=1 runs one file at a time. Arguments (test paths, -t) go to
# both projects.
jest_run() {
	npx jest --selectProjects "$1" --passWithNoTests --maxWorkers="${SIGNINGHUB_TEST_WORKERS:-3}" --json --outputFile="$reports/$1.json" "${@:2}"
}
status=0
phase "unit tests"
jest_run unit "$@" || status=$?

phase "waiting for n8n ${versions[0]}"
if ! node -e 'require("./test/e2e/install-n8n").whenInstalled(process.argv[1]).catch(() => process.exit(1))' "${versions[0]}" >/dev/null 2>&1; then
	installs_failed
	exit 1
fi
phase "end-to-end tests"
jest_run e2e "$@" || status=$?
if ! wait "$install_pid"; then
	installs_failed
	status=1
fi
phase done

node -e '
const { readFileSync } = require("fs");
const { relative } = require("path");
const reports = process.argv.slice(1).map((file) => JSON.parse(readFileSync(file, "utf8")));
const files = reports.flatMap((r) => r.testResults).map((t) => [Math.round((t.endTime - t.startTime) / 1000), relative(process.cwd(), t.name)]).sort((a, b) => b[0] - a[0]);
const sum = (key) => reports.reduce((total, r) => total + r[key], 0);
console.log("\nSlowest test files (s): " + files.slice(0, 12).map(([s, f]) => `${f} ${s}`).join(", "));
console.log(`Tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed` + (sum("numPendingTests") ? `, ${sum("numPendingTests")} skipped` : ""));
' "$reports"/*.json
exit "$status"
