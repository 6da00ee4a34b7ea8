#!/usr/bin/env bash
# Installs what the test suite runs for real, on a fresh Debian machine (idempotent, quiet when done already):
# promtool and prometheus (Debian package), and the NuGet packages (restore).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  echo "installing prometheus (Debian package: prometheus, promtool)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi

dotnet restore Exporter.sln --verbosity quiet
