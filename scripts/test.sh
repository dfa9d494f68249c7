#!/usr/bin/env bash
# The one test command for a newcomer and for CI: install if needed, build, unit tests, spec tests.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

if [ ! -d node_modules ]; then
  echo "== npm ci (node_modules is missing)"
  npm ci --no-audit --no-fund
fi

echo "== build"
npx tsc -b

echo "== unit tests"
npm run test:unit --workspaces --if-present

echo "== e2e tests (a live dev chain: finality, restarts, bad input)"
npm run test:e2e --workspaces --if-present

echo "== spec tests (preset ${HEARTH_PRESET:-minimal})"
node spec-tests/lib/src/cli.js --preset "${HEARTH_PRESET:-minimal}" --report reports/spec-report.json

echo "== npm test took $(( $(date +%s) - start ))s"
