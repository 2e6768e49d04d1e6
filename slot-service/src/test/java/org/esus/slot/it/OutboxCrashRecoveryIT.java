package org.esus.slot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotChanged;
import org.esus.testsupport.KafkaBroker;
import org.esus.testsupport.ServiceProcess;
import org.esus.testsupport.SlotEventsReader;
import org.esus.testsupport.TestDatabase;
import org.esus.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariant 3 across a crash: slot-service commits changes while the broker cannot be reached,
 * is killed with SIGKILL before it could publish them, and starts again with the broker back.
 * Every committed change must then be on esus.slot.events exactly once, in order. Runs the
 * packaged jar as a real process against the real in-process broker and PostgreSQL.
 */
class OutboxCrashRecoveryIT {

    private static final String DATABASE = "esus_it_crash_" + ProcessHandle.current().pid();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String jdbcUrl;
    private static File log;

    @BeforeAll
    static void infrastructure() {
        jdbcUrl = TestDatabase.recreate(DATABASE);
        log = new File("target", "outbox-crash-recovery.log");
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(DATABASE);
    }

    @Test
    void changesCommittedBeforeACrashArePublishedOnceInOrderAfterRestart() throws Exception {
        String slotId;
        Map<String, String> brokerDown =
                ServiceProcess.environment(jdbcUrl, "127.0.0.1:" + ServiceProcess.freePort());
        try (ServiceProcess first = ServiceProcess.start("slot-service", brokerDown, log)) {
            String schedule = id(post(first, "Schedule",
                    "{\"resourceType\":\"Schedule\",\"actor\":[{\"reference\":\"Practitioner/crash-test\"}]}"));
            slotId = id(post(first, "Slot", slot(null, schedule, "free")));
            put(first, slotId, slot(slotId, schedule, "busy"));
            put(first, slotId, slot(slotId, schedule, "free"));
            put(first, slotId, slot(slotId, schedule, "busy-tentative"));
            first.kill();
        }

        Map<String, String> brokerUp = ServiceProcess.environment(jdbcUrl, KafkaBroker.bootstrapServers());
        try (ServiceProcess second = ServiceProcess.start("slot-service", brokerUp, log)) {
            List<SlotChanged> events = eventsOf(slotId, 4, Duration.ofSeconds(30));
            assertEquals(List.of(1L, 2L, 3L, 4L), events.stream().map(SlotChanged::version).toList(),
                    "each committed change exactly once, in commit order");
            assertEquals(List.of("free", "busy", "free", "busy-tentative"),
                    events.stream().map(e -> e.slot().get("status").asText()).toList());
        }
    }

    private static String slot(String id, String schedule, String status) {
        Instant start = Instant.parse("2026-11-02T09:00:00Z");
        return "{\"resourceType\":\"Slot\"," + (id == null ? "" : "\"id\":\"" + id + "\",")
                + "\"schedule\":{\"reference\":\"Schedule/" + schedule + "\"},\"status\":\"" + status
                + "\",\"start\":\"" + start + "\",\"end\":\"" + start.plusSeconds(900) + "\"}";
    }

    private static HttpResponse<String> post(ServiceProcess service, String type, String body) throws Exception {
        return send(service, HttpRequest.newBuilder(URI.create(service.baseUrl() + type))
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201);
    }

    private static void put(ServiceProcess service, String id, String body) throws Exception {
        send(service, HttpRequest.newBuilder(URI.create(service.baseUrl() + "Slot/" + id))
                .PUT(HttpRequest.BodyPublishers.ofString(body)), 200);
    }

    private static HttpResponse<String> send(ServiceProcess service, HttpRequest.Builder request, int expected)
            throws Exception {
        HttpResponse<String> response = HTTP.send(request
                .header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES))
                .header("Content-Type", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), response.body());
        return response;
    }

    private static String id(HttpResponse<String> response) {
        return EventJson.tree(response.body()).get("id").asText();
    }

    /** Waits for {@code expected} events of the slot, then reads on for a while to catch duplicates. */
    private static List<SlotChanged> eventsOf(String slotId, int expected, Duration timeout) {
        try (SlotEventsReader reader = new SlotEventsReader(KafkaBroker.bootstrapServers())) {
            reader.eventsOf(slotId, expected, timeout);
            reader.drainFor(Duration.ofSeconds(2));
            return reader.eventsOf(slotId, expected, Duration.ZERO);
        }
    }
}
