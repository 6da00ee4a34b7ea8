#!/usr/bin/env bash
# Mutation testing of the exporter with Stryker.NET (dotnet-stryker, a local tool in .config/dotnet-tools.json):
# mutants of src/BatchExporter's Sync/, Api/ and Metrics/ against the fast tests of tests/BatchExporter.Tests
# (in-process: unit, golden and loopback-harness tests; the process-level tests, which start the exporter as a
# child process, and the 15 s scrape load test are filtered out). Scores per folder are in docs/testing.md.
#
#   scripts/mutation.sh                 every folder, one after another (slow: an hour or more on 2 cores)
#   scripts/mutation.sh Sync            one folder (Sync, Api or Metrics)
#   scripts/mutation.sh --smoke         one small file (Api/Rfc3339.cs), a few minutes: proves the setup still
#                                       works; fails if Stryker fails or the file's score drops below 60 %
#
# Reports (HTML, JSON, Markdown) go to artifacts/mutation/<folder>/. Exit code: non-zero if Stryker fails or a
# score is below --break-at (MUTATION_BREAK_AT, default 0 for full runs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
filter='Category!=Process&FullyQualifiedName!~Reliability.ScrapeLoadTests'
concurrency=${MUTATION_CONCURRENCY:-2}

dotnet tool restore >/dev/null

run() { # run <name> <break-at> <mutate glob>...
  local name=$1 break_at=$2; shift 2
  local out="$root/artifacts/mutation/$name" args=()
  for glob in "$@"; do args+=(--mutate "$glob"); done
  rm -rf "$out"
  (cd tests/BatchExporter.Tests && dotnet stryker \
    --project BatchExporter.csproj \
    --configuration Release \
    --test-case-filter "$filter" \
    --concurrency "$concurrency" \
    --break-at "$break_at" \
    --reporter Progress --reporter Html --reporter Json --reporter Markdown \
    --skip-version-check \
    --output "$out" \
    "${args[@]}")
  local md; md=$(find "$out" -name '*.md' | head -1)
  [ -n "$md" ] && grep -E '^\| *(All files|[A-Za-z]+\.cs)' "$md" || true
}

case "${1:-all}" in
  --smoke) run smoke 60 '**/Api/Rfc3339.cs' ;;
  Sync|Api|Metrics) run "$1" "${MUTATION_BREAK_AT:-0}" "**/$1/**/*.cs" ;;
  all) for folder in Sync Api Metrics; do run "$folder" "${MUTATION_BREAK_AT:-0}" "**/$folder/**/*.cs"; done ;;
  *) echo "usage: scripts/mutation.sh [--smoke | Sync | Api | Metrics]" >&2; exit 2 ;;
esac
