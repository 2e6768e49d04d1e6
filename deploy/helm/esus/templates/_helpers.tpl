{{/*
Names, labels and the table of the services.
*/}}

{{- define "esus.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's prefix of every resource name: the release name, or <release>-esus. */}}
{{- define "esus.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "esus.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The services, keyed by their values key. These are facts of the images, not settings: the HTTP
port each application.properties sets, what each needs (database, Kafka, JWT) and whether it
serves /q/metrics. booking-service is the one stateful service (a StatefulSet).
*/}}
{{- define "esus.components" -}}
slotService:
  name: slot-service
  port: 8081
  database: true
  kafka: true
  jwt: true
  metrics: true
bookingService:
  name: booking-service
  port: 8082
  database: true
  kafka: true
  streams: true
  jwt: true
  metrics: true
subscriptionService:
  name: subscription-service
  port: 8083
  database: true
  kafka: true
  jwt: true
  metrics: true
notificationDispatcher:
  name: notification-dispatcher
  port: 8084
  kafka: true
  jwt: true
  metrics: true
gateway:
  name: gateway
  port: 8080
{{- end -}}

{{/* The component of one values key, as a dict: include "esus.component" (list $ "slotService") | fromYaml */}}
{{- define "esus.component" -}}
{{- index (include "esus.components" (index . 0) | fromYaml) (index . 1) | toYaml -}}
{{- end -}}

{{/* <fullname>-<service>, e.g. esus-slot-service: the name of a service's resources. */}}
{{- define "esus.serviceName" -}}
{{- printf "%s-%s" (include "esus.fullname" .root) .name -}}
{{- end -}}

{{/* The labels every resource of the release carries, but the instance one. */}}
{{- define "esus.releaseLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: esus
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "esus.labels" -}}
{{ include "esus.releaseLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector labels of one service: dict "root" $ "name" "slot-service" */}}
{{- define "esus.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "esus.serviceLabels" -}}
{{ include "esus.releaseLabels" .root }}
{{ include "esus.selectorLabels" . }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* The image of one service: <registry>/<prefix><name>:<tag>, the tag pinned (appVersion by default). */}}
{{- define "esus.image" -}}
{{- $image := .root.Values.image -}}
{{- $tag := default .root.Chart.AppVersion $image.tag | toString -}}
{{- if eq $tag "latest" -}}
{{- fail "image.tag: pin a version; `latest` is not allowed" -}}
{{- end -}}
{{- $repository := printf "%s%s" $image.prefix .name -}}
{{- if $image.registry -}}
{{- $repository = printf "%s/%s" (trimSuffix "/" $image.registry) $repository -}}
{{- end -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end -}}

{{- define "esus.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "esus.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the PostgreSQL passwords. */}}
{{- define "esus.databaseSecretName" -}}
{{- default (printf "%s-database" (include "esus.fullname" .)) .Values.postgresql.existingSecret -}}
{{- end -}}

{{/* A Quarkus property name as its environment variable: esus.dispatch.max-attempts -> ESUS_DISPATCH_MAX_ATTEMPTS */}}
{{- define "esus.envName" -}}
{{- regexReplaceAll "[^A-Z0-9]" (upper .) "_" -}}
{{- end -}}

{{- define "esus.kafkaUsesSasl" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol -}}true{{- end -}}
{{- end -}}

{{- define "esus.kafkaUsesTls" -}}
{{- if hasSuffix "SSL" .Values.kafka.securityProtocol -}}true{{- end -}}
{{- end -}}

{{- define "esus.truststorePath" -}}
{{- printf "/etc/esus/kafka-truststore/%s" .Values.kafka.truststore.key -}}
{{- end -}}
