{{/*
The pod template of one service, shared by the Deployments and booking-service's StatefulSet.
Call with: dict "root" $ "key" "slotService"
*/}}
{{- define "esus.podTemplate" -}}
{{- $root := .root -}}
{{- $c := include "esus.component" (list $root .key) | fromYaml -}}
{{- $v := index $root.Values .key -}}
{{- $name := include "esus.serviceName" (dict "root" $root "name" $c.name) -}}
{{- $kafka := $root.Values.kafka -}}
{{- $probes := $root.Values.probes -}}
metadata:
  labels:
    {{- include "esus.serviceLabels" (dict "root" $root "name" $c.name) | nindent 4 }}
  annotations:
    checksum/config: {{ include "esus.configData" . | sha256sum }}
    {{- if and $c.metrics $root.Values.metrics.podAnnotations }}
    prometheus.io/scrape: "true"
    prometheus.io/path: /q/metrics
    prometheus.io/port: {{ $c.port | quote }}
    {{- end }}
    {{- with $v.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "esus.serviceAccountName" $root }}
  automountServiceAccountToken: false
  {{- with $root.Values.image.pullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $root.Values.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds | default 30 }}
  containers:
    - name: {{ $c.name }}
      image: {{ include "esus.image" (dict "root" $root "name" $c.name) }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      # config/application.properties is read relative to the working directory
      workingDir: /deployments
      ports:
        - name: http
          containerPort: {{ $c.port }}
          protocol: TCP
      envFrom:
        - configMapRef:
            name: {{ $name }}
      env:
        - name: JAVA_OPTS_APPEND
          value: {{ $v.javaOpts | quote }}
        {{- if eq .key "subscriptionService" }}
        # Where the other replicas reach this one's event log ($status, $events), by pod IP.
        - name: ESUS_NUMBERING_HOST
          valueFrom:
            fieldRef:
              fieldPath: status.podIP
        {{- end }}
        {{- if $c.database }}
        - name: QUARKUS_DATASOURCE_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ include "esus.databaseSecretName" $root }}
              key: {{ $v.database.passwordKey }}
        {{- end }}
        {{- if and $c.kafka (include "esus.kafkaUsesSasl" $root) }}
        - name: KAFKA_SASL_JAAS_CONFIG
          valueFrom:
            secretKeyRef:
              name: {{ $kafka.saslJaasConfigSecret.name }}
              key: {{ $kafka.saslJaasConfigSecret.key }}
        {{- end }}
        {{- if and $c.kafka (include "esus.kafkaUsesTls" $root) $kafka.truststore.secretName $kafka.truststore.passwordKey }}
        - name: KAFKA_SSL_TRUSTSTORE_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ $kafka.truststore.secretName }}
              key: {{ $kafka.truststore.passwordKey }}
        {{- end }}
      startupProbe:
        httpGet:
          path: /q/health/started
          port: http
        periodSeconds: {{ $probes.startup.periodSeconds }}
        failureThreshold: {{ $probes.startup.failureThreshold }}
        timeoutSeconds: {{ $probes.startup.timeoutSeconds }}
      livenessProbe:
        httpGet:
          path: /q/health/live
          port: http
        periodSeconds: {{ $probes.liveness.periodSeconds }}
        failureThreshold: {{ $probes.liveness.failureThreshold }}
        timeoutSeconds: {{ $probes.liveness.timeoutSeconds }}
      readinessProbe:
        httpGet:
          path: /q/health/ready
          port: http
        periodSeconds: {{ $probes.readiness.periodSeconds }}
        failureThreshold: {{ $probes.readiness.failureThreshold }}
        timeoutSeconds: {{ $probes.readiness.timeoutSeconds }}
      resources:
        {{- toYaml $v.resources | nindent 8 }}
      securityContext:
        {{- toYaml $root.Values.containerSecurityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        {{- if $c.kafka }}
        - name: config
          mountPath: /deployments/config
          readOnly: true
        {{- end }}
        {{- if and $c.kafka (include "esus.kafkaUsesTls" $root) $kafka.truststore.secretName }}
        - name: kafka-truststore
          mountPath: /etc/esus/kafka-truststore
          readOnly: true
        {{- end }}
        {{- if $c.streams }}
        - name: streams-state
          mountPath: /var/lib/esus/streams
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $root.Values.tmpVolume.sizeLimit }}
    {{- if $c.kafka }}
    - name: config
      configMap:
        name: {{ $name }}
        items:
          - key: application.properties
            path: application.properties
    {{- end }}
    {{- if and $c.kafka (include "esus.kafkaUsesTls" $root) $kafka.truststore.secretName }}
    - name: kafka-truststore
      secret:
        secretName: {{ $kafka.truststore.secretName }}
        items:
          - key: {{ $kafka.truststore.key }}
            path: {{ $kafka.truststore.key }}
    {{- end }}
  {{- range $field := list "nodeSelector" "tolerations" "affinity" "topologySpreadConstraints" }}
  {{- with index $v $field }}
  {{ $field }}:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- end }}
{{- end -}}
