package org.esus.slot.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.esus.common.fhir.FhirJson;
import org.esus.common.fhir.SlotTopic;
import org.esus.common.http.FhirResponses;
import org.esus.common.security.PublicEndpoint;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * GET /metadata: the CapabilityStatement of the API behind the gateway, which routes
 * /fhir/metadata here. Schedule and Slot are implemented in this package; Appointment by
 * booking-service (its AppointmentResource), Subscription and Basic (the subscription topic
 * definitions) by subscription-service (its SubscriptionResource, SubscriptionRules and
 * SlotTopicResource): keep those entries in step with them.
 */
@Path("metadata")
public class MetadataResource {

    private static final List<TypeRestfulInteraction> CRUDS = List.of(TypeRestfulInteraction.READ,
            TypeRestfulInteraction.CREATE, TypeRestfulInteraction.UPDATE, TypeRestfulInteraction.DELETE,
            TypeRestfulInteraction.SEARCHTYPE);
    private static final List<TypeRestfulInteraction> READ_SEARCH = List.of(TypeRestfulInteraction.READ,
            TypeRestfulInteraction.SEARCHTYPE);

    /** The Subscriptions R5 Backport IG, which ESUS follows for topic-based Subscriptions in R4. */
    public static final String SUBSCRIPTIONS_BACKPORT =
            "http://hl7.org/fhir/uv/subscriptions-backport/ImplementationGuide/hl7.fhir.uv.subscriptions-backport|1.1.0";
    /** The IG's extension on the Subscription entry naming each topic a client may subscribe to. */
    public static final String TOPIC_CANONICAL =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/capabilitystatement-subscriptiontopic-canonical";

    /** The channel types Subscriptions can use, as an extension on the Subscription entry. */
    public static final String CHANNEL_TYPE = "https://esus.org/fhir/StructureDefinition/subscription-channel-type";
    static final String SUBSCRIPTION_SECRET = "https://esus.org/fhir/StructureDefinition/subscription-secret";

    @Context
    UriInfo uri;

    /** The statement only varies with the base URL clients used; encoding it once per base is enough. */
    private static final Map<String, String> ENCODED = new ConcurrentHashMap<>();

    @GET
    @PublicEndpoint
    public Response capabilities() {
        String base = uri.getBaseUri().toString();
        String body = ENCODED.get(base);
        if (body == null) {
            body = FhirJson.write(statement(base));
            if (ENCODED.size() < 16) { // the base comes from the client's Host header: keep the cache bounded
                ENCODED.put(base, body);
            }
        }
        return FhirResponses.json(Response.ok(body)).build();
    }

