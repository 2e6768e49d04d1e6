package org.esus.common.fhir;

import java.util.List;

/**
 * The one SubscriptionTopic ESUS offers (Subscriptions R5 Backport IG, R4): Slot changes. Its
 * identity lives here, free of dependencies, because several places must agree on it: the
 * Subscription validation and matcher, the topic definition clients read (subscription-service)
 * and the CapabilityStatement that advertises it (slot-service).
 */
public final class SlotTopic {

    /** The topic's canonical URL: what a topic-based Subscription puts in {@code criteria}. */
    public static final String URL = "https://esus.org/fhir/SubscriptionTopic/slot-changes";

    /** The resource type whose changes trigger the topic and that notifications carry. */
    public static final String RESOURCE = "Slot";

    /** The filter parameters a Subscription may set (Slot search parameters, {@code =} only). */
    public static final List<String> FILTERS = List.of("schedule.actor", "schedule", "status", "_id");

    /** The changes that trigger a notification, with their FHIR restful-interaction code. */
    public enum Trigger {
        CREATED("create"),
        UPDATED("update"),
        DELETED("delete");

        private final String interaction;

        Trigger(String interaction) {
            this.interaction = interaction;
        }

        public String interaction() {
            return interaction;
        }
    }

    private SlotTopic() {
    }
}
