#!/usr/bin/env bash
# Publishes the exporter as one Native AOT executable for this machine's architecture into OUTPUT_DIR.
# The Dockerfile runs exactly this script, and tests/BatchExporter.Deploy.Tests runs it too, so the image and the
# checked binary cannot drift. Needs clang and zlib1g-dev (scripts/install-test-tools.sh, or the Dockerfile).
# Optional environment: VERSION (sets the version reported by anthropic_batch_exporter_build_info), REVISION (the git
# commit, passed as SourceRevisionId: the informational version becomes <version>+<revision>).
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: scripts/publish.sh OUTPUT_DIR" >&2; exit 64; }
out=$(realpath -m "$1")
cd "$(dirname "$0")/.."

case "$(uname -m)" in
  x86_64 | amd64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "publish.sh: unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac

# Build in a private folder, so a publish never touches (or races) the bin/ and obj/ of a concurrent build.
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT

dotnet publish src/BatchExporter -c Release -r "$rid" -p:PublishAot=true ${VERSION:+"-p:Version=$VERSION"} \
  ${REVISION:+"-p:SourceRevisionId=$REVISION"} \
  --artifacts-path "$build" -o "$out" --nologo

# Debug symbols, XML docs and the simulator's runtimeconfig are not needed at run time.
rm -f "$out"/*.dbg "$out"/*.pdb "$out"/*.xml "$out"/BatchApi.Simulator.runtimeconfig.json
