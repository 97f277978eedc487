{{/* Name of the chart, overridable. */}}
{{- define "edge-ai.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every resource name: <release>-edge-ai unless the release name already says edge-ai. */}}
{{- define "edge-ai.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels on every resource. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "edge-ai.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: edge-ai
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
{{ include "edge-ai.selectorLabels" . }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Selector labels. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "edge-ai.selectorLabels" -}}
app.kubernetes.io/name: {{ include "edge-ai.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels every pod of the release has, whatever its component (NetworkPolicy peers). */}}
{{- define "edge-ai.releaseSelector" -}}
app.kubernetes.io/name: {{ include "edge-ai.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Image of a service. Call with (dict "root" $ "service" "gateway-service"). */}}
{{- define "edge-ai.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.repositoryPrefix .service (.root.Values.image.tag | default .root.Chart.AppVersion) }}
{{- end }}

{{/* Name of the Secret holding the API keys, the internal credential and the shard encryption key. */}}
{{- define "edge-ai.secretName" -}}
{{- .Values.security.existingSecret | default (printf "%s-secrets" (include "edge-ai.fullname" .)) }}
{{- end }}

{{/* In-cluster base URI of a component's Service. Call with (dict "root" $ "component" "inference" "port" 8082). */}}
{{- define "edge-ai.uri" -}}
{{- printf "http://%s-%s:%v" (include "edge-ai.fullname" .root) .component .port }}
{{- end }}

{{/* Comma-separated URIs of the data-shard owners in ordinal order (stable DNS names of the StatefulSet pods). */}}
{{- define "edge-ai.dataShardOwners" -}}
{{- $full := include "edge-ai.fullname" . }}
{{- $owners := list }}
{{- range $i := until (int .Values.dataShard.replicas) }}
{{- $owners = append $owners (printf "http://%s-data-shard-%d.%s-data-shard-headless.%s.svc.cluster.local:%v" $full $i $full $.Release.Namespace $.Values.dataShard.port) }}
{{- end }}
{{- join "," $owners }}
{{- end }}

{{/* Pod spec parts shared by every service. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "edge-ai.podCommon" -}}
serviceAccountName: {{ if .root.Values.serviceAccount.create }}{{ include "edge-ai.fullname" .root }}-{{ .component }}{{ else }}default{{ end }}
automountServiceAccountToken: false
enableServiceLinks: false
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Pod annotations: config checksums (roll pods when config changes) and Prometheus scraping.
     Call with (dict "root" $ "port" 8080). */}}
{{- define "edge-ai.podAnnotations" -}}
checksum/config: {{ include (print .root.Template.BasePath "/configmap.yaml") .root | sha256sum }}
checksum/secret: {{ include (print .root.Template.BasePath "/secret.yaml") .root | sha256sum }}
{{- if .root.Values.metrics.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: /actuator/prometheus
{{- end }}
{{- end }}

{{/* Container parts shared by every service. Call with (dict "root" $ "component" "gateway" "values" .Values.gateway). */}}
{{- define "edge-ai.containerCommon" -}}
imagePullPolicy: {{ .root.Values.image.pullPolicy }}
securityContext:
  {{- toYaml .root.Values.containerSecurityContext | nindent 2 }}
ports:
  - name: http
    containerPort: {{ .values.port }}
    protocol: TCP
  {{- if .values.grpcPort }}
  - name: grpc
    containerPort: {{ .values.grpcPort }}
    protocol: TCP
  {{- end }}
envFrom:
  - configMapRef:
      name: {{ include "edge-ai.fullname" .root }}-{{ .component }}
resources:
  {{- toYaml .values.resources | nindent 2 }}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .root.Values.probes.startupPeriodSeconds }}
  timeoutSeconds: {{ .root.Values.probes.timeoutSeconds }}
  failureThreshold: {{ .root.Values.probes.startupFailureThreshold }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .root.Values.probes.periodSeconds }}
  timeoutSeconds: {{ .root.Values.probes.timeoutSeconds }}
  failureThreshold: {{ .root.Values.probes.livenessFailureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: {{ .root.Values.probes.periodSeconds }}
  timeoutSeconds: {{ .root.Values.probes.timeoutSeconds }}
  failureThreshold: {{ .root.Values.probes.readinessFailureThreshold }}
{{- end }}

{{/* Environment from the Secret every service needs, plus the component's extra env.
     Call with (dict "root" $ "values" .Values.gateway). */}}
{{- define "edge-ai.secretEnv" -}}
- name: EDGE_INTERNAL_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "edge-ai.secretName" .root }}
      key: internal-token
{{- range $k, $v := .values.env }}
- name: {{ $k }}
  value: {{ $v | toString | quote }}
{{- end }}
{{- end }}

{{/* The /tmp emptyDir every container gets (its root file system is read-only). */}}
{{- define "edge-ai.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- end }}
