#!/usr/bin/env bash
# Page parsing: one 1000-batch list page from the simulator read by our client, our parse alone, the official
# Anthropic .NET SDK, and a bare Utf8JsonReader pass (BenchmarkDotNet, in-process, memory diagnoser).
# Usage: scripts/bench-page-parsing.sh [BenchmarkDotNet args, default: --job Medium]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- --job Medium
dotnet build -c Release --nologo -v quiet tests/BatchExporter.Benchmarks >/dev/null
dotnet tests/BatchExporter.Benchmarks/bin/Release/net10.0/BatchExporter.Benchmarks.dll \
  --filter '*PageParsingBenchmarks*' --inProcess --artifacts "${BENCH_ARTIFACTS:-/tmp/bench-page-parsing}" "$@"
