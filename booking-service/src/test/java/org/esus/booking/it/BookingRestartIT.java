package org.esus.booking.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorCompletionService;
import org.esus.booking.SlotFeed;
import org.esus.testsupport.KafkaBroker;
import org.esus.testsupport.ServiceProcess;
import org.esus.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariant 1 across restarts: booking-service runs as a real process, is stopped between
 * bookings and killed with SIGKILL in the middle of them, and every restart begins with an
 * empty state directory, so the claim store must come back from its changelog topic. No slot
 * may ever end with two active appointments, and claims granted to requests that died with the
 * process (they sent no identifier) must be released by the appointment projection, so no slot is
 * left claimed by nothing.
 */
class BookingRestartIT {

    private static final String DATABASE = "esus_it_booking_restart_" + ProcessHandle.current().pid();
    private static String jdbcUrl;
    private static File log;

    @BeforeAll
    static void infrastructure() {
        jdbcUrl = TestDatabase.recreate(DATABASE);
        log = new File("target", "booking-restart.log");
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabase.drop(DATABASE);
    }

    @Test
    void noSlotIsBookedTwiceAcrossStopsAndKills() throws Exception {
        List<String> slots = new ArrayList<>();
        try (SlotFeed feed = new SlotFeed()) {
            for (int i = 0; i < 12; i++) {
                slots.add(feed.create("free", false));
            }
        }
        String first = slots.get(0);

        // Between bookings: a clean stop, then a start with no local state.
        try (ServiceProcess service = start()) {
            assertEquals(201, new BookingClient(service.baseUrl()).bookKnown(first));
        }
        try (ServiceProcess service = start()) {
            BookingClient client = new BookingClient(service.baseUrl());
            assertEquals(409, client.book(first), "the restored store still knows the slot is taken");
            assertEquals(201, client.bookKnown(slots.get(1)));
        }

        // During bookings: SIGKILL while 110 requests race for 11 slots, once the first answers are back.
        List<String> raced = slots.subList(1, slots.size());
        int cut = 0;
        try (ServiceProcess service = start()) {
            BookingClient client = new BookingClient(service.baseUrl());
            ExecutorService pool = Executors.newFixedThreadPool(16);
            ExecutorCompletionService<Integer> answers = new ExecutorCompletionService<>(pool);
            int sent = 0;
            for (int round = 0; round < 10; round++) {
                for (String slot : raced) {
                    answers.submit(() -> client.book(slot));
                    sent++;
                }
            }
            for (int i = 0; i < 5; i++) {
                answers.take();
            }
            service.kill();
            pool.shutdown();
            for (int i = 5; i < sent; i++) {
                if (answers.take().get() == -1) {
                    cut++;
                }
            }
        }
        assertTrue(cut > 0, "the kill interrupted requests in flight");

        try (ServiceProcess service = start()) {
            BookingClient client = new BookingClient(service.baseUrl());
            // The killed requests sent no identifier, so the claims granted to them are released once
            // older than the projection delay (12 s): every slot can then be booked, or is booked.
            for (String slot : slots) {
                bookOnceFree(client, slot, Duration.ofSeconds(60));
            }
            Map<String, Integer> active = activeAppointmentsPerSlot();
            for (String slot : slots) {
                assertEquals(1, active.getOrDefault(slot, 0), "Slot/" + slot + " has exactly one booking: " + active);
            }
        }
    }

    private static ServiceProcess start() throws Exception {
        Map<String, String> environment = new HashMap<>(ServiceProcess.environment(jdbcUrl, KafkaBroker.bootstrapServers()));
        environment.put("KAFKA_STREAMS_STATE_DIR", Files.createTempDirectory(Path.of("target"), "streams-state-").toString());
        environment.put("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", "booking-restart-it");
        environment.put("ESUS_BOOKING_DECISION_TIMEOUT", "10s");
        environment.put("ESUS_BOOKING_PROJECTION_DELAY", "12s");
        environment.put("ESUS_BOOKING_RECONCILE_EVERY", "1s");
        return ServiceProcess.start("booking-service", environment, log);
    }

    /** Books the slot unless it has an active appointment; a 409 while a dead request's claim awaits release is retried. */
    private static void bookOnceFree(BookingClient client, String slot, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (activeAppointmentsPerSlot().getOrDefault(slot, 0) == 0) {
            int status = client.book(slot);
            assertTrue(status == 201 || status == 409, "slot " + slot + " answered " + status);
            if (status == 201 || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private static Map<String, Integer> activeAppointmentsPerSlot() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT slot, count(*) FROM appointment, unnest(slot_ids) AS slot WHERE state = 'BOOKED' GROUP BY slot");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counts.put(r.getString(1), r.getInt(2));
            }
        }
        return counts;
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(jdbcUrl, TestDatabase.USER, TestDatabase.PASSWORD);
    }
}
