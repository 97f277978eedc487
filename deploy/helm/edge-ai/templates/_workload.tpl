{{/*
A Deployment and its ClusterIP Service for one service of the suite.
Call with (dict "root" $ "component" "inference" "image" "inference-service" "values" .Values.inference
                "replicas" 1 (omit when an HPA owns it) "strategy" "RollingUpdate"
                "volumes" "<yaml list>" "volumeMounts" "<yaml list>").
*/}}
{{- define "edge-ai.deployment" -}}
{{- $root := .root }}
{{- $full := include "edge-ai.fullname" $root }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $full }}-{{ .component }}
  labels:
    {{- include "edge-ai.labels" (dict "root" $root "component" .component) | nindent 4 }}
spec:
  {{- if hasKey . "replicas" }}
  replicas: {{ .replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: {{ .strategy | default "RollingUpdate" }}
  selector:
    matchLabels:
      {{- include "edge-ai.selectorLabels" (dict "root" $root "component" .component) | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "edge-ai.labels" (dict "root" $root "component" .component) | nindent 8 }}
      annotations:
        {{- include "edge-ai.podAnnotations" (dict "root" $root "port" .values.port) | nindent 8 }}
    spec:
      {{- include "edge-ai.podCommon" (dict "root" $root "component" .component) | nindent 6 }}
      {{- with $root.Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      terminationGracePeriodSeconds: 30
      containers:
        - name: {{ .component }}
          image: {{ include "edge-ai.image" (dict "root" $root "service" .image) }}
          {{- include "edge-ai.containerCommon" (dict "root" $root "component" .component "values" .values) | nindent 10 }}
          env:
            {{- include "edge-ai.secretEnv" (dict "root" $root "values" .values) | nindent 12 }}
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with .volumeMounts }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        {{- include "edge-ai.tmpVolume" $root | nindent 8 }}
        {{- with .volumes }}
        {{- . | nindent 8 }}
        {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $full }}-{{ .component }}
  labels:
    {{- include "edge-ai.labels" (dict "root" $root "component" .component) | nindent 4 }}
spec:
  type: {{ .serviceType | default "ClusterIP" }}
  selector:
    {{- include "edge-ai.selectorLabels" (dict "root" $root "component" .component) | nindent 4 }}
  ports:
    - name: http
      port: {{ .servicePort | default .values.port }}
      targetPort: http
      protocol: TCP
      {{- if .nodePort }}
      nodePort: {{ .nodePort }}
      {{- end }}
    {{- if .values.grpcPort }}
    - name: grpc
      port: {{ .values.grpcPort }}
      targetPort: grpc
      protocol: TCP
    {{- end }}
{{- end }}
