#!/usr/bin/env bash
# API economy of a steady sync: list calls and bytes per sync with N batches in the window and R running, against the
# floor and against pages of 1,000 (before page sizing); with "relist", also calls against re-listing the window. Real
# exporter and simulator over loopback on simulated time; calls and bytes come from the simulator's request log.
# Usage: scripts/bench-economy.sh [SIZES=1000,10000,100000,1000000] [SYNCS=60] [RUNNING=5,300,3000] [relist]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release --nologo -v quiet tests/BatchExporter.Benchmarks >/dev/null
dotnet tests/BatchExporter.Benchmarks/bin/Release/net10.0/BatchExporter.Benchmarks.dll scenario economy "${1:-1000,10000,100000,1000000}" "${2:-60}" "${3:-5,300,3000}" ${4:+"$4"}
