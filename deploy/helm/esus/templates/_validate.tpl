{{/*
Checks of the values that would otherwise deploy something that cannot work. Included once, by
configmaps.yaml; each failure names the value to change.
*/}}
{{- define "esus.validate" -}}
{{- $kafka := .Values.kafka -}}
{{- if not (has $kafka.securityProtocol (list "PLAINTEXT" "SSL" "SASL_PLAINTEXT" "SASL_SSL")) -}}
{{- fail (printf "kafka.securityProtocol: %s is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL" $kafka.securityProtocol) -}}
{{- end -}}
{{- if include "esus.kafkaUsesSasl" . -}}
{{- if or (not $kafka.saslMechanism) (not $kafka.saslJaasConfigSecret.name) -}}
{{- fail "kafka.securityProtocol SASL_*: set kafka.saslMechanism and kafka.saslJaasConfigSecret.name" -}}
{{- end -}}
{{- end -}}
{{- $slotPartitions := int $kafka.topics.slotPartitions -}}
{{- if lt $slotPartitions 1 -}}
{{- fail "kafka.topics.slotPartitions must be at least 1" -}}
{{- end -}}
{{- if and .Values.bookingService.enabled (gt (int .Values.bookingService.replicas) $slotPartitions) -}}
{{- fail (printf "bookingService.replicas (%d) is more than kafka.topics.slotPartitions (%d): the extra replicas would get no stream task" (int .Values.bookingService.replicas) $slotPartitions) -}}
{{- end -}}
{{- $dispatcher := .Values.notificationDispatcher -}}
{{- $dispatcherMax := ternary $dispatcher.autoscaling.maxReplicas $dispatcher.replicas $dispatcher.autoscaling.enabled | int -}}
{{- if and $dispatcher.enabled (gt $dispatcherMax (int $kafka.topics.notificationsPartitions)) -}}
{{- fail (printf "notificationDispatcher: up to %d replicas but kafka.topics.notificationsPartitions is %d: replicas beyond the partitions get no work" $dispatcherMax (int $kafka.topics.notificationsPartitions)) -}}
{{- end -}}
{{- if not (has .Values.gateway.expose (list "ingress" "httproute" "none")) -}}
{{- fail (printf "gateway.expose: %s is not one of ingress, httproute, none" .Values.gateway.expose) -}}
{{- end -}}
{{- if not (has .Values.gateway.routeTo (list "services" "gateway")) -}}
{{- fail (printf "gateway.routeTo: %s is not one of services, gateway" .Values.gateway.routeTo) -}}
{{- end -}}
{{- if and (eq .Values.gateway.routeTo "gateway") (not .Values.gateway.enabled) -}}
{{- fail "gateway.routeTo=gateway needs gateway.enabled=true" -}}
{{- end -}}
{{- end -}}
