package org.esus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One notification the sink received, read: the channel and subscriber of its endpoint path
 * ({@code /<channel>/<n>}), the Slot version it carries ({@code <slot id>/<versionId>}; "/" for a
 * handshake or heartbeat) and the Bundle id, which stays the same when the dispatcher tries again.
 */
record Notified(String channel, int subscriber, String slotVersion, String bundleId, long nanos) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Notified of(WebhookSink.Arrival arrival) {
        String[] path = arrival.path().split("/");
        try {
            JsonNode bundle = JSON.readTree(arrival.body());
            JsonNode slot = slotOf(bundle);
            return new Notified(path[1], Integer.parseInt(path[2]),
                    slot.path("id").asText() + "/" + slot.path("meta").path("versionId").asText(),
                    bundle.path("id").asText(), arrival.nanos());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the sink received something that is not a notification Bundle on "
                    + arrival.path() + ": " + new String(arrival.body(), java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    /**
     * The seed's {@code notification} Bundle holds the Slot first; a topic-based Subscription's
     * {@code history} Bundle after its status Parameters, and its handshakes and heartbeats none
     * (their version key then matches no update).
     */
    private static JsonNode slotOf(JsonNode bundle) {
        for (JsonNode entry : bundle.path("entry")) {
            if ("Slot".equals(entry.path("resource").path("resourceType").asText())) {
                return entry.path("resource");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The key a Slot update answered with: its id and the versionId of the 200's body. */
    static String slotVersion(String slotId, String versionId) {
        return slotId + "/" + versionId;
    }
}
