# syntax=docker/dockerfile:1
# Container image of the exporter: a Native AOT executable on Ubuntu Chiseled runtime-deps (no shell, no package
# manager, no .NET runtime needed), running as the non-root user 1654 ("app"), listening on :9464.
#   docker build -t anthropic-batch-exporter --build-arg VERSION=1.2.3 --build-arg REVISION=$(git rev-parse HEAD) .
# The release workflow (.github/workflows/release.yml) builds it per architecture with VERSION from
# Directory.Build.props and REVISION the tagged commit.
# The build stage runs scripts/publish.sh, the same script the deploy checks run (tests/BatchExporter.Deploy.Tests).
# Build on the target architecture (linux/amd64 or linux/arm64): Native AOT does not cross-compile here.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}-noble AS build
# Native AOT links with clang and needs zlib's headers.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends clang zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# VERSION, when given, becomes the version in anthropic_batch_exporter_build_info (default: Directory.Build.props).
# REVISION, the git commit, is passed as SourceRevisionId (the build context has no .git): the informational version
# becomes <version>+<revision>, where build_info's revision comes from.
ARG VERSION=
ARG REVISION=
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    scripts/publish.sh /app

FROM mcr.microsoft.com/dotnet/runtime-deps:${DOTNET_VERSION}-noble-chiseled AS final
ARG DOTNET_VERSION
ARG VERSION=
ARG REVISION=
ARG CREATED=
ARG SOURCE=https://github.com/anthropic-batch-exporter/anthropic-batch-exporter
LABEL org.opencontainers.image.title="anthropic-batch-exporter" \
      org.opencontainers.image.description="Prometheus exporter for Anthropic Message Batches" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="mcr.microsoft.com/dotnet/runtime-deps:${DOTNET_VERSION}-noble-chiseled"
WORKDIR /app
COPY --from=build --chown=0:0 --chmod=0555 /app/ /app/
# .NET images set ASPNETCORE_HTTP_PORTS=8080; clear it and listen on the exporter's port on every interface.
ENV ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_URLS=http://+:9464
# Numeric, so Kubernetes' runAsNonRoot can verify it.
USER 1654:1654
EXPOSE 9464
ENTRYPOINT ["/app/BatchExporter"]
