#!/usr/bin/env bash
# One very short run of every benchmark and driver, so they cannot rot: BenchmarkDotNet's Dry job (one iteration,
# in-process) and the drivers on tiny inputs. Fails if any of them fails. Figures from this run mean nothing.
# Expects a Release build of tests/BatchExporter.Benchmarks (test.sh builds the solution first).
set -euo pipefail
cd "$(dirname "$0")/.."
bench=tests/BatchExporter.Benchmarks/bin/Release/net10.0/BatchExporter.Benchmarks.dll
[ -f "$bench" ] || dotnet build -c Release --nologo -v quiet tests/BatchExporter.Benchmarks >/dev/null
artifacts=$(mktemp -d)
trap 'rm -rf "$artifacts"' EXIT
dotnet "$bench" --filter '*' --job Dry --inProcess --artifacts "$artifacts" >"$artifacts/bdn.txt" 2>&1 \
  || { tail -40 "$artifacts/bdn.txt"; echo "bench-smoke: BenchmarkDotNet run failed" >&2; exit 1; }
dotnet "$bench" scenario economy 1000 2 5 >/dev/null
dotnet "$bench" scenario scrape 10:5,20:5:5 3 >/dev/null
dotnet "$bench" scenario scrape-parts 3 >/dev/null
dotnet "$bench" scenario ledger-heap 1000 >/dev/null
echo "bench-smoke: ok"
