#!/usr/bin/env bash
# Installs what the build, the tests and the demo need, skipping whatever is already there, so
# it is quick on a machine that has everything. Nothing is downloaded from outside the package
# registries: wasm-pack always runs with `--mode no-install`, wasm-opt comes from npm's
# `binaryen`, the browsers from Debian.
#
#   scripts/setup.sh             Rust target, wasm-pack, wasm-bindgen-cli, npm tools
#   scripts/setup.sh --browser   the same, plus Chromium, Firefox ESR and WebKitGTK with their
#                                WebDriver servers, and Xvfb
#   scripts/setup.sh --chromium  the same, plus Chromium and chromedriver only (make bench)
#   scripts/setup.sh --rust-only the Rust target, wasm-pack and wasm-bindgen-cli only (make check)
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=false
want_chromium=false
rust_only=false
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=true; want_chromium=true ;;
    --chromium) want_chromium=true ;;
    --rust-only) rust_only=true ;;
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

if $rust_only; then exit 0; fi

# worker-build, as workers-rs users build a Worker (examples/workers-rs); pinned beside the worker
# crate's 0.8. It never downloads here: its test points it at this wasm-bindgen and npm's wasm-opt.
WORKER_BUILD_VERSION=0.8.7
if [ "$(worker-build --version 2>/dev/null | awk '{print $NF}')" != "$WORKER_BUILD_VERSION" ]; then
  log "cargo install worker-build --version $WORKER_BUILD_VERSION (about 6 minutes)"
  cargo install worker-build --version "$WORKER_BUILD_VERSION"
fi

# npm tools (wasm-opt, selenium-webdriver, workerd, esbuild, vite, typescript, deno, bun), pinned
# by tools/package-lock.json and installed into tools/node_modules.
# (`npm install`, not `npm ci`: npm 11 leaves the deno package's other-platform binaries out of
# the lock file and then refuses `npm ci` over it.)
if [ ! -f tools/node_modules/.install-stamp ] || [ tools/package.json -nt tools/node_modules/.install-stamp ]; then
  log "npm install in tools/"
  npm install --prefix tools --no-audit --no-fund --loglevel=error
  touch tools/node_modules/.install-stamp
fi

# The three browser engines the page-level and wasm browser suites run in, each from Debian
# (or crates.io for geckodriver): Chromium and its driver; Firefox ESR and geckodriver; WebKitGTK's
# WebKitWebDriver, whose MiniBrowser needs an X display (Xvfb). A machine that cannot get one of
# them fails here with one line saying which, never a silently skipped engine.
MINIBROWSER=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
GECKODRIVER_VERSION=0.37.1
if $want_chromium; then
  missing=()
  { command -v chromium && command -v chromedriver; } >/dev/null 2>&1 || missing+=(chromium chromium-driver)
  if $want_browser; then
    command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
    { command -v WebKitWebDriver && [ -x "$MINIBROWSER" ]; } >/dev/null 2>&1 || missing+=(webkit2gtk-driver)
    { command -v Xvfb && command -v xvfb-run && command -v xauth; } >/dev/null 2>&1 || missing+=(xvfb xauth)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "setup.sh: the browser runs need Debian's ${missing[*]}: sudo apt-get install ${missing[*]}" >&2
      exit 1
    fi
    log "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    if ! apt-get install -y -qq "${missing[@]}" >/dev/null; then
      echo "setup.sh: apt-get could not install ${missing[*]}; the browser runs need each of them" >&2
      exit 1
    fi
  fi
  if $want_browser && [ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 {print $2}')" != "$GECKODRIVER_VERSION" ]; then
    log "cargo install geckodriver --version $GECKODRIVER_VERSION (about 1 minute)"
    if ! cargo install --quiet --locked geckodriver --version "$GECKODRIVER_VERSION"; then
      echo "setup.sh: cargo install geckodriver failed; Firefox cannot be driven without it" >&2
      exit 1
    fi
  fi
fi
