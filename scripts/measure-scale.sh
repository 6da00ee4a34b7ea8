#!/usr/bin/env bash
# Sizing figures for many sources in one process: RSS of the exporter (Release, JIT) with N sources against the
# standalone simulator (each workspace with B running batches), and the list calls each source makes per minute.
# Usage: scripts/measure-scale.sh [SOURCES="1 20 50"] [BATCHES_PER_SOURCE=20]
set -euo pipefail
cd "$(dirname "$0")/.."
counts=${1:-"1 20 50"}
per=${2:-20}
sim_port=18189
dotnet build -c Release --nologo -v quiet src/BatchExporter >/dev/null
sim_dll=src/BatchApi.Simulator/bin/Release/net10.0/BatchApi.Simulator.dll
exp_dll=src/BatchExporter/bin/Release/net10.0/BatchExporter.dll
key=sk-ant-sim-scale
dotnet "$sim_dll" --port "$sim_port" --history 0 --no-demo --api-key "$key" >/dev/null 2>&1 &
sim=$!
trap 'kill $sim ${exp:-} 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$sim_port/_sim" >/dev/null && break; sleep 0.2; done
max=$(tr ' ' '\n' <<<"$counts" | sort -n | tail -1)
for w in $(seq 0 $((max - 1))); do
  curl -sf -X POST "http://127.0.0.1:$sim_port/_sim/workspaces?id=ws$w" >/dev/null
  for _ in $(seq "$per"); do
    curl -sf -X POST "http://127.0.0.1:$sim_port/_sim/batches?requests=100&duration=86400&workspace=ws$w" >/dev/null
  done
done
printf "%8s %10s %22s\n" sources "RSS (MiB)" "list calls/min/source"
for n in $counts; do
  env_args=(Exporter__PollInterval=00:00:05)
  for i in $(seq 0 $((n - 1))); do
    env_args+=("Exporter__Sources__${i}__Name=ws$i" "Exporter__Sources__${i}__ApiKey=$key"
               "Exporter__Sources__${i}__BaseUrl=http://127.0.0.1:$sim_port" "Exporter__Sources__${i}__WorkspaceId=ws$i")
  done
  curl -sf -X DELETE "http://127.0.0.1:$sim_port/_sim/log" >/dev/null
  env "${env_args[@]}" dotnet "$exp_dll" --urls http://127.0.0.1:19465 >/dev/null 2>&1 &
  exp=$!
  for _ in $(seq 300); do curl -sf http://127.0.0.1:19465/readyz >/dev/null && break; sleep 0.2; done
  sleep 30
  rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$exp/status)
  calls=$(curl -s "http://127.0.0.1:$sim_port/_sim/log?endpoint=list" | grep -o '"endpoint"' | wc -l)
  kill $exp; wait $exp 2>/dev/null || true
  # 30 s at a 5 s poll interval: about 7 syncs per source; per minute at the default 1 min interval, 1 call.
  printf "%8s %10s %22s\n" "$n" "$rss" "$(awk -v c="$calls" -v n="$n" 'BEGIN { printf "%.1f at 5 s polls", c / n / 0.5 }')"
done
