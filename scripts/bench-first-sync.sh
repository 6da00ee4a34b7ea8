#!/usr/bin/env bash
# First sync of N batches over loopback, exporter side only: the standalone simulator runs in its own process and
# the benchmark driver runs the exporter's own poller once (wall time, list calls, bytes allocated, managed heap
# retained per tracked batch). Usage: scripts/bench-first-sync.sh [N=100000 ...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- 100000
port=${BENCH_SIM_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
dotnet build -c Release --nologo -v quiet tests/BatchExporter.Benchmarks >/dev/null
sim_dll=src/BatchApi.Simulator/bin/Release/net10.0/BatchApi.Simulator.dll
bench_dll=tests/BatchExporter.Benchmarks/bin/Release/net10.0/BatchExporter.Benchmarks.dll
for n in "$@"; do
  log=$(mktemp)
  dotnet "$sim_dll" --port "$port" --history "$n" --no-demo >"$log" 2>&1 &
  sim=$!
  trap 'kill $sim 2>/dev/null || true' EXIT
  for _ in $(seq 300); do grep -q "API key" "$log" && break; sleep 0.2; done
  key=$(sed -n 's/^API key: //p' "$log")
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
  echo "N=$n $(dotnet "$bench_dll" scenario first-sync "http://127.0.0.1:$port/" "$key")"
  kill $sim; wait $sim 2>/dev/null || true
  rm -f "$log"
done
