package org.esus.dispatch.deliver;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.esus.common.events.EventJson;
import org.esus.common.events.NotificationRequested;

/**
 * Turns a notification into the HTTP POST of one attempt (CONTRACT section 6): the channel
 * headers, Content-Type, X-Esus-Subscription and the Standard Webhooks headers, signed over the
 * exact bytes sent. Only webhook-timestamp and the signature change between attempts.
 */
public final class WebhookRequests {

    static final String CONTENT_TYPE = "application/fhir+json";

    /**
     * Channel headers we never take from a subscription: the ones we set ourselves (a channel
     * header must not forge the signature or the subscription) and the ones the JDK client owns.
     */
    private static final Set<String> RESERVED = Set.of("content-type", "webhook-id", "webhook-timestamp",
            "webhook-signature", "x-esus-subscription", "connection", "content-length", "expect", "host", "upgrade");

    private WebhookRequests() {
    }

    /** The body of every attempt: the Bundle, or nothing for a ping. */
    public static byte[] body(NotificationRequested notification) {
        if (!notification.payload() || notification.bundle() == null) {
            return new byte[0];
        }
        return EventJson.write(notification.bundle()).getBytes(StandardCharsets.UTF_8);
    }

    public static HttpRequest attempt(NotificationRequested notification, byte[] body, long timestampSeconds,
            Duration readTimeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(notification.endpoint()))
                .timeout(readTimeout)
                .POST(body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        channelHeaders(request, notification.headers());
        request.header("Content-Type", CONTENT_TYPE);
        request.header("X-Esus-Subscription", "Subscription/" + notification.subscriptionId());
        request.header("webhook-id", notification.notificationId());
        request.header("webhook-timestamp", Long.toString(timestampSeconds));
        if (notification.secret() != null && !notification.secret().isEmpty()) {
            request.header("webhook-signature",
                    WebhookSigner.sign(notification.secret(), notification.notificationId(), timestampSeconds, body));
        }
        return request.build();
    }

    private static void channelHeaders(HttpRequest.Builder request, List<String> headers) {
        if (headers == null) {
            return;
        }
        for (String header : headers) {
            int colon = header == null ? -1 : header.indexOf(':');
            if (colon <= 0) {
                continue; // not "Name: value"; subscription-service validates, this only guards
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.isEmpty() || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            try {
                request.header(name, value);
            } catch (IllegalArgumentException invalid) {
                // a name or value the HTTP client refuses (control characters...): skipped, never logged
            }
        }
    }
}
