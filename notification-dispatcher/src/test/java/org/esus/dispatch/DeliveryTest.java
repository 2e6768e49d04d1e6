package org.esus.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.esus.common.events.DeliveryOutcome;
import org.esus.common.events.EventJson;
import org.esus.common.events.NotificationRequested;
import org.junit.jupiter.api.Test;
import org.esus.testsupport.WebhookReceiver;

/** What a receiver gets (CONTRACT section 6): the Bundle, the headers, a verifiable signature; pings. */
@QuarkusTest
class DeliveryTest extends WebhookTestBase {

    @Test
    void theReceiverGetsTheBundleWithEveryHeader() throws Exception {
        String subscription = UUID.randomUUID().toString();
        NotificationRequested notification = NotificationFeed.notification(subscription, receiver.url("/hook/" + subscription),
                true, null, List.of("Authorization: Bearer channel-token", "X-Tenant:  north "));
        long before = Instant.now().getEpochSecond();
        feed.send(notification);

        WebhookReceiver.Received request = receiver.await("/hook/" + subscription, 1, WAIT).get(0);
        assertEquals(notification.bundle(), EventJson.tree(new String(request.body(), StandardCharsets.UTF_8)),
                "the body is exactly the Bundle");
        assertEquals("application/fhir+json", request.header("Content-Type"));
        assertEquals("Bearer channel-token", request.header("Authorization"), "channel.header entries are sent");
        assertEquals("north", request.header("X-Tenant"));
        assertEquals("Subscription/" + subscription, request.header("X-Esus-Subscription"));
        assertEquals(notification.notificationId(), request.header("webhook-id"));
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertTrue(timestamp >= before && timestamp <= Instant.now().getEpochSecond(), "Unix seconds of the attempt");
        assertNull(request.header("webhook-signature"), "no secret, no signature");

        DeliveryOutcome outcome = outcomes.await(notification.notificationId(), WAIT);
        assertEquals(DeliveryOutcome.Outcome.DELIVERED, outcome.outcome());
        assertEquals(subscription, outcome.subscriptionId());
        assertEquals(1, outcome.attempts());
        assertNull(outcome.error());
    }

    @Test
    void aSignatureVerifiesWithTheSecretAndOnlyWithIt() throws Exception {
        // A Standard Webhooks secret (whsec_ + base64 key) and a plain one: both must verify.
        String whsec = randomWhsec();
        for (String secret : List.of(whsec, "plain-shared-secret")) {
            String wrongSecret = secret.startsWith("whsec_") ? randomWhsec() : "plain-shared-secreT";
            String subscription = UUID.randomUUID().toString();
            NotificationRequested notification = NotificationFeed.notification(subscription,
                    receiver.url("/signed/" + subscription), true, secret, List.of());
            feed.send(notification);

            WebhookReceiver.Received request = receiver.await("/signed/" + subscription, 1, WAIT).get(0);
            String id = request.header("webhook-id");
            String timestamp = request.header("webhook-timestamp");
            String signature = request.header("webhook-signature");
            assertTrue(signature.startsWith("v1,"), signature);
            assertTrue(StandardWebhooksVerifier.verify(secret, id, timestamp, request.body(), signature, Instant.now()),
                    "an independent verifier accepts it");
            assertFalse(StandardWebhooksVerifier.verify(wrongSecret, id, timestamp, request.body(), signature, Instant.now()),
                    "a wrong secret does not verify");
            assertFalse(StandardWebhooksVerifier.verify(secret, id, timestamp, "{}".getBytes(StandardCharsets.UTF_8),
                    signature, Instant.now()), "a changed body does not verify");
            assertFalse(StandardWebhooksVerifier.verify(secret, id, timestamp, request.body(), signature,
                    Instant.now().plusSeconds(600)), "a replay after the tolerance is rejected");
            assertEquals(DeliveryOutcome.Outcome.DELIVERED, outcomes.await(notification.notificationId(), WAIT).outcome());
        }
    }

    @Test
    void aPingHasAnEmptyBodyAndTheSameHeaders() throws Exception {
        String subscription = UUID.randomUUID().toString();
        NotificationRequested ping = NotificationFeed.notification(subscription, receiver.url("/ping/" + subscription),
                false, "ping-secret", List.of("X-Tenant: south"));
        feed.send(ping);

        WebhookReceiver.Received request = receiver.await("/ping/" + subscription, 1, WAIT).get(0);
        assertArrayEquals(new byte[0], request.body());
        assertEquals("application/fhir+json", request.header("Content-Type"));
        assertEquals("south", request.header("X-Tenant"));
        assertEquals("Subscription/" + subscription, request.header("X-Esus-Subscription"));
        assertEquals(ping.notificationId(), request.header("webhook-id"));
        assertTrue(StandardWebhooksVerifier.verify("ping-secret", request.header("webhook-id"),
                request.header("webhook-timestamp"), request.body(), request.header("webhook-signature"), Instant.now()));
        assertEquals(DeliveryOutcome.Outcome.DELIVERED, outcomes.await(ping.notificationId(), WAIT).outcome());
    }

    private static String randomWhsec() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /**
     * Written from the public Standard Webhooks scheme, not from the dispatcher's code: the signed
     * content is "{id}.{timestamp}.{body}", HMAC-SHA256, base64, "v1," prefix; a whsec_ secret is
     * base64 after the prefix; timestamps older or newer than 5 minutes are replays.
     */
    static final class StandardWebhooksVerifier {

        static boolean verify(String secret, String id, String timestamp, byte[] body, String header, Instant now) {
            if (Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            byte[] key = secret.startsWith("whsec_")
                    ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                    : secret.getBytes(StandardCharsets.UTF_8);
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                byte[] signed = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                byte[] expected = Base64.getEncoder().encode(mac.doFinal(signed));
                for (String candidate : header.split(" ")) { // several space-separated signatures may be present
                    String[] parts = candidate.split(",", 2);
                    if (parts.length == 2 && parts[0].equals("v1")
                            && MessageDigest.isEqual(expected, parts[1].getBytes(StandardCharsets.US_ASCII))) {
                        return true;
                    }
                }
                return false;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
