#!/usr/bin/env bash
# Writes dashboards/rules/anthropic-batch-exporter.rules.yaml: the rules of the Helm chart's PrometheusRule rendered
# with the chart's default values (helm template, then spec of the PrometheusRule, un-indented). The chart's template
# (helm/anthropic-batch-exporter/templates/_rules.tpl) is the source; run this after changing it.
# tests/BatchExporter.Deploy.Tests (Helm/RulesRenderTests.cs) renders the same way and compares byte for byte.
#
# usage: scripts/render-rules.sh [--check] [OUTPUT]   (helm from .tools/deploy/bin, see scripts/install-test-tools.sh)
#   --check: writes nothing, exits 1 when OUTPUT is not what it would write.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
if [ "${1:-}" = "--check" ]; then check=true; shift; fi
out=${1:-dashboards/rules/anthropic-batch-exporter.rules.yaml}
helm=${HELM:-.tools/deploy/bin/helm}
[ -x "$helm" ] || { echo "missing $helm: run scripts/install-test-tools.sh" >&2; exit 2; }

# Everything after the line `spec:`, two spaces of indentation removed (blank lines stay blank).
rendered=$("$helm" template anthropic-batch-exporter helm/anthropic-batch-exporter --set prometheusRule.enabled=true \
  --show-only templates/prometheusrule.yaml | sed -n '/^spec:$/,$p' | sed '1d; s/^  //; s/^ *$//')

if $check; then
  if [ "$rendered" != "$(cat "$out")" ]; then
    echo "$out is not what the chart renders with its default values: run scripts/render-rules.sh" >&2
    exit 1
  fi
  echo "$out: up to date"
else
  printf '%s\n' "$rendered" > "$out"
  echo "$out: $(grep -c '^      - alert:' "$out") alerts, $(grep -c '^      - record:' "$out") recording rules"
fi
