{{/*
Expand the name of the chart.
*/}}
{{- define "anthropic-batch-exporter.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
Truncated at 63 characters because some Kubernetes name fields are limited to this (by the DNS naming spec).
If the release name contains the chart name, it is used as the full name.
*/}}
{{- define "anthropic-batch-exporter.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, as used by the helm.sh/chart label.
*/}}
{{- define "anthropic-batch-exporter.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "anthropic-batch-exporter.labels" -}}
helm.sh/chart: {{ include "anthropic-batch-exporter.chart" . }}
{{ include "anthropic-batch-exporter.selectorLabels" . }}
app.kubernetes.io/version: {{ include "anthropic-batch-exporter.imageTag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: {{ include "anthropic-batch-exporter.name" . }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels.
*/}}
{{- define "anthropic-batch-exporter.selectorLabels" -}}
app.kubernetes.io/name: {{ include "anthropic-batch-exporter.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The name of the service account to use.
*/}}
{{- define "anthropic-batch-exporter.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "anthropic-batch-exporter.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image tag: image.tag, else the chart's appVersion.
*/}}
{{- define "anthropic-batch-exporter.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/*
The image reference: registry/repository:tag, or @digest when image.digest is set; global.imageRegistry, when set,
replaces image.registry.
*/}}
{{- define "anthropic-batch-exporter.image" -}}
{{- $repository := .Values.image.repository }}
{{- $registry := (.Values.global).imageRegistry | default .Values.image.registry }}
{{- if $registry }}
{{- $repository = printf "%s/%s" $registry .Values.image.repository }}
{{- end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (include "anthropic-batch-exporter.imageTag" .) }}
{{- end }}
{{- end }}

{{/*
The name of the chart-managed Secret that holds API keys.
*/}}
{{- define "anthropic-batch-exporter.secretName" -}}
{{- include "anthropic-batch-exporter.fullname" . }}
{{- end }}

{{/*
Where the API key files are mounted. Each key is one file, re-read by the exporter when the Secret changes.
*/}}
{{- define "anthropic-batch-exporter.keyDir" -}}
/var/run/secrets/anthropic-batch-exporter
{{- end }}

{{/*
Where the scrape bearer token is mounted.
*/}}
{{- define "anthropic-batch-exporter.scrapeAuthDir" -}}
/var/run/secrets/anthropic-batch-exporter-web
{{- end }}

{{/*
Whether the chart creates its own Secret: some API key is given inline (apiKey or workspaces[].apiKey).
*/}}
{{- define "anthropic-batch-exporter.createSecret" -}}
{{- if .Values.workspaces }}
{{- range .Values.workspaces }}{{ if and .apiKey (not (and .existingSecret .existingSecret.name)) }}true{{ end }}{{ end }}
{{- else if not .Values.existingSecret.name }}true
{{- end }}
{{- end }}

{{/*
Whether the exporter needs API keys at all (not in demo mode).
*/}}
{{- define "anthropic-batch-exporter.needsKeys" -}}
{{- if not .Values.demo }}true{{ end }}
{{- end }}

{{/*
The namespace of the release, or an override.
*/}}
{{- define "anthropic-batch-exporter.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride }}
{{- end }}

{{/*
The number of shards (shards, default 1): one Deployment each.
*/}}
{{- define "anthropic-batch-exporter.shards" -}}
{{- if kindIs "invalid" .Values.shards }}1{{ else }}{{ int .Values.shards }}{{ end }}
{{- end }}

{{/*
Pods per shard (replicasPerShard; before it existed, replicaCount; default 1). 0 is allowed (stopped).
*/}}
{{- define "anthropic-batch-exporter.replicasPerShard" -}}
{{- if not (kindIs "invalid" .Values.replicasPerShard) }}{{ int .Values.replicasPerShard }}
{{- else if not (kindIs "invalid" .Values.replicaCount) }}{{ int .Values.replicaCount }}
{{- else }}1
{{- end }}
{{- end }}
