#!/usr/bin/env bash
# Prints the release version, which lives in one place: <Version> in Directory.Build.props. It is the version of
# anthropic_batch_exporter_build_info, the image tag, and the chart's version and appVersion, so this fails (exit 1,
# one line saying what differs) when helm/anthropic-batch-exporter/Chart.yaml disagrees, or when a tag is given
# (the release workflow passes the pushed tag) that is not "v" + that version.
#   usage: scripts/release-version.sh [TAG]      e.g. scripts/release-version.sh v1.0.0
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -n 1)
chart=helm/anthropic-batch-exporter/Chart.yaml
chart_version=$(sed -n 's/^version:[[:space:]]*//p' "$chart" | tr -d "\"'[:space:]")
app_version=$(sed -n 's/^appVersion:[[:space:]]*//p' "$chart" | tr -d "\"'[:space:]")

fail() { echo "release-version: $*" >&2; exit 1; }
[ -n "$version" ] || fail "no <Version> in Directory.Build.props"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || fail "<Version> $version is not a semantic version"
[ "$chart_version" = "$version" ] || fail "$chart version is $chart_version, Directory.Build.props <Version> is $version"
[ "$app_version" = "$version" ] || fail "$chart appVersion is $app_version, Directory.Build.props <Version> is $version"
if [ $# -ge 1 ] && [ "$1" != "v$version" ]; then
  fail "tag $1 is not v$version (Directory.Build.props <Version>): bump <Version>, Chart.yaml version and appVersion together"
fi
echo "$version"
