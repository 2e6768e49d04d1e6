{{/*
The configuration of one service, as its ConfigMap's data: environment variables (Quarkus maps
QUARKUS_DATASOURCE_JDBC_URL to quarkus.datasource.jdbc.url and so on) and, for the services that
use Kafka, an application.properties mounted at /deployments/config/ (the working directory's
config/application.properties, which Quarkus reads above the one in the jar). Settings that Quarkus
hands to Kafka as they are (kafka-streams.*, kafka.*) go to that file: an environment variable
alone names no such property. Call with: dict "root" $ "key" "slotService"
*/}}
{{- define "esus.configData" -}}
{{- $root := .root -}}
{{- $c := include "esus.component" (list $root .key) | fromYaml -}}
{{- $v := index $root.Values .key -}}
{{- $fullname := include "esus.fullname" $root -}}
MALLOC_ARENA_MAX: "2"
{{- if $c.kafka }}
KAFKA_BOOTSTRAP_SERVERS: {{ $root.Values.kafka.bootstrapServers | quote }}
{{- end }}
{{- if $c.database }}
QUARKUS_DATASOURCE_JDBC_URL: {{ required (printf "%s.database.jdbcUrl" .key) $v.database.jdbcUrl | quote }}
QUARKUS_DATASOURCE_USERNAME: {{ required (printf "%s.database.username" .key) $v.database.username | quote }}
{{- end }}
{{- if $c.jwt }}
MP_JWT_VERIFY_ISSUER: {{ required "jwt.issuer" $root.Values.jwt.issuer | quote }}
MP_JWT_VERIFY_PUBLICKEY_LOCATION: {{ required "jwt.publicKeyLocation" $root.Values.jwt.publicKeyLocation | quote }}
{{- end }}
{{- if $c.streams }}
KAFKA_STREAMS_STATE_DIR: /var/lib/esus/streams
{{- end }}
{{- if eq .key "subscriptionService" }}
ESUS_FHIR_BASE_URL: {{ required "publicBaseUrl" $root.Values.publicBaseUrl | quote }}
ESUS_SUBSCRIPTION_ALLOW_PRIVATE: {{ $v.allowPrivateEndpoints | quote }}
{{- end }}
{{- if eq .key "notificationDispatcher" }}
{{- range $name, $value := $v.retry }}
{{ include "esus.envName" (printf "esus.dispatch.%s" (kebabcase $name)) }}: {{ $value | quote }}
{{- end }}
ESUS_DISPATCH_MAX_CONCURRENT_REQUESTS: {{ $v.maxConcurrentRequests | quote }}
{{- end }}
{{- if eq .key "gateway" }}
{{- range $route, $upstream := dict "slot" "slotService" "booking" "bookingService" "subscription" "subscriptionService" }}
{{- $target := include "esus.component" (list $root $upstream) | fromYaml }}
{{ include "esus.envName" (printf "esus.gateway.routes.%s.upstream" $route) }}: {{ printf "http://%s-%s:%v" $fullname $target.name $target.port | quote }}
{{- end }}
{{- end }}
{{- range $property, $value := $v.config }}
{{ include "esus.envName" $property }}: {{ $value | toString | quote }}
{{- end }}
{{- if $c.kafka }}
application.properties: |
{{ include "esus.kafkaProperties" (dict "root" $root "c" $c "v" $v) | indent 2 }}
{{- end }}
{{- end -}}

{{/* The Kafka client settings of one service (application.properties lines). */}}
{{- define "esus.kafkaProperties" -}}
{{- $kafka := .root.Values.kafka -}}
{{- $lines := list (printf "security.protocol=%s" $kafka.securityProtocol) -}}
{{- if include "esus.kafkaUsesSasl" .root -}}
{{- $lines = append $lines (printf "sasl.mechanism=%s" $kafka.saslMechanism) -}}
{{- $lines = append $lines "sasl.jaas.config=${KAFKA_SASL_JAAS_CONFIG}" -}}
{{- end -}}
{{- if and (include "esus.kafkaUsesTls" .root) $kafka.truststore.secretName -}}
{{- $lines = append $lines (printf "ssl.truststore.location=%s" (include "esus.truststorePath" .root)) -}}
{{- $lines = append $lines (printf "ssl.truststore.type=%s" $kafka.truststore.type) -}}
{{- if $kafka.truststore.passwordKey -}}
{{- $lines = append $lines "ssl.truststore.password=${KAFKA_SSL_TRUSTSTORE_PASSWORD}" -}}
{{- end -}}
{{- end -}}
# Kafka clients of this service (kafka.*)
{{- range $lines }}
kafka.{{ . }}
{{- end }}
{{- if .c.streams }}
# Kafka Streams (booking-service's claim store): the same connection, and warm standby stores
kafka-streams.num.standby.replicas={{ int .v.streams.standbyReplicas }}
{{- range $lines }}
kafka-streams.{{ . }}
{{- end }}
{{- end }}
{{- end -}}
