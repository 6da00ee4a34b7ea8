#!/usr/bin/env bash
# API economy: list calls per steady-state sync, ours against re-listing the window, with the real exporter and the
# simulator over loopback on simulated time. Usage: scripts/bench-economy.sh [SIZES=1000,10000,100000,1000000] [SYNCS=60]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release --nologo -v quiet tests/BatchExporter.Benchmarks >/dev/null
dotnet tests/BatchExporter.Benchmarks/bin/Release/net10.0/BatchExporter.Benchmarks.dll scenario economy "${1:-1000,10000,100000,1000000}" "${2:-60}"
