package org.esus.subscription.badinput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javax.sql.DataSource;
import org.esus.subscription.Fixtures;
import org.esus.testsupport.badinput.StoredState;

/** A valid Subscription body with most of its elements, for mutation; and what subscription-service stores. */
final class SubscriptionBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubscriptionBodies() {
    }

    /** Subscriptions (rows and versions) and the outbox to esus.subscriptions: a refused request changes none. */
    static StoredState stored(DataSource dataSource) {
        return new StoredState(dataSource, """
                select (select count(*) from subscription), (select coalesce(sum(version_id), 0) from subscription),
                       (select coalesce(max(seq), 0) from outbox_event)""");
    }

    /** A rest-hook Subscription to {@code endpoint} with these criteria, a header, a secret and an end; with {@code id} for a PUT. */
    static String subscription(String criteria, String endpoint, String id) {
        ObjectNode subscription = JSON.createObjectNode().put("resourceType", "Subscription");
        if (id != null) {
            subscription.put("id", id);
        }
        subscription.put("status", "requested").put("reason", "bad-input property").put("criteria", criteria)
                .put("end", "2030-01-01T00:00:00Z");
        ObjectNode channel = subscription.putObject("channel");
        channel.putArray("extension").addObject().put("url", Fixtures.SECRET_URL).put("valueString", "whsec-0123456789abcdefghijklmnop");
        channel.put("type", "rest-hook").put("endpoint", endpoint).put("payload", "application/fhir+json");
        channel.putArray("header").add("X-Client: esus-property");
        return subscription.toString();
    }
}
