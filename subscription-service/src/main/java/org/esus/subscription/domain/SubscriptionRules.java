package org.esus.subscription.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.esus.common.error.FhirError;
import org.esus.common.events.SubscriptionState.Backport;
import org.esus.common.search.SlotSearchParser;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelComponent;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;

/**
 * Validates a Subscription body on create and update (CONTRACT section 5) before anything is
 * stored: a subscription that could never deliver is refused instead of silently accepted.
 * Criteria go through the shared Slot parser, so a subscription means what the same search means.
 * Two kinds share the channel rules: criteria Subscriptions ({@code Slot?...}) and topic-based
 * ones of the Backport IG, whose own parts {@link TopicSubscriptionRules} checks.
 */
@ApplicationScoped
public class SubscriptionRules {

    public static final String PAYLOAD = "application/fhir+json";
    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+:[^\\r\\n]*");

    @Inject
    EndpointPolicy endpoints;

    /**
     * Checks {@code subscription} and normalises it in place; {@code currentStatus} is the stored
     * status on update (null on create).
     */
    public AcceptedSubscription accept(Subscription subscription, String currentStatus) {
        boolean topicBased = TopicSubscriptionRules.namesTopic(subscription.getCriteria());
        String status = status(subscription, currentStatus, topicBased);
        String criteria = topicBased ? TopicSubscriptionRules.filter(subscription) : criteria(subscription);
        if (!subscription.hasChannel()) {
            throw FhirError.invalid("Subscription.channel is required");
        }
        SubscriptionChannelComponent channel = subscription.getChannel();
        String secret = ChannelSecret.extract(channel);
        if (channel.getType() != SubscriptionChannelType.RESTHOOK) {
            throw notSupported("Subscription.channel.type " + (channel.hasType() ? channel.getType().toCode() : "(missing)")
                            + " is not supported; this server delivers rest-hook only");
        }
        String endpoint = endpoints.check(channel.getEndpoint()).toString();
        String payload = channel.getPayload();
        if (payload != null && !payload.equals(PAYLOAD)) {
            throw notSupported("Subscription.channel.payload " + payload + " is not supported; use " + PAYLOAD + " or leave it out");
        }
        List<String> headers = new ArrayList<>();
        for (StringType header : channel.getHeader()) {
            String value = header.getValue();
            if (value == null || !HEADER.matcher(value).matches()) {
                throw FhirError.badValue("Subscription.channel.header entries must look like 'Name: value'");
            }
            headers.add(value);
        }
        Backport backport = topicBased ? TopicSubscriptionRules.backport(channel) : null;
        Instant end = subscription.hasEnd() ? subscription.getEnd().toInstant() : null;
        subscription.setStatus(SubscriptionStatus.fromCode(status));
        // A topic-based Subscription always gets a Bundle: with content empty it still carries the status.
        return new AcceptedSubscription(status, criteria, endpoint, List.copyOf(headers), topicBased || payload != null,
                secret, end, backport);
    }

    /**
     * requested and active become active; off stays off; error is the server's to set. A
     * topic-based Subscription that is not active yet stays requested: its handshake, not the
     * client, makes it active.
     */
    private static String status(Subscription subscription, String currentStatus, boolean topicBased) {
        if (!subscription.hasStatus()) {
            throw FhirError.invalid("Subscription.status is required (requested, active or off)");
        }
        return switch (subscription.getStatus()) {
            case REQUESTED, ACTIVE -> topicBased && !"active".equals(currentStatus) ? "requested" : "active";
            case OFF -> "off";
            case ERROR -> {
                if ("error".equals(currentStatus)) {
                    yield "error"; // a client writing back what it read
                }
                throw FhirError.businessRule("Subscription.status error is set by the server only");
            }
            default -> throw FhirError.invalid("Subscription.status " + subscription.getStatus().toCode() + " is not supported");
        };
    }

    private static String criteria(Subscription subscription) {
        String criteria = subscription.getCriteria();
        if (criteria == null || criteria.isBlank()) {
            throw FhirError.invalid("Subscription.criteria is required, e.g. Slot?schedule.actor=Practitioner/123");
        }
        String type = criteria.contains("?") ? criteria.substring(0, criteria.indexOf('?')) : criteria;
        if (!type.equals("Slot")) {
            throw notSupported("Subscription.criteria on " + type + " is not supported; this server notifies Slot changes only");
        }
        SlotSearchParser.parseCriteria(criteria);
        return criteria;
    }

    static FhirError notSupported(String diagnostics) {
        return new FhirError(422, IssueType.NOTSUPPORTED, diagnostics);
    }
}
