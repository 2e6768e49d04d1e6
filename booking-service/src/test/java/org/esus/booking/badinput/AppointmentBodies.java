package org.esus.booking.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javax.sql.DataSource;
import org.esus.common.events.Topics;
import org.esus.testsupport.badinput.EndOffsets;
import org.esus.testsupport.badinput.RawHttp.Reply;
import org.esus.testsupport.badinput.StoredState;

/** A valid Appointment body with most of its elements, for mutation; and what a refused booking may leave. */
final class AppointmentBodies {

    private AppointmentBodies() {
    }

    /** The appointments (rows and versions): a refused request changes neither. */
    static StoredState stored(DataSource dataSource) {
        return new StoredState(dataSource, "select count(*), coalesce(sum(version_id), 0) from appointment");
    }

    /** A booking of {@code slotId} by Patient/p1 with Practitioner/feed; with {@code id} for a PUT. */
    static String appointment(String slotId, String id, String identifier) {
        return "{\"resourceType\":\"Appointment\"," + (id == null ? "" : "\"id\":\"" + id + "\",")
                + "\"identifier\":[{\"system\":\"urn:esus:property-test\",\"value\":\"" + identifier + "\"}],"
                + "\"status\":\"booked\",\"description\":\"bad-input property\","
                + "\"serviceType\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/service-type\",\"code\":\"57\"}]}],"
                + "\"start\":\"2026-12-07T09:00:00Z\",\"end\":\"2026-12-07T09:15:00Z\","
                + "\"slot\":[{\"reference\":\"Slot/" + slotId + "\"}],"
                + "\"participant\":[{\"actor\":{\"reference\":\"Patient/p1\"},\"status\":\"accepted\"},"
                + "{\"actor\":{\"reference\":\"Practitioner/feed\"},\"status\":\"accepted\"}]}";
    }

    /**
     * A refusal published no command on esus.booking.commands ({@code before} are its end offsets
     * before the request), unless the claim store decided it: a 409 (the slot is taken) or a 422
     * for a slot the store has never heard of come from asking it.
     */
    static void assertNoCommandUnlessClaimDecided(Reply reply, List<Long> before, EndOffsets commands) {
        boolean decidedByClaimStore = reply.status() == 409
                || reply.status() == 422 && reply.text().contains("does not exist");
        if (reply.status() >= 400 && !decidedByClaimStore) {
            assertEquals(before, commands.read(), "a refused request (" + reply.status() + ") published a command on "
                    + Topics.BOOKING_COMMANDS);
        }
    }
}
