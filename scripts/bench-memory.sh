#!/usr/bin/env bash
# RSS of the exporter process after its first sync of N batches, for the JIT build (dotnet BatchExporter.dll) and
# the Native AOT build (scripts/publish.sh), each against the standalone simulator over loopback.
# Usage: scripts/bench-memory.sh [N ...]   (default: 10000 100000 1000000)
# Environment: AOT_DIR (an existing publish of scripts/publish.sh; default: publish into a temporary folder);
# BUILDS (default "jit aot": which builds to measure). RSS is VmRSS; in brackets its anonymous and file-backed parts
# (RssAnon, RssFile of /proc/PID/status: heap and runtime, and the binary's resident pages).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- 10000 100000 1000000
sim_port=${BENCH_SIM_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
exp_port=${BENCH_EXPORTER_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
dotnet build -c Release --nologo -v quiet src/BatchExporter >/dev/null
builds=${BUILDS:-jit aot}
aot_dir=${AOT_DIR:-}
if [ -z "$aot_dir" ] && [[ " $builds " == *" aot "* ]]; then
  aot_dir=$(mktemp -d)
  scripts/publish.sh "$aot_dir" >/dev/null
fi
sim_dll=src/BatchApi.Simulator/bin/Release/net10.0/BatchApi.Simulator.dll
jit=(dotnet src/BatchExporter/bin/Release/net10.0/BatchExporter.dll)
aot=("$aot_dir/BatchExporter")
rss() { awk '/^VmRSS/ {t=$2} /^RssAnon/ {a=$2} /^RssFile/ {f=$2} END {printf "%d MiB (%d + %d)", t/1024, a/1024, f/1024}' "/proc/$1/status"; }
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

echo "| batches tracked | build | first sync | RSS after first sync | RSS after 3 more syncs |"
echo "|---:|---|---|---:|---:|"
for n in "$@"; do
  log=$(mktemp)
  dotnet "$sim_dll" --port "$sim_port" --history "$n" --no-demo >"$log" 2>&1 &
  sim=$!; pids+=("$sim")
  for _ in $(seq 600); do grep -q "API key" "$log" && break; sleep 0.2; done
  key=$(sed -n 's/^API key: //p' "$log")
  for build in $builds; do
    if [ "$build" = jit ]; then cmd=("${jit[@]}"); else cmd=("${aot[@]}"); fi
    ANTHROPIC_API_KEY="$key" ANTHROPIC_BASE_URL="http://127.0.0.1:$sim_port" Exporter__PollInterval=00:00:05 \
      Exporter__MaxRequestsPerMinute=100000 Logging__LogLevel__BatchExporter=Debug \
      "${cmd[@]}" --urls "http://127.0.0.1:$exp_port" >"$log.exp" 2>&1 &
    exp=$!; pids+=("$exp")
    # /readyz answers at once; /synced once the first sync is over. The console logger writes asynchronously, and the
    # heap trim runs after the sync is published: wait for the log line, then a little.
    for _ in $(seq 3000); do curl -sf "http://127.0.0.1:$exp_port/synced" >/dev/null && break; sleep 0.2; done
    for _ in $(seq 50); do grep -q 'full sync ok' "$log.exp" && break; sleep 0.1; done
    sleep 2
    first=$(grep -o 'full sync ok, [0-9]* list calls, [0-9]* batches tracked, [0-9]* ended, [0-9]* ms' "$log.exp" | head -1 | sed 's/full sync ok, //')
    rss1=$(rss "$exp")
    sleep 16 # three incremental syncs
    curl -s -o /dev/null "http://127.0.0.1:$exp_port/metrics"
    rss2=$(rss "$exp")
    echo "| $n | $build | $first | $rss1 | $rss2 |"
    kill "$exp"; wait "$exp" 2>/dev/null || true
  done
  kill "$sim"; wait "$sim" 2>/dev/null || true
  rm -f "$log" "$log.exp"
done
