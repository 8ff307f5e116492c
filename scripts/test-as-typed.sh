#!/usr/bin/env bash
# `wasm-pack test` as a Rust developer types it, with no DINGTALK_MOCK_URL: the suites then look
# for the mock at make mock's address, 127.0.0.1:8790.
#   1. With a mock there, `wasm-pack test --node`, `--headless --chrome` and `--headless --firefox`
#      pass, in js/ (the JS facade's suites) and in examples/rust-client.
#   2. With nothing there, it fails at once with the one line that says how to start the mock.
# Both need port 8790; when it is taken (a `make mock` or `make demo` running), they are skipped
# with a line saying so.
set -euo pipefail
cd "$(dirname "$0")/.."
unset DINGTALK_MOCK_URL
port=8790

if node -e '
  const server = require("node:net").createServer();
  server.once("error", () => process.exit(1));
  server.listen(Number(process.argv[1]), "127.0.0.1", () => server.close(() => process.exit(0)));
' "$port"; then :; else
  echo "skipped: port $port is taken, so wasm-pack test cannot be tried as typed here"
  exit 0
fi

cargo build --quiet -p dingtalk-mock
out=$(mktemp)
log=$(mktemp)
mock_pid=""
cleanup() {
  if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
  rm -f "$out" "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "==> no mock on $port: wasm-pack test --node fails at once with one clear line"
started=$(date +%s)
if (cd js && timeout 300 wasm-pack test --node -- --test node) >"$log" 2>&1; then
  cat "$log"
  echo "test-as-typed: wasm-pack test --node passed with no mock listening" >&2
  exit 1
fi
took=$(( $(date +%s) - started ))
expected="dingtalk-mock is not answering at http://127.0.0.1:$port: start it with \`make mock\` in another terminal"
lines=$(grep -cF "$expected" "$log" || true)
failed=$(grep -c '^test .* \.\.\. FAIL$' "$log" || true)
if [ "$lines" != 1 ] || [ "$failed" != 1 ]; then
  cat "$log"
  echo "test-as-typed: expected the instruction once and one failing case, got $lines and $failed" >&2
  exit 1
fi
echo "ok: one failing case, the line once:"
grep -F "$expected" "$log" | sed 's/^ *//'

echo "==> make mock's port $port: wasm-pack test passes as typed"
./target/debug/dingtalk-mock --host 127.0.0.1 --port "$port" >"$out" 2>&1 &
mock_pid=$!
for _ in $(seq 200); do
  grep -q "listening on" "$out" && break
  kill -0 "$mock_pid" 2>/dev/null || { cat "$out" >&2; exit 1; }
  sleep 0.05
done
for dir in js examples/rust-client; do
  for mode in --node "--headless --chrome" "--headless --firefox"; do
    echo "--> (cd $dir && wasm-pack test $mode)"
    # shellcheck disable=SC2086 # $mode is two words on purpose
    (cd "$dir" && timeout 600 wasm-pack test $mode)
  done
done
echo "ok: wasm-pack test passed as typed against the mock on $port"
