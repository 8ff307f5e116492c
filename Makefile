# Every target installs what it is missing (see scripts/setup.sh), so on a fresh machine
# `make demo` and `make test` are the only commands needed.

.PHONY: test check demo bench pkg size lint setup mock clean

## make test: every suite (native, wasm in Node, Chromium, Firefox and WebKit, the Rust example, release smoke, size budget, ...)
test:
	scripts/test.sh

## make check: the quick loop (CONTRIBUTING.md): fmt, clippy, the native tests and the wasm
## suite in Node against the mock; seconds once built. `make test` runs everything.
check:
	scripts/check.sh

## make demo: the package, the mock and the demo page; prints the URL to open (Ctrl-C stops)
## Ports: make demo DEMO_MOCK_PORT=8790 DEMO_WWW_PORT=8080
demo:
	scripts/setup.sh
	cargo build --quiet -p dingtalk-mock
	scripts/build-pkg.sh
	node scripts/demo.mjs

## make bench: own cost, loopback latency and throughput, cold start and bytes, against a
## hand-written client and the official SDK (bench/README.md); writes bench/results/latest.*
bench:
	scripts/setup.sh --chromium
	scripts/build-pkg.sh
	bench/floor/build.sh
	DINGTALK_MOCK_RELEASE=1 scripts/with-mock.sh node bench/run.mjs

## make pkg: the release npm package in pkg/ (then `cd pkg && npm pack`)
pkg:
	scripts/setup.sh
	scripts/build-pkg.sh

## make size: raw, gzip and brotli bytes of what each runtime loads
size: pkg
	node scripts/size.mjs

## make lint: rustfmt, clippy and rustdoc (native and wasm32), warnings are errors
lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p dingtalk-calendar -p dingtalk-calendar-js --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p dingtalk-calendar --features worker --all-targets -- -D warnings
	# The npm package's build: no std (scripts/build-pkg.sh), natively the core alone without it.
	cargo clippy --target wasm32-unknown-unknown -p dingtalk-calendar-js --no-default-features --lib -- -D warnings
	cargo clippy -p dingtalk-calendar --no-default-features --lib -- -D warnings
	cargo clippy --target wasm32-unknown-unknown -p dingtalk-calendar -p rust-client-example -p wasm-bindgen-floor --all-targets -- -D warnings
	cargo fmt --manifest-path examples/workers-rs/Cargo.toml --check
	cargo clippy --manifest-path examples/workers-rs/Cargo.toml --target wasm32-unknown-unknown -- -D warnings
	# The library's docs, as docs.rs builds them (its `docsrs` cfg needs nightly's doc_cfg, which
	# RUSTC_BOOTSTRAP unlocks on stable), for wasm32 and the host: no broken or private link.
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p dingtalk-calendar --target wasm32-unknown-unknown
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p dingtalk-calendar
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p dingtalk-calendar --features native
	RUSTC_BOOTSTRAP=1 RUSTDOCFLAGS="--cfg docsrs -D warnings" cargo doc --no-deps -p dingtalk-calendar --features native
	RUSTC_BOOTSTRAP=1 RUSTDOCFLAGS="--cfg docsrs -D warnings" cargo doc --no-deps -p dingtalk-calendar --target wasm32-unknown-unknown --features worker

## make mock: dingtalk-mock in the foreground on 127.0.0.1:8790
mock:
	cargo run -p dingtalk-mock -- --port 8790

## make setup: install the toolchain pieces, npm tools and the three browser engines
setup:
	scripts/setup.sh --browser

clean:
	cargo clean
	rm -rf pkg tools/node_modules
