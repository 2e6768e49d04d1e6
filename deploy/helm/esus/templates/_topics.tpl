{{/*
The Kafka topics of ESUS (as deploy/local/topics.properties declares them for the local stack), with
the partition counts of kafka.topics. The three slot topics take the one slotPartitions value:
co-partitioned by slot id for booking-service's Kafka Streams join. Used by the Strimzi KafkaTopics
and by the topic Job, so both create the same topics.
*/}}
{{- define "esus.topics" -}}
{{- $t := .Values.kafka.topics -}}
- name: esus.slot.events
  partitions: {{ int $t.slotPartitions }}
- name: esus.booking.commands
  partitions: {{ int $t.slotPartitions }}
- name: esus.slot.claims
  partitions: {{ int $t.slotPartitions }}
- name: esus.subscriptions
  partitions: {{ int $t.subscriptionsPartitions }}
  config:
    cleanup.policy: compact
- name: esus.matches
  partitions: {{ int $t.notificationsPartitions }}
  config:
    retention.ms: {{ int64 $t.matchesRetentionMs | quote }}
- name: esus.notifications
  partitions: {{ int $t.notificationsPartitions }}
- name: esus.delivery.outcomes
  partitions: {{ int $t.deliveryOutcomesPartitions }}
{{- end -}}
