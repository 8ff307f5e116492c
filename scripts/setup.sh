#!/usr/bin/env bash
# Installs what the build, the tests and the demo need, skipping whatever is already there, so
# it is quick on a machine that has everything. Nothing is downloaded from outside the package
# registries: wasm-pack always runs with `--mode no-install`, wasm-opt comes from npm's
# `binaryen`, Chromium and its driver from Debian.
#
#   scripts/setup.sh            Rust target, wasm-pack, wasm-bindgen-cli, npm tools
#   scripts/setup.sh --browser  the same, plus chromium and chromium-driver
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=false
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=true ;;
    *) echo "setup.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

log() { printf '==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  log "cargo install wasm-pack (about 2 minutes)"
  cargo install wasm-pack
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
bindgen_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$bindgen_version" ]; then
  echo "setup.sh: cannot read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  log "cargo install wasm-bindgen-cli --version $bindgen_version (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# npm tools (wasm-opt, playwright-core, workerd, esbuild, vite, typescript, deno, bun), pinned
# by tools/package-lock.json and installed into tools/node_modules.
# (`npm install`, not `npm ci`: npm 11 leaves the deno package's other-platform binaries out of
# the lock file and then refuses `npm ci` over it.)
if [ ! -f tools/node_modules/.install-stamp ] || [ tools/package.json -nt tools/node_modules/.install-stamp ]; then
  log "npm install in tools/"
  npm install --prefix tools --no-audit --no-fund --loglevel=error
  touch tools/node_modules/.install-stamp
fi

if $want_browser && ! { command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; }; then
  if [ "$(id -u)" = 0 ]; then
    log "apt-get install chromium chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "setup.sh: the browser tests need Debian's chromium and chromium-driver:" >&2
    echo "  sudo apt-get install chromium chromium-driver" >&2
    exit 1
  fi
fi
