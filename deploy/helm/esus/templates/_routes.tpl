{{/*
The edge routes (Ingress and HTTPRoute render the same table): path, match type (Exact or Prefix,
both matching at "/" boundaries, longest first, Exact before Prefix of the same path, as in the
gateway's own route table) and the values key of the service behind it.

gateway.routeTo=services: each path of CONTRACT.md straight to the Service that owns it; exactly
/fhir (batch and transaction Bundles), /fhir/metadata and /fhir/.well-known belong to slot-service.
Other /fhir paths go to the gateway Deployment when it is enabled, which answers them with a 404
OperationOutcome. gateway.routeTo=gateway: all of /fhir to the gateway Deployment.
*/}}
{{- define "esus.routes" -}}
{{- $v := .Values -}}
{{- if eq $v.gateway.routeTo "gateway" }}
- {path: /fhir, type: Prefix, key: gateway}
{{- else }}
{{- if $v.slotService.enabled }}
- {path: /fhir, type: Exact, key: slotService}
- {path: /fhir/Slot, type: Prefix, key: slotService}
- {path: /fhir/Schedule, type: Prefix, key: slotService}
- {path: /fhir/metadata, type: Prefix, key: slotService}
- {path: /fhir/.well-known, type: Prefix, key: slotService}
{{- end }}
{{- if $v.bookingService.enabled }}
- {path: /fhir/Appointment, type: Prefix, key: bookingService}
{{- end }}
{{- if $v.subscriptionService.enabled }}
- {path: /fhir/Subscription, type: Prefix, key: subscriptionService}
- {path: /fhir/Basic, type: Prefix, key: subscriptionService}
{{- end }}
{{- if $v.gateway.enabled }}
- {path: /fhir, type: Prefix, key: gateway}
{{- end }}
{{- end }}
{{- end -}}
