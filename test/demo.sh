#!/usr/bin/env bash
# `npm run demo`: the first command on a fresh clone. Installs the dev tools if they are not
# there yet, builds, then runs the example workflow in a real n8n (see test/demo.js).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build
node test/demo.js "$@"
