#!/usr/bin/env bash
# Measures the exporter against the standalone simulator over loopback: time and list calls of the first sync
# of N batches, list calls of the next steady-state syncs, and the exporter's RSS after the first sync.
# Usage: scripts/measure-first-sync.sh [N=100000] [MAX_REQUESTS_PER_MINUTE=6000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
budget=${2:-6000}
sim_port=18089
exp_port=19464
dotnet build -c Release --nologo -v quiet src/BatchExporter >/dev/null
sim_dll=src/BatchApi.Simulator/bin/Release/net10.0/BatchApi.Simulator.dll
exp_dll=src/BatchExporter/bin/Release/net10.0/BatchExporter.dll
log=$(mktemp)
dotnet "$sim_dll" --port "$sim_port" --history "$n" --no-demo >"$log" 2>&1 &
sim=$!
trap 'kill $sim ${exp:-} 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "API key" "$log" && break; sleep 0.2; done
key=$(sed -n 's/^API key: //p' "$log")
ANTHROPIC_API_KEY="$key" ANTHROPIC_BASE_URL="http://127.0.0.1:$sim_port" Exporter__PollInterval=00:00:05 \
  Exporter__MaxRequestsPerMinute="$budget" Logging__LogLevel__BatchExporter=Debug \
  dotnet "$exp_dll" --urls "http://127.0.0.1:$exp_port" >"$log.exp" 2>&1 &
exp=$!
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$exp_port/readyz" >/dev/null && break; sleep 0.2; done
sleep 11 # two more (incremental) syncs
metrics=$(curl -s "http://127.0.0.1:$exp_port/metrics")
rss_kib=$(awk '/VmRSS/ {print $2}' /proc/$exp/status)
echo "batches in window:        $n"
grep -o 'full sync ok, [0-9]* list calls, [0-9]* batches tracked, [0-9]* ended, [0-9]* ms' "$log.exp" | head -1 | sed 's/^/first sync:               /'
grep -o 'incremental sync ok, [0-9]* list calls' "$log.exp" | head -2 | sed 's/^/steady state:             /'
echo "tracked:                  $(grep '^anthropic_batch_exporter_tracked_batches' <<<"$metrics" | awk '{print $2}')"
echo "RSS after first sync:     $((rss_kib / 1024)) MiB"
