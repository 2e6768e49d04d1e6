package org.esus.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.esus.common.events.EventJson;
import org.esus.common.events.SlotChanged;
import org.esus.testsupport.KafkaBroker;
import org.esus.testsupport.ServiceProcess;
import org.esus.testsupport.SlotEventsReader;
import org.esus.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariant 2 across services: a booking made in booking-service turns the Slot busy in
 * slot-service, as a SlotChanged event like any other change; cancelling it turns the Slot free
 * again. Both services run from their packaged jars on one real broker and PostgreSQL.
 */
class BookingFlowIT {

    private static final String SLOT_DB = "esus_st_slot_" + ProcessHandle.current().pid();
    private static final String BOOKING_DB = "esus_st_booking_" + ProcessHandle.current().pid();
    private static ServiceProcess slotService;
    private static ServiceProcess bookingService;

    @BeforeAll
    static void startServices() throws Exception {
        File log = new File("target", "booking-flow.log");
        String bootstrap = KafkaBroker.bootstrapServers();
        slotService = ServiceProcess.start("slot-service",
                ServiceProcess.environment(TestDatabase.recreate(SLOT_DB), bootstrap), log);
        Map<String, String> booking = new HashMap<>(ServiceProcess.environment(TestDatabase.recreate(BOOKING_DB), bootstrap));
        booking.put("KAFKA_STREAMS_STATE_DIR", Files.createTempDirectory(Path.of("target"), "streams-state-").toString());
        bookingService = ServiceProcess.start("booking-service", booking, log);
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (bookingService != null) {
            bookingService.close();
        }
        if (slotService != null) {
            slotService.close();
        }
        TestDatabase.drop(SLOT_DB);
        TestDatabase.drop(BOOKING_DB);
    }

    @Test
    void aBookingMakesTheSlotBusyAndItsCancellationFreesIt() throws Exception {
        FhirHttp slots = new FhirHttp(slotService.baseUrl());
        FhirHttp bookings = new FhirHttp(bookingService.baseUrl());
        String schedule = slots.create("Schedule",
                "{\"resourceType\":\"Schedule\",\"actor\":[{\"reference\":\"Practitioner/flow\"}]}").path("id").asText();
        String slot = slots.create("Slot", "{\"resourceType\":\"Slot\",\"schedule\":{\"reference\":\"Schedule/" + schedule
                + "\"},\"status\":\"free\",\"start\":\"2026-12-10T09:00:00Z\",\"end\":\"2026-12-10T09:15:00Z\"}")
                .path("id").asText();

        JsonNode appointment = bookings.create("Appointment", "{\"resourceType\":\"Appointment\",\"status\":\"proposed\","
                + "\"slot\":[{\"reference\":\"Slot/" + slot + "\"}],"
                + "\"participant\":[{\"actor\":{\"reference\":\"Patient/flow\"},\"status\":\"accepted\"}]}");
        assertEquals("booked", appointment.path("status").asText());
        assertEquals("2026-12-10T09:00:00Z", java.time.Instant.parse(appointment.path("start").asText()).toString());

        slots.awaitField("Slot/" + slot, "status", "busy", Duration.ofSeconds(20));
        try (SlotEventsReader events = new SlotEventsReader(KafkaBroker.bootstrapServers())) {
            List<SlotChanged> changes = events.eventsOf(slot, 2, Duration.ofSeconds(20));
            assertEquals(List.of("free", "busy"), changes.stream().map(e -> e.slot().path("status").asText()).toList());
            assertNotNull(changes.get(1).claimDecisionId(), "the busy change applies a claim decision");

            bookings.delete("Appointment/" + appointment.path("id").asText());
            slots.awaitField("Slot/" + slot, "status", "free", Duration.ofSeconds(20));
            changes = events.eventsOf(slot, 3, Duration.ofSeconds(20));
            assertEquals(List.of(1L, 2L, 3L), changes.stream().map(SlotChanged::version).toList());
        }

        bookings.create("Appointment", "{\"resourceType\":\"Appointment\",\"status\":\"booked\","
                + "\"slot\":[{\"reference\":\"Slot/" + slot + "\"}]}");
        slots.awaitField("Slot/" + slot, "status", "busy", Duration.ofSeconds(20));
    }

}