    static CapabilityStatement statement(String base) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(PublicationStatus.ACTIVE).setDate(new Date()).setPublisher("ESUS")
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(FHIRVersion._4_0_1);
        cs.addFormat("application/fhir+json").addFormat("json");
        cs.addImplementationGuide(SUBSCRIPTIONS_BACKPORT);
        cs.getSoftware().setName("ESUS");
        cs.getImplementation().setDescription("ESUS scheduling backend").setUrl(base.replaceAll("/$", ""));
        CapabilityStatementRestComponent rest = cs.addRest().setMode(RestfulCapabilityMode.SERVER);
        CodeableConcept smart = new CodeableConcept();
        smart.addCoding().setSystem("http://terminology.hl7.org/CodeSystem/restful-security-service").setCode("SMART-on-FHIR");
        rest.getSecurity().addService(smart).setDescription("Bearer JWT with SMART system scopes, e.g. system/Slot.rs");
        rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
        rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION);

        CapabilityStatementRestResourceComponent schedule = resource(rest, "Schedule");
        search(schedule, "_id", SearchParamType.TOKEN, "Logical id");
        search(schedule, "identifier", SearchParamType.TOKEN, "Schedule.identifier");
        search(schedule, "actor", SearchParamType.REFERENCE, "Schedule.actor, e.g. Practitioner/{id}");

        CapabilityStatementRestResourceComponent slot = resource(rest, "Slot");
        search(slot, "_id", SearchParamType.TOKEN, "Logical id");
        search(slot, "identifier", SearchParamType.TOKEN, "Slot.identifier");
        search(slot, "schedule", SearchParamType.REFERENCE, "Slot.schedule");
        search(slot, "schedule.actor", SearchParamType.REFERENCE, "Chained: the Schedule's actor");
        search(slot, "status", SearchParamType.TOKEN, "free | busy | busy-unavailable | busy-tentative | entered-in-error");
        search(slot, "start", SearchParamType.DATE, "Slot.start, prefixes eq ne gt lt ge le sa eb");
        search(slot, "date", SearchParamType.DATE, "Alias of start");
        search(slot, "service-type", SearchParamType.TOKEN, "Slot.serviceType");
        search(slot, "specialty", SearchParamType.TOKEN, "Slot.specialty");
        search(slot, "appointment-type", SearchParamType.TOKEN, "Slot.appointmentType");
        search(slot, "_lastUpdated", SearchParamType.DATE, "meta.lastUpdated");
        slot.addSearchInclude("Slot:schedule");

        CapabilityStatementRestResourceComponent appointment = resource(rest, "Appointment")
                .setConditionalCreate(true)
                .setDocumentation("Booking: a non-overbooked slot takes one appointment, the next gets 409. "
                        + "If-None-Exist: identifier=[system|]value makes a retried booking return its first result.");
        search(appointment, "slot", SearchParamType.REFERENCE, "Appointment.slot");
        search(appointment, "actor", SearchParamType.REFERENCE, "Appointment.participant.actor");
        search(appointment, "practitioner", SearchParamType.REFERENCE, "Appointment.participant.actor (Practitioner)");
        search(appointment, "patient", SearchParamType.REFERENCE, "Appointment.participant.actor (Patient)");
        search(appointment, "status", SearchParamType.TOKEN, "Appointment.status");
        search(appointment, "date", SearchParamType.DATE, "Appointment.start, prefixes eq ne gt lt ge le sa eb");

        // R4 has no element for channel types: the documentation says it and an extension states it.
        CapabilityStatementRestResourceComponent subscription = resource(rest, "Subscription")
                .setDocumentation("Criteria: Slot?<Slot search parameters, without paging or sorting>, or the topic "
                        + SlotTopic.URL + " with a backport-filter-criteria (Subscriptions R5 Backport IG, R4). "
                        + "Channel types: rest-hook (payload application/fhir+json or none for a ping). "
                        + "Signing secret: extension " + SUBSCRIPTION_SECRET + " on Subscription.channel.");
        subscription.addExtension(CHANNEL_TYPE, new CodeType("rest-hook"));
        subscription.addExtension(TOPIC_CANONICAL, new CanonicalType(SlotTopic.URL));
        search(subscription, "status", SearchParamType.TOKEN, "Subscription.status");
        search(subscription, "url", SearchParamType.URI, "Subscription.channel.endpoint");
        // The Backport IG's operations, answered by subscription-service from its event log.
        subscription.addOperation().setName("status")
                .setDefinition("http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-status");
        subscription.addOperation().setName("events")
                .setDefinition("http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-events");

        // R4 has no SubscriptionTopic type: clients read the topics as Basic (subscription-service).
        CapabilityStatementRestResourceComponent topics = resource(rest, "Basic", READ_SEARCH)
                .setDocumentation("Read-only: the subscription topics, as Basic with code "
                        + "http://hl7.org/fhir/fhir-types|SubscriptionTopic and the topic's elements as cross-version "
                        + "extensions; Basic?url=" + SlotTopic.URL + " finds the Slot topic. "
                        + "Needs the Subscription read scope.");
        search(topics, "url", SearchParamType.URI, "The topic's canonical URL (extension SubscriptionTopic.url)");
        search(topics, "code", SearchParamType.TOKEN, "Basic.code");
        search(topics, "_id", SearchParamType.TOKEN, "Logical id");
        return cs;
    }

    private static CapabilityStatementRestResourceComponent resource(CapabilityStatementRestComponent rest, String type) {
        return resource(rest, type, CRUDS);
    }

    private static CapabilityStatementRestResourceComponent resource(CapabilityStatementRestComponent rest, String type,
            List<TypeRestfulInteraction> interactions) {
        CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type)
                .setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONED)
                .setReadHistory(false).setUpdateCreate(false)
                .setConditionalDelete(CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
        interactions.forEach(code -> resource.addInteraction().setCode(code));
        return resource;
    }

    private static void search(CapabilityStatementRestResourceComponent resource, String name,
            SearchParamType type, String documentation) {
        resource.addSearchParam().setName(name).setType(type).setDocumentation(documentation);
    }
}
