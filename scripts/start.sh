#!/usr/bin/env bash
# `npm start`: build if needed, then run the local dev chain (`hearth dev`).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
npx tsc -b
if [ -f packages/cli/lib/src/index.js ]; then
  exec node packages/cli/lib/src/index.js dev "$@"
fi
echo "hearth dev is not built yet: the dev chain arrives with the beacon-node issue. Try 'npm test'." >&2
exit 1
