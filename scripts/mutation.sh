#!/usr/bin/env bash
# Mutation testing of the exporter with Stryker.NET (dotnet-stryker, a local tool in .config/dotnet-tools.json):
# mutants of src/BatchExporter's Sync/, Api/ and Metrics/ against the fast tests of tests/BatchExporter.Tests
# (in-process: unit, golden and loopback-harness tests). Filtered out: the process-level tests, which start the
# exporter as a child process ([Trait("Category", "Process")]), the 15 s scrape load test and the 80 s long run of
# per-batch series (PerBatchSeriesTests.LongRun_*, which covers nearly every line and so would run for every mutant).
# Scores per folder, and the surviving mutants judged equivalent, are in docs/testing.md.
#
#   scripts/mutation.sh                 every folder, one after another (slow: hours on 2 cores)
#   scripts/mutation.sh Sync            one folder (Sync, Api or Metrics)
#   scripts/mutation.sh Sync 'BatchLedger.cs' 'ResultsCollector.cs'
#                                       only these files of the folder (globs under it), against the same fast tests:
#                                       a quick re-check after new tests; reports in artifacts/mutation/Sync-files/
#                                       (Sync-files-<name> with MUTATION_NAME=<name>, to run two such checks at once)
#   scripts/mutation.sh --smoke         one small file (Api/Rfc3339.cs) against the Api unit tests, a few minutes:
#                                       proves the setup still works; fails if Stryker fails or the score < 80 %
#
# Stryker runs in a scratch copy of the working tree (tracked and untracked files, not ignored ones), because it
# writes mutated assemblies into the test project's bin/: builds and tests in the working tree are not disturbed.
# Reports (HTML, JSON, Markdown) go to artifacts/mutation/<name>/. MUTATION_CONCURRENCY (default 2) sets the
# parallel test runners; MUTATION_BREAK_AT (default 0) the score below which a full run fails; MUTATION_FILTER replaces
# the test filter (a narrower set gives a lower bound of the score, sooner: docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
concurrency=${MUTATION_CONCURRENCY:-2}
fast=${MUTATION_FILTER:-'Category!=Process&FullyQualifiedName!~Reliability.ScrapeLoadTests&FullyQualifiedName!~PerBatchSeriesTests.LongRun_'}

dotnet tool restore >/dev/null
# The scratch copy has no .git: give the build the revision it would read from it (build_info's revision label, which
# a golden test checks; without it that test fails in the initial run and Stryker leaves it out).
export SourceRevisionId=${SourceRevisionId:-$(git rev-parse HEAD)}

run() { # run <name> <break-at> <test filter> <mutate glob>...
  local name=$1 break_at=$2 filter=$3
  shift 3
  local mutate=() glob
  for glob in "$@"; do mutate+=(--mutate "$glob"); done
  local out="$root/artifacts/mutation/$name" scratch
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/abe-mutation-XXXXXX")
  trap 'rm -rf "$scratch"' RETURN
  git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$scratch" 2>/dev/null || true
  rm -rf "$out" && mkdir -p "$out"
  local status=0
  (cd "$scratch/tests/BatchExporter.Tests" && dotnet stryker \
    --project BatchExporter.csproj \
    --configuration Release \
    --test-case-filter "$filter" \
    "${mutate[@]}" \
    --concurrency "$concurrency" \
    --break-at "$break_at" \
    --reporter Dots --reporter ClearText --reporter Html --reporter Json --reporter Markdown \
    --skip-version-check \
    --log-to-file \
    --output "$out") >"$out/stryker.log" 2>&1 || status=$?
  grep -E 'mutation score|Killed|Survived|Timeout|NoCoverage|The final mutation score' "$out/stryker.log" | tail -12 || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$out/stryker.log"
    echo "mutation ($name): dotnet stryker exited $status" >&2
  fi
  return "$status"
}

case "${1:-all}" in
  --smoke) run smoke 80 'FullyQualifiedName~BatchExporter.Tests.Api.' '**/Api/Rfc3339.cs' ;;
  Sync|Api|Metrics)
    if [ $# -gt 1 ]; then
      folder=$1; shift
      run "$folder-files${MUTATION_NAME:+-$MUTATION_NAME}" "${MUTATION_BREAK_AT:-0}" "$fast" "${@/#/**/$folder/**/}"
    else
      run "$1" "${MUTATION_BREAK_AT:-0}" "$fast" "**/$1/**/*.cs"
    fi ;;
  all) for folder in Sync Api Metrics; do run "$folder" "${MUTATION_BREAK_AT:-0}" "$fast" "**/$folder/**/*.cs"; done ;;
  *) echo "usage: scripts/mutation.sh [--smoke | Sync | Api | Metrics [file glob...]]" >&2; exit 2 ;;
esac
