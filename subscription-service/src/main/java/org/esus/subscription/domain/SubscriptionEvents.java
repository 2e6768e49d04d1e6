package org.esus.subscription.domain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.error.FhirError;
import org.esus.common.events.SubscriptionState.Backport;
import org.esus.common.fhir.FhirInstants;
import org.esus.common.fhir.FhirJson;
import org.esus.common.fhir.StoredResource;
import org.esus.subscription.numbering.HistoryBundles;
import org.esus.subscription.numbering.HistoryBundles.Event;
import org.esus.subscription.numbering.HistoryBundles.Status;
import org.esus.subscription.numbering.SubscriptionEventLog;
import org.hl7.fhir.r4.model.Subscription;

/**
 * The answers of {@code $status} and {@code $events} (Subscriptions R5 Backport IG, R4): the stored
 * Subscription says its status, topic and payload content; the numbering's log says its events.
 */
@ApplicationScoped
public class SubscriptionEvents {

    private static final Set<String> CONTENTS = Set.of(Backport.EMPTY, Backport.ID_ONLY, Backport.FULL_RESOURCE);

    /** Which events {@code $events} asks for, checked before anything is read. */
    public record Range(long since, long until, String content) {

        public static Range parse(String since, String until, String content) {
            long from = number("eventsSinceNumber", since, 1);
            long to = number("eventsUntilNumber", until, Long.MAX_VALUE);
            if (to < from) {
                throw FhirError.invalid("eventsUntilNumber (" + to + ") is below eventsSinceNumber (" + from + ")");
            }
            if (content != null && !CONTENTS.contains(content)) {
                throw FhirError.invalid("content must be one of empty, id-only, full-resource");
            }
            return new Range(from, to, content);
        }

        private static long number(String name, String value, long absent) {
            if (value == null || value.isEmpty()) {
                return absent;
            }
            try {
                long number = Long.parseLong(value);
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw FhirError.invalid(name + " must be a positive integer, not '" + value + "'");
        }
    }

    @Inject
    SubscriptionEventLog log;

    @ConfigProperty(name = "esus.fhir.base-url")
    String fhirBase;

    @ConfigProperty(name = "esus.subscription.events-page-size", defaultValue = "1000")
    int pageSize;

    private HistoryBundles bundles;

    /** A searchset Bundle with the Subscription's status Parameters ({@code query-status}). */
    public ObjectNode status(StoredResource stored) {
        String id = stored.id();
        Subscription subscription = FhirJson.parse(stored.json(), Subscription.class);
        Status status = new Status(id, topicOf(subscription), subscription.getStatus().toCode(), "query-status",
                log.count(id));
        String bundleId = UUID.randomUUID().toString();
        ObjectNode bundle = JsonNodeFactory.instance.objectNode().put("resourceType", "Bundle").put("id", bundleId)
                .put("type", "searchset").put("total", 1);
        ObjectNode entry = bundle.putArray("entry").addObject().put("fullUrl", "urn:uuid:" + bundleId);
        entry.set("resource", bundles().statusParameters(bundleId, status, contentOf(subscription), List.of()));
        entry.putObject("search").put("mode", "match");
        return bundle;
    }

    /**
     * A history Bundle ({@code query-event}) with the Subscription's events in {@code range}, at most
     * a page of them: a client continues from the last number it received.
     */
    public ObjectNode events(StoredResource stored, Range range) {
        String id = stored.id();
        Subscription subscription = FhirJson.parse(stored.json(), Subscription.class);
        long count = log.count(id);
        List<Event> events = range.since() > count ? List.of()
                : log.events(id, range.since(), Math.min(range.until(), count), pageSize);
        Status status = new Status(id, topicOf(subscription), subscription.getStatus().toCode(), "query-event", count);
        String content = range.content() != null ? range.content() : contentOf(subscription);
        return bundles().bundle(UUID.randomUUID().toString(), status, content, events, FhirInstants.now());
    }

    /** A topic-based Subscription's criteria is its topic; a criteria Subscription has none. */
    private static String topicOf(Subscription subscription) {
        return TopicSubscriptionRules.namesTopic(subscription.getCriteria()) ? subscription.getCriteria() : null;
    }

    /** As the rules read it when the Subscription was stored; a criteria Subscription's notifications carry the Slot. */
    private static String contentOf(Subscription subscription) {
        return topicOf(subscription) == null ? Backport.FULL_RESOURCE
                : TopicSubscriptionRules.backport(subscription.getChannel()).content();
    }

    private HistoryBundles bundles() {
        if (bundles == null) {
            bundles = new HistoryBundles(fhirBase);
        }
        return bundles;
    }
}
