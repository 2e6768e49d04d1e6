package org.esus.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.esus.testsupport.WebhookReceiver.Received;

/** The headers of a notification POST (README "Notifications"), as a subscriber checks them. */
final class WebhookHeaders {

    private WebhookHeaders() {
    }

    /**
     * Content-Type, X-Esus-Subscription, the Standard Webhooks {@code webhook-id} and
     * {@code webhook-timestamp}, and the Subscription's {@code channel.header} ("Name: value").
     */
    static void assertHeaders(Received request, String subscriptionId, String channelHeader) {
        assertEquals("application/fhir+json", request.header("content-type"), request.headers().toString());
        String[] header = channelHeader.split(":\\s*", 2);
        assertEquals(header[1], request.header(header[0].toLowerCase(Locale.ROOT)), "the channel header: " + request.headers());
        assertEquals("Subscription/" + subscriptionId, request.header("x-esus-subscription"), request.headers().toString());
        assertFalse(request.header("webhook-id") == null || request.header("webhook-id").isBlank(), request.headers().toString());
        assertTrue(request.header("webhook-timestamp") != null && request.header("webhook-timestamp").matches("\\d+"),
                "webhook-timestamp in Unix seconds: " + request.headers());
    }
}
