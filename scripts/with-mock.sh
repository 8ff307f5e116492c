#!/usr/bin/env bash
# Runs a command with dingtalk-mock listening on a free loopback port, whose base URL is in
# DINGTALK_MOCK_URL. The mock is stopped when the command ends, whatever happens.
#
#   scripts/with-mock.sh COMMAND [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."

# DINGTALK_MOCK_RELEASE=1 runs an optimised mock (for benchmarks).
profile=debug
if [ "${DINGTALK_MOCK_RELEASE:-}" = 1 ]; then profile=release; fi
cargo build --quiet -p dingtalk-mock $([ "$profile" = release ] && echo --release)
out=$(mktemp)
# DINGTALK_MOCK_TOKEN_LIFETIME=SECONDS: the mock's --token-lifetime (apps' tokens expire sooner).
lifetime=()
if [ -n "${DINGTALK_MOCK_TOKEN_LIFETIME:-}" ]; then lifetime=(--token-lifetime "$DINGTALK_MOCK_TOKEN_LIFETIME"); fi
"./target/$profile/dingtalk-mock" --host 127.0.0.1 --port 0 "${lifetime[@]}" >"$out" 2>&1 &
mock_pid=$!
stop_mock() {
  kill "$mock_pid" 2>/dev/null || true
  wait "$mock_pid" 2>/dev/null || true
  rm -f "$out"
}
trap stop_mock EXIT
trap 'exit 130' INT TERM

url=""
for _ in $(seq 200); do
  url=$(sed -n 's/^dingtalk-mock listening on //p' "$out")
  [ -n "$url" ] && break
  if ! kill -0 "$mock_pid" 2>/dev/null; then
    echo "with-mock.sh: dingtalk-mock did not start:" >&2
    cat "$out" >&2
    exit 1
  fi
  sleep 0.05
done
if [ -z "$url" ]; then
  echo "with-mock.sh: dingtalk-mock printed no URL in 10 s" >&2
  exit 1
fi
export DINGTALK_MOCK_URL="$url"
"$@"
