#!/usr/bin/env bash
# Build the server and the SPA into another directory (default /tmp/bianmin-dist), so parallel work can
# run Playwright against its own build: `bash scripts/build-to.sh /tmp/x/dist && E2E_DIST=/tmp/x/dist
# E2E_PORT=3200 npx playwright test e2e/foo.spec.ts --output /tmp/x/results`.
set -euo pipefail
out="${1:-/tmp/bianmin-dist}"
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.server.json --outDir "$out/server"
npx vite build --outDir "$out/web" --emptyOutDir --logLevel warn
# The compiled server resolves its packages by walking up from $out/server: give it ours.
parent="$(dirname "$out")"
[ -e "$parent/node_modules" ] || ln -s "$PWD/node_modules" "$parent/node_modules"
echo "built into $out"
