{{/*
One Deployment of the exporter: the whole release when shards is 1, else the Deployment of one shard.
Called with (dict "root" $ "shard" <index>); inside, "." is the root context.
*/}}
{{- define "anthropic-batch-exporter.deployment" -}}
{{- $shard := int .shard }}
{{- with .root }}
{{- $keyDir := include "anthropic-batch-exporter.keyDir" . }}
{{- $secretName := include "anthropic-batch-exporter.secretName" . }}
{{- $shards := int (include "anthropic-batch-exporter.shards" .) }}
{{- $replicas := int (include "anthropic-batch-exporter.replicasPerShard" .) }}
{{- $name := include "anthropic-batch-exporter.fullname" . }}
{{- $shardIndex := $shard }}
{{- $shardCount := $shards }}
{{- if gt $shards 1 }}
{{- $name = printf "%s-shard-%d" ($name | trunc 52 | trimSuffix "-") $shard }}
{{- else }}
{{- /* one release per shard, the shard set by hand (config.shard) */}}
{{- $shardIndex = int .Values.config.shard.index }}
{{- $shardCount = int .Values.config.shard.count }}
{{- end }}
{{- $shardLabel := toString $shardIndex }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  namespace: {{ include "anthropic-batch-exporter.namespace" . }}
  labels:
    {{- include "anthropic-batch-exporter.labels" . | nindent 4 }}
    shard: {{ $shardLabel | quote }}
spec:
  replicas: {{ $replicas }}
  revisionHistoryLimit: {{ .Values.revisionHistoryLimit }}
  {{- with .Values.strategy }}
  strategy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "anthropic-batch-exporter.selectorLabels" . | nindent 6 }}
      {{- if gt $shards 1 }}
      # One Deployment per shard: each selects only its own shard's pods (the Service, ServiceMonitor,
      # PodDisruptionBudget and NetworkPolicy select the pods of every shard).
      shard: {{ $shardLabel | quote }}
      {{- end }}
  template:
    metadata:
      {{- with .Values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      labels:
        {{- include "anthropic-batch-exporter.labels" . | nindent 8 }}
        shard: {{ $shardLabel | quote }}
        {{- with omit .Values.podLabels "shard" }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "anthropic-batch-exporter.serviceAccountName" . }}
      automountServiceAccountToken: false
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      containers:
        - name: exporter
          image: {{ include "anthropic-batch-exporter.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          {{- if or .Values.demo .Values.extraArgs }}
          args:
            {{- if .Values.demo }}
            - --demo
            {{- end }}
            {{- range .Values.extraArgs }}
            - {{ . | quote }}
            {{- end }}
          {{- end }}
          ports:
            - name: http-metrics
              containerPort: {{ .Values.containerPort }}
              protocol: TCP
          env:
            - name: ASPNETCORE_URLS
              value: {{ printf "http://+:%d" (int .Values.containerPort) | quote }}
            - name: ASPNETCORE_HTTP_PORTS
              value: ""
            {{- if not .Values.demo }}
            {{- if .Values.workspaces }}
            {{- range $i, $w := .Values.workspaces }}
            - name: Exporter__Sources__{{ $i }}__Name
              value: {{ $w.name | quote }}
            - name: Exporter__Sources__{{ $i }}__ApiKeyFile
              value: {{ printf "%s/workspace-%d" $keyDir $i | quote }}
            {{- with $w.workspaceId }}
            - name: Exporter__Sources__{{ $i }}__WorkspaceId
              value: {{ . | quote }}
            {{- end }}
            {{- with $w.baseUrl }}
            - name: Exporter__Sources__{{ $i }}__BaseUrl
              value: {{ . | quote }}
            {{- end }}
            {{- end }}
            {{- else }}
            - name: ANTHROPIC_API_KEY_FILE
              value: {{ printf "%s/api-key" $keyDir | quote }}
            {{- end }}
            {{- end }}
            {{- with .Values.config }}
            {{- with .baseUrl }}
            - name: ANTHROPIC_BASE_URL
              value: {{ . | quote }}
            {{- end }}
            {{- with .pollInterval }}
            - name: Exporter__PollInterval
              value: {{ . | quote }}
            {{- end }}
            {{- with .lookback }}
            - name: Exporter__Lookback
              value: {{ . | quote }}
            {{- end }}
            {{- with .fullResyncInterval }}
            - name: Exporter__FullResyncInterval
              value: {{ . | quote }}
            {{- end }}
            {{- range $i, $t := .expiringWithin }}
            - name: Exporter__ExpiringWithin__{{ $i }}
              value: {{ $t | quote }}
            {{- end }}
            {{- with .endedSeriesWindow }}
            - name: Exporter__EndedSeriesWindow
              value: {{ . | quote }}
            {{- end }}
            {{- if not (kindIs "invalid" .perBatchSeries) }}
            - name: Exporter__PerBatchSeries
              value: {{ .perBatchSeries | quote }}
            {{- end }}
            {{- if not (kindIs "invalid" .maxBatchSeries) }}
            - name: Exporter__MaxBatchSeries
              value: {{ .maxBatchSeries | int | quote }}
            {{- end }}
            {{- if not (kindIs "invalid" .maxRequestsPerMinute) }}
            - name: Exporter__MaxRequestsPerMinute
              value: {{ .maxRequestsPerMinute | int | quote }}
            {{- end }}
            {{- if not (kindIs "invalid" .maxRequestsPerMinuteTotal) }}
            - name: Exporter__MaxRequestsPerMinuteTotal
              value: {{ .maxRequestsPerMinuteTotal | int | quote }}
            {{- end }}
            {{- with .logLevel }}
            - name: Logging__LogLevel__Default
              value: {{ . | quote }}
            {{- end }}
            {{- end }}
            {{- if gt $shardCount 1 }}
            # Every shard gets every source above (validation needs them all); it serves those whose name
            # hashes (FNV-1a) to its index.
            - name: Exporter__Shard__Index
              value: {{ $shardIndex | quote }}
            - name: Exporter__Shard__Count
              value: {{ $shardCount | quote }}
            {{- end }}
            {{- if .Values.results.enabled }}
            - name: Exporter__Results__Enabled
              value: "true"
            {{- end }}
            {{- if .Values.scrapeAuth.bearerTokenSecret.name }}
            - name: Exporter__Web__BearerTokenFile
              value: {{ printf "%s/token" (include "anthropic-batch-exporter.scrapeAuthDir" .) | quote }}
            {{- end }}
            {{- if ne .Values.logFormat "simple" }}
            # One JSON object per line (the .NET console JSON formatter), UTC timestamps.
            - name: Logging__Console__FormatterName
              value: {{ .Values.logFormat | quote }}
            - name: Logging__Console__FormatterOptions__TimestampFormat
              value: "yyyy-MM-dd'T'HH:mm:ss.fff'Z'"
            - name: Logging__Console__FormatterOptions__UseUtcTimestamp
              value: "true"
            {{- end }}
            {{- with .Values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- with .Values.extraEnvFrom }}
          envFrom:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- if .Values.startupProbe.enabled }}
          startupProbe:
            httpGet:
              path: /healthz
              port: http-metrics
              scheme: {{ .Values.probeScheme }}
            {{- toYaml (omit .Values.startupProbe "enabled") | nindent 12 }}
          {{- end }}
          livenessProbe:
            httpGet:
              path: /healthz
              port: http-metrics
              scheme: {{ .Values.probeScheme }}
            {{- toYaml .Values.livenessProbe | nindent 12 }}
          readinessProbe:
            httpGet:
              path: /readyz
              port: http-metrics
              scheme: {{ .Values.probeScheme }}
            {{- toYaml .Values.readinessProbe | nindent 12 }}
          {{- with .Values.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if not .Values.demo }}
            - name: api-keys
              mountPath: {{ $keyDir }}
              readOnly: true
            {{- end }}
            {{- if .Values.scrapeAuth.bearerTokenSecret.name }}
            - name: scrape-auth
              mountPath: {{ include "anthropic-batch-exporter.scrapeAuthDir" . }}
              readOnly: true
            {{- end }}
            {{- with .Values.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            medium: Memory
            sizeLimit: {{ .Values.tmpSizeLimit }}
        {{- if not .Values.demo }}
        # Mounted as a whole (no subPath), so a changed Secret reaches the files and the exporter re-reads the key.
        - name: api-keys
          projected:
            defaultMode: 288 # 0440: owner and fsGroup read
            sources:
              {{- if .Values.workspaces }}
              {{- range $i, $w := .Values.workspaces }}
              {{- if and $w.existingSecret $w.existingSecret.name }}
              - secret:
                  name: {{ $w.existingSecret.name }}
                  items:
                    - key: {{ $w.existingSecret.key | default "api-key" }}
                      path: {{ printf "workspace-%d" $i }}
              {{- else }}
              - secret:
                  name: {{ $secretName }}
                  items:
                    - key: {{ printf "workspace-%d" $i }}
                      path: {{ printf "workspace-%d" $i }}
              {{- end }}
              {{- end }}
              {{- else }}
              - secret:
                  name: {{ .Values.existingSecret.name | default $secretName }}
                  items:
                    - key: {{ if .Values.existingSecret.name }}{{ .Values.existingSecret.key | default "api-key" }}{{ else }}api-key{{ end }}
                      path: api-key
              {{- end }}
        {{- end }}
        {{- with .Values.scrapeAuth.bearerTokenSecret }}
        {{- if .name }}
        - name: scrape-auth
          secret:
            secretName: {{ .name }}
            defaultMode: 288 # 0440
            items:
              - key: {{ .key | default "token" }}
                path: token
        {{- end }}
        {{- end }}
        {{- with .Values.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
{{- end }}
