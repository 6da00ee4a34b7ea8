#!/usr/bin/env bash
# Scrape cost: /metrics time, size and allocations over loopback with N tracked batches, L of them running and E ended
# within the ended-series window (L + E batches with per-batch series).
# Usage: scripts/bench-scrape.sh [TRACKED:LIVE[:ENDED],...=10:10,1000:10,100000:10,100000:1000,100000:1000:1000] [SCRAPES=200]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release --nologo -v quiet tests/BatchExporter.Benchmarks >/dev/null
dotnet tests/BatchExporter.Benchmarks/bin/Release/net10.0/BatchExporter.Benchmarks.dll scenario scrape "${1:-10:10,1000:10,100000:10,100000:1000,100000:1000:1000}" "${2:-200}"
