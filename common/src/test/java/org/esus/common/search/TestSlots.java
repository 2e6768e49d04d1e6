package org.esus.common.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A readable way to write the SlotFacts a test needs; everything unset is empty. */
final class TestSlots {

    private String id;
    private final List<TokenValue> identifiers = new ArrayList<>();
    private String scheduleId = "sched-1";
    private final List<String> actors = new ArrayList<>();
    private String status = "free";
    private Instant start = Instant.parse("2026-04-21T09:00:00Z");
    private Instant lastUpdated = Instant.parse("2026-04-01T12:00:00Z");
    private final List<TokenValue> serviceTypes = new ArrayList<>();
    private final List<TokenValue> specialties = new ArrayList<>();
    private final List<TokenValue> appointmentTypes = new ArrayList<>();

    private TestSlots(String id) {
        this.id = id;
    }

    static TestSlots slot(String id) {
        return new TestSlots(id);
    }

    TestSlots identifier(String system, String value) {
        identifiers.add(new TokenValue(system, value));
        return this;
    }

    TestSlots schedule(String id) {
        scheduleId = id;
        return this;
    }

    TestSlots actor(String reference) {
        actors.add(reference);
        return this;
    }

    TestSlots status(String code) {
        status = code;
        return this;
    }

    TestSlots start(String instant) {
        start = Instant.parse(instant);
        return this;
    }

    TestSlots lastUpdated(String instant) {
        lastUpdated = Instant.parse(instant);
        return this;
    }

    TestSlots serviceType(String system, String code) {
        serviceTypes.add(new TokenValue(system, code));
        return this;
    }

    TestSlots specialty(String system, String code) {
        specialties.add(new TokenValue(system, code));
        return this;
    }

    TestSlots appointmentType(String system, String code) {
        appointmentTypes.add(new TokenValue(system, code));
        return this;
    }

    SlotFacts build() {
        return new SlotFacts(id, identifiers, scheduleId, actors, status, start, lastUpdated, serviceTypes,
                specialties, appointmentTypes);
    }
}
