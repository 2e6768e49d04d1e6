package org.esus.booking;

import static org.esus.booking.Fixtures.CONFLICT_BODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.streams.KafkaStreams;
import org.esus.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Invariant 1 under load: however many requests race for one non-overbooked slot, exactly one
 * wins, every other gets the contract's 409, and storage holds one active appointment per slot.
 */
@QuarkusTest
class ConcurrentBookingTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TestHTTPResource("/fhir/Appointment")
    URI appointments;

    @Inject
    KafkaStreams streams;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void fiftyParallelBookingsOfOneSlotGiveOneBookingAndFortyNineConflicts() throws Exception {
        String slot = Fixtures.freeSlot(streams);

        List<HttpResponse<String>> answers = race(Collections.nCopies(50, slot), 50);

        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
        assertEquals(1, Collections.frequency(statuses, 201), "statuses: " + statuses);
        assertEquals(49, Collections.frequency(statuses, 409), "statuses: " + statuses);
        answers.stream().filter(a -> a.statusCode() == 409)
                .forEach(a -> assertEquals(CONFLICT_BODY, a.body()));
        assertEquals(Map.of(slot, 1), activeAppointmentsPerSlot(List.of(slot)));
    }

    @Test
    void aHundredSlotsWithTenRacersEachGiveExactlyAHundredBookings() throws Exception {
        List<String> slots = new ArrayList<>();
        try (SlotFeed feed = new SlotFeed()) {
            for (int i = 0; i < 100; i++) {
                slots.add(feed.create("free", false));
            }
        }
        for (String slot : slots) {
            Fixtures.awaitKnown(streams, slot, 1);
        }
        List<String> requests = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            requests.addAll(slots);
        }
        Collections.shuffle(requests, new java.util.Random(7));

        List<HttpResponse<String>> answers = race(requests, 64);

        Map<Integer, Integer> byStatus = new HashMap<>();
        answers.forEach(a -> byStatus.merge(a.statusCode(), 1, Integer::sum));
        assertEquals(Map.of(201, 100, 409, 900), byStatus);
        Map<String, Integer> active = activeAppointmentsPerSlot(slots);
        assertEquals(100, active.size(), "every slot booked");
        assertTrue(active.values().stream().allMatch(n -> n == 1), "one appointment per slot: " + active);
    }

    /** Sends one booking per entry, {@code parallelism} at a time, all released together. */
    private List<HttpResponse<String>> race(List<String> slots, int parallelism) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        CountDownLatch start = new CountDownLatch(1);
        String token = TestTokens.bearer(TestTokens.ALL_SCOPES);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (String slot : slots) {
                Callable<HttpResponse<String>> booking = () -> {
                    start.await();
                    return HTTP.send(HttpRequest.newBuilder(appointments)
                            .header("Authorization", token)
                            .header("Content-Type", Fixtures.FHIR_JSON)
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(Fixtures.appointment(slot))).build(),
                            HttpResponse.BodyHandlers.ofString());
                };
                futures.add(pool.submit(booking));
            }
            start.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Slot id → number of active (booked, not cancelled) appointments holding it, from storage. */
    private Map<String, Integer> activeAppointmentsPerSlot(List<String> slots) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT slot, count(*) FROM appointment, unnest(slot_ids) AS slot
                        WHERE state = 'BOOKED' AND slot = ANY (?) GROUP BY slot""")) {
            s.setArray(1, c.createArrayOf("text", slots.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return counts;
    }
}
