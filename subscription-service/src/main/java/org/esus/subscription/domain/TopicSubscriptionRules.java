package org.esus.subscription.domain;

import static org.esus.common.search.SlotSearchParameters.ID;
import static org.esus.common.search.SlotSearchParameters.SCHEDULE;
import static org.esus.common.search.SlotSearchParameters.SCHEDULE_ACTOR;
import static org.esus.common.search.SlotSearchParameters.STATUS;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.esus.common.error.FhirError;
import org.esus.common.events.SubscriptionState.Backport;
import org.esus.common.fhir.SlotTopic;
import org.esus.common.search.SlotSearchParser;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelComponent;
import org.hl7.fhir.r4.model.Type;

/**
 * The topic-based kind of Subscription (Subscriptions R5 Backport IG 1.1.0, R4 profile
 * backport-subscription): {@code criteria} names this server's one SubscriptionTopic, and the
 * Slot filter and delivery settings ride in the IG's extensions. A stored Subscription is read
 * back through the same methods that validated it, so a server-side status change republishes
 * exactly the values the client was answered with.
 */
final class TopicSubscriptionRules {


    private static final String IG = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    static final String FILTER_CRITERIA = IG + "backport-filter-criteria";
    static final String PAYLOAD_CONTENT = IG + "backport-payload-content";
    static final String HEARTBEAT_PERIOD = IG + "backport-heartbeat-period";
    static final String TIMEOUT = IG + "backport-timeout";
    static final String MAX_COUNT = IG + "backport-max-count";

    /** The topic's canFilterBy: what a Slot change can be told apart by before anything is looked up. */
    private static final List<String> FILTERS = List.of(SCHEDULE_ACTOR, SCHEDULE, STATUS, ID);
    private static final Set<String> CONTENTS = Set.of(Backport.EMPTY, Backport.ID_ONLY, Backport.FULL_RESOURCE);
    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)(https?|urn):.*", Pattern.DOTALL);
    private static final String EVERY_SLOT = "Slot";
    private static final long MAX_HEARTBEAT_SECONDS = 86_400;
    private static final long MAX_TIMEOUT_SECONDS = 120;
    /** ESUS puts one event in each notification, whatever the client allows. */
    private static final int MAX_COUNT_SENT = 1;

    private TopicSubscriptionRules() {
    }

    /**
     * True when {@code criteria} is this server's topic URL; false for anything else that is no
     * absolute URL (a {@code Slot?} criteria, or a mistake the criteria rules report); 422 for
     * a topic this server does not have.
     */
    static boolean namesTopic(String criteria) {
        if (criteria == null || !ABSOLUTE_URL.matcher(criteria).matches()) {
            return false;
        }
        if (!criteria.equals(SlotTopic.URL)) {
            throw SubscriptionRules.notSupported("Subscription.criteria " + criteria + " is no SubscriptionTopic of this "
                    + "server; its one topic is " + SlotTopic.URL + " (or write Slot? criteria)");
        }
        return true;
    }

    /**
     * The Slot criteria the matcher applies: the backport-filter-criteria value, read by the
     * same parser as a criteria Subscription's and limited to the topic's filters; {@code Slot}
     * (every Slot change) without one.
     */
    static String filter(Subscription subscription) {
        List<Extension> filters = subscription.hasCriteriaElement()
                ? subscription.getCriteriaElement().getExtensionsByUrl(FILTER_CRITERIA) : List.of();
        if (filters.isEmpty()) {
            return EVERY_SLOT;
        }
        if (filters.size() > 1) {
            throw SubscriptionRules.notSupported("This server takes one backport-filter-criteria per Subscription; "
                    + "put every filter in one 'Slot?...' value (parameters are ANDed)");
        }
        String filter = primitive(filters.get(0), "string").primitiveValue();
        try {
            SlotSearchParser.parseCriteria(filter);
        } catch (FhirError e) {
            throw new FhirError(e.status(), e.code(), "backport-filter-criteria: " + e.diagnostics());
        }
        String text = filter.strip();
        String query = text.indexOf('?') < 0 ? "" : text.substring(text.indexOf('?') + 1);
        for (String name : SlotSearchParser.decodeQuery(query).keySet()) {
            if (!FILTERS.contains(name)) {
                throw FhirError.invalid("backport-filter-criteria may filter the slot-changes topic by "
                        + String.join(", ", FILTERS) + " only, not by '" + name + "'");
            }
        }
        return filter;
    }

    /** The IG's delivery settings of the channel, with their defaults; max count is set to what the server sends. */
    static Backport backport(SubscriptionChannelComponent channel) {
        String content = content(channel);
        long heartbeat = seconds(channel, HEARTBEAT_PERIOD, 0, MAX_HEARTBEAT_SECONDS);
        long timeout = seconds(channel, TIMEOUT, 1, MAX_TIMEOUT_SECONDS);
        Extension maxCount = single(channel, "Subscription.channel", MAX_COUNT);
        if (maxCount != null) {
            if (number(maxCount, "positiveInt") < 1) {
                throw FhirError.badValue("backport-max-count must be at least 1");
            }
            // Any count allows one event per notification; the stored Subscription says what it gets.
            maxCount.setValue(new PositiveIntType(MAX_COUNT_SENT));
        }
        return new Backport(SlotTopic.URL, content, heartbeat, timeout, MAX_COUNT_SENT);
    }

    /** backport-payload-content; without it the IG's default: id-only when a MIME type is set, else empty. */
    private static String content(SubscriptionChannelComponent channel) {
        Extension extension = channel.hasPayloadElement()
                ? single(channel.getPayloadElement(), "Subscription.channel.payload", PAYLOAD_CONTENT) : null;
        if (extension == null) {
            return channel.getPayload() != null ? Backport.ID_ONLY : Backport.EMPTY;
        }
        String content = primitive(extension, "code").primitiveValue();
        if (!CONTENTS.contains(content)) {
            throw FhirError.badValue("backport-payload-content must be empty, id-only or full-resource, not '" + content + "'");
        }
        return content;
    }

    /** An unsignedInt number of seconds within [min, max]; 0 when the extension is absent. */
    private static long seconds(SubscriptionChannelComponent channel, String url, long min, long max) {
        Extension extension = single(channel, "Subscription.channel", url);
        if (extension == null) {
            return 0;
        }
        long seconds = number(extension, "unsignedInt");
        if (seconds < min || seconds > max) {
            throw FhirError.badValue(name(url) + " must be between " + min + " and " + max + " seconds, not " + seconds);
        }
        return seconds;
    }

    /** The element's extension with this URL, or null; 400 when it repeats (the profile allows one). */
    private static Extension single(Element element, String path, String url) {
        List<Extension> extensions = element.getExtensionsByUrl(url);
        if (extensions.size() > 1) {
            throw FhirError.invalid(path + " carries more than one " + name(url) + " extension");
        }
        return extensions.isEmpty() ? null : extensions.get(0);
    }

    private static long number(Extension extension, String fhirType) {
        return ((IntegerType) primitive(extension, fhirType)).getValue();
    }

    /** The extension's value, which must be a {@code fhirType} with a value (a valueString is no valueCode). */
    private static Type primitive(Extension extension, String fhirType) {
        Type value = extension.getValue();
        if (value == null || !value.fhirType().equals(fhirType) || !value.hasPrimitiveValue()) {
            throw FhirError.invalid("The " + name(extension.getUrl()) + " extension must carry a value"
                    + Character.toUpperCase(fhirType.charAt(0)) + fhirType.substring(1));
        }
        return value;
    }

    private static String name(String url) {
        return url.substring(IG.length());
    }
}
