#!/usr/bin/env bash
# Load test of the web platform on this machine: starts `qatysu demo` (release build) on a
# free loopback port and runs wrk against its public pages. Bounded in time; loopback only.
# Usage: scripts/load.sh [seconds per page, default 10] [connections, default 32]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-10}"
conns="${2:-32}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
cargo build --release --quiet
log=$(mktemp)
data=$(mktemp -d)
target/release/qatysu demo --addr 127.0.0.1:0 --data "$data" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data" "$log"' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$log" | head -n1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$log"; echo "demo did not start" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 1; }
# The demo's cycles: the one in voting, then the finished one.
mapfile -t cycles < <(curl -s "${url}api/v1/cycles" | grep -o '"id":"[^"]*"' | cut -d'"' -f4)
voting="${cycles[0]:-}"
finished="${cycles[1]:-}"
printf '%-34s %10s %10s %10s\n' page req/s p50 p99
for page in "" "territories" "territories/114435000" "register" "api/v1/territories?parent=114400000" \
  "pb/$voting" "pb/$finished/results" "pb/$finished/protocol" "pb/$finished/projects" \
  "api/v1/cycles/$voting" "territories/114400000/accountability" "territories/114400000/land" \
  "control" "initiatives"; do
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -H 'Accept-Encoding: gzip' "${url}${page}")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  label="${page//$voting/VOTING}"
  label="${label//$finished/FINISHED}"
  printf '%-34s %10s %10s %10s\n' "/${label}" "$rps" "$p50" "$p99"
done
