#!/usr/bin/env bash
# Figures for README.md ("Deploying"): published size, and RSS after the first sync in --demo, of the Native AOT build
# (scripts/publish.sh, what the image ships) and of the framework-dependent JIT build, for comparison.
#   tests/BatchExporter.Deploy.Tests/measure.sh [runs]
# Loopback only; every exporter it starts is stopped before it exits.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

scripts/publish.sh "$work/aot" >"$work/aot.log" 2>&1 || { cat "$work/aot.log"; exit 1; }
dotnet publish src/BatchExporter -c Release -r "$(dotnet --info | awk '/RID:/ {print $2; exit}')" --self-contained false \
  --artifacts-path "$work/jit-build" -o "$work/jit" --nologo -v q >"$work/jit.log" 2>&1 || { cat "$work/jit.log"; exit 1; }
rm -f "$work"/jit/*.pdb "$work"/jit/*.xml "$work"/jit/BatchApi.Simulator.runtimeconfig.json

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# rss BINARY GCSERVER -> MiB resident one second after /readyz first answers 200 (first sync done)
rss() {
  local port; port=$(free_port)
  env -u ASPNETCORE_URLS ASPNETCORE_HTTP_PORTS= DOTNET_gcServer="$2" "$1" --demo --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
  local pid=$!; pids+=("$pid")
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)" = 200 ] && break
    sleep 0.1
  done
  sleep 1
  local metrics; metrics=$(curl -s "http://127.0.0.1:$port/metrics")
  grep -q 'anthropic_batches{.*workspace="default"' <<<"$metrics" || { echo "no anthropic_batches for workspace default" >&2; exit 1; }
  awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$pid/status"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

size() { du -sb "$1" | awk '{printf "%.1f", $1/1048576}'; }
echo "build | published size (MiB) | GC | RSS after first --demo sync (MiB), $runs runs"
for build in aot jit; do
  bin="$work/$build/BatchExporter"
  for gc in 1 0; do
    values=()
    for _ in $(seq 1 "$runs"); do values+=("$(rss "$bin" "$gc")"); done
    echo "$build | $(size "$work/$build") | $([ "$gc" = 1 ] && echo server || echo workstation) | ${values[*]}"
  done
done
