package org.esus.subscription.topic;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.esus.common.fhir.FhirJson;
import org.esus.common.fhir.SlotTopic;
import org.esus.common.fhir.StoredResource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/**
 * The {@link SlotTopic} definition as an R4 client can read it. R4 has no SubscriptionTopic
 * resource and the Subscriptions R5 Backport IG 1.1.0 leaves R4 topic definitions out of scope;
 * its next version (1.2.0-ballot) represents them as a Basic with code
 * {@code http://hl7.org/fhir/fhir-types#SubscriptionTopic} and the topic's elements as
 * cross-version extensions, shaped like its example Basic/r4-encounter-complete: R5 extensions
 * for the top-level elements, R4B ones for the backbone elements. This follows that shape, so a
 * client written against the IG reads it without ESUS-specific code.
 */
final class SlotTopicDefinition {

    static final String ID = "slot-changes";
    static final String CODE_SYSTEM = "http://hl7.org/fhir/fhir-types";
    static final String CODE = "SubscriptionTopic";

    private static final String R5 = "http://hl7.org/fhir/5.0/StructureDefinition/extension-SubscriptionTopic.";
    private static final String R4B = "http://hl7.org/fhir/4.3/StructureDefinition/extension-SubscriptionTopic.";

    /** Raise both with every change to the definition: clients revalidate by ETag and Last-Modified. */
    private static final long VERSION = 1;
    private static final Instant CHANGED = Instant.parse("2026-12-07T00:00:00Z");

    /** Every filter of {@link SlotTopic#FILTERS} needs one; building the definition fails without it. */
    private static final Map<String, String> FILTER_DESCRIPTIONS = Map.of(
            "schedule.actor", "Slots whose Schedule has this actor, e.g. `Practitioner/{id}` (chained, as in Slot search).",
            "schedule", "Slots of this Schedule: `Schedule/{id}` or `{id}`.",
            "status", "Slots with this status: free | busy | busy-unavailable | busy-tentative | entered-in-error.",
            "_id", "The Slot with this id.");

    static final StoredResource STORED = new StoredResource("Basic", ID, VERSION, CHANGED, FhirJson.write(build()));

    private SlotTopicDefinition() {
    }

    private static Basic build() {
        Basic basic = new Basic();
        basic.setId(ID);
        basic.getMeta().setVersionId(Long.toString(VERSION)).setLastUpdated(Date.from(CHANGED));
        basic.getCode().addCoding().setSystem(CODE_SYSTEM).setCode(CODE);
        // status is a modifier element of SubscriptionTopic, so it travels as a modifierExtension.
        basic.addModifierExtension(new Extension(R5 + "status", new CodeType("active")));
        basic.addExtension(R5 + "url", new UriType(SlotTopic.URL));
        basic.addExtension(R5 + "name", new StringType("SlotChanges"));
        basic.addExtension(R5 + "title", new StringType("Slot changes"));
        basic.addExtension(R5 + "description", new MarkdownType(
                "A Slot was created, updated or deleted; the Slot is the focus of the notification."));

        Extension trigger = basic.addExtension().setUrl(R4B + "resourceTrigger");
        trigger.addExtension("description", new MarkdownType("Any change to a Slot."));
        trigger.addExtension("resource", new UriType(SlotTopic.RESOURCE));
        for (SlotTopic.Trigger change : SlotTopic.Trigger.values()) {
            trigger.addExtension("supportedInteraction", new CodeType(change.interaction()));
        }

        for (String filter : SlotTopic.FILTERS) {
            String description = FILTER_DESCRIPTIONS.get(filter);
            if (description == null) {
                throw new IllegalStateException("No description for the Slot topic filter " + filter);
            }
            Extension canFilterBy = basic.addExtension().setUrl(R4B + "canFilterBy");
            canFilterBy.addExtension("description", new MarkdownType(description));
            canFilterBy.addExtension("resource", new UriType(SlotTopic.RESOURCE));
            canFilterBy.addExtension("filterParameter", new StringType(filter));
            canFilterBy.addExtension("modifier", new CodeType("="));
        }

        basic.addExtension().setUrl(R4B + "notificationShape")
                .addExtension("resource", new UriType(SlotTopic.RESOURCE));
        return basic;
    }
}
