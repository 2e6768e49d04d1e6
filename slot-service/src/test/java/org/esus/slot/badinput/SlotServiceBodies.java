package org.esus.slot.badinput;

import java.time.Instant;
import javax.sql.DataSource;
import org.esus.testsupport.badinput.StoredState;

/** Valid Slot and Schedule bodies with most of their elements, for mutation; and what slot-service stores. */
final class SlotServiceBodies {

    static final Instant START = Instant.parse("2027-03-01T08:00:00Z");

    private SlotServiceBodies() {
    }

    /** Schedules, Slots (counts and versions) and the outbox: a refused request changes none of them. */
    static StoredState stored(DataSource dataSource) {
        return new StoredState(dataSource, """
                select (select count(*) from schedule), (select coalesce(sum(version_id), 0) from schedule),
                       (select count(*) from slot), (select coalesce(sum(version_id), 0) from slot),
                       (select coalesce(max(seq), 0) from outbox_event)""");
    }

    /** A Slot in {@code scheduleId}; with {@code id} for a PUT. */
    static String slot(String scheduleId, String id) {
        return "{\"resourceType\":\"Slot\"," + (id == null ? "" : "\"id\":\"" + id + "\",")
                + "\"identifier\":[{\"system\":\"urn:esus:property-test\",\"value\":\"slot-1\"}],"
                + "\"serviceType\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/service-type\",\"code\":\"57\"}]}],"
                + "\"specialty\":[{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"394814009\"}]}],"
                + "\"appointmentType\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v2-0276\",\"code\":\"ROUTINE\"}]},"
                + "\"schedule\":{\"reference\":\"Schedule/" + scheduleId + "\"},\"status\":\"free\","
                + "\"start\":\"" + START + "\",\"end\":\"" + START.plusSeconds(900) + "\",\"overbooked\":false,"
                + "\"comment\":\"bad-input property\"}";
    }

    /** A Schedule of a practitioner and a location; with {@code id} for a PUT. */
    static String schedule(String practitionerId, String id) {
        return "{\"resourceType\":\"Schedule\"," + (id == null ? "" : "\"id\":\"" + id + "\",")
                + "\"identifier\":[{\"system\":\"urn:esus:property-test\",\"value\":\"schedule-1\"}],\"active\":true,"
                + "\"serviceType\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/service-type\",\"code\":\"57\"}]}],"
                + "\"actor\":[{\"reference\":\"Practitioner/" + practitionerId + "\"},{\"reference\":\"Location/room-1\"}],"
                + "\"planningHorizon\":{\"start\":\"" + START + "\",\"end\":\"" + START.plusSeconds(86_400) + "\"},"
                + "\"comment\":\"bad-input property\"}";
    }
}
