#!/usr/bin/env bash
# Scrape cost: /metrics time and size over loopback with N tracked batches, L of them running (per-batch series).
# Usage: scripts/bench-scrape.sh [TRACKED:LIVE,...=10:10,1000:10,100000:10,100000:1000] [SCRAPES=200]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release --nologo -v quiet tests/BatchExporter.Benchmarks >/dev/null
dotnet tests/BatchExporter.Benchmarks/bin/Release/net10.0/BatchExporter.Benchmarks.dll scenario scrape "${1:-10:10,1000:10,100000:10,100000:1000}" "${2:-200}"
