package org.esus.booking;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.esus.booking.stream.ClaimTopology;
import org.esus.booking.stream.SlotClaims;
import org.esus.testsupport.TestTokens;

/** Request builders and Appointment bodies the booking-service tests share. */
public final class Fixtures {

    public static final String FHIR_JSON = "application/fhir+json";
    public static final String CONFLICT_BODY = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
            + "\"code\":\"conflict\",\"diagnostics\":\"Slot is not available\"}]}";

    private Fixtures() {
    }

    public static RequestSpecification api() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES)).contentType(FHIR_JSON);
    }

    public static RequestSpecification api(String scopes) {
        return given().header("Authorization", TestTokens.bearer(scopes)).contentType(FHIR_JSON);
    }

    /** A booking request for these slots, for Patient/p1 with Practitioner/feed. */
    public static String appointment(String... slotIds) {
        return appointmentWith(null, "booked", slotIds);
    }

    public static String appointmentWith(String identifier, String status, String... slotIds) {
        String slots = Arrays.stream(slotIds).map(id -> "{\"reference\":\"Slot/" + id + "\"}").collect(Collectors.joining(","));
        return "{\"resourceType\":\"Appointment\",\"status\":\"" + status + "\","
                + (identifier == null ? "" : "\"identifier\":[{\"system\":\"urn:esus:test\",\"value\":\"" + identifier + "\"}],")
                + "\"slot\":[" + slots + "],"
                + "\"participant\":[{\"actor\":{\"reference\":\"Patient/p1\"},\"status\":\"accepted\"},"
                + "{\"actor\":{\"reference\":\"" + SlotFeed.PRACTITIONER + "\"},\"status\":\"accepted\"}]}";
    }

    /** A new free slot, published as slot-service would and known to the claim store. */
    public static String freeSlot(KafkaStreams streams) {
        String slot;
        try (SlotFeed feed = new SlotFeed()) {
            slot = feed.create("free", false);
        }
        awaitKnown(streams, slot, 1);
        return slot;
    }

    /** Waits until the claim store has applied the slot's events up to {@code version}. */
    public static SlotClaims awaitKnown(KafkaStreams streams, String slotId, long version) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ReadOnlyKeyValueStore<String, SlotClaims> store = streams.store(StoreQueryParameters.fromNameAndType(
                        ClaimTopology.STORE, QueryableStoreTypes.keyValueStore()));
                SlotClaims claims = store.get(slotId);
                if (claims != null && claims.known() && claims.version() >= version) {
                    return claims;
                }
            } catch (InvalidStateStoreException rebalancing) {
                // not queryable yet
            }
            sleep(20);
        }
        throw new AssertionError("the claim store never learned of Slot/" + slotId + " v" + version);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
