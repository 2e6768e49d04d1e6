package org.esus.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The booking benchmark's proof, read from the databases themselves: booking-service's
 * {@code esus_booking.appointment} (no slot may have two active appointments) and slot-service's
 * {@code esus_slot.slot} (a slot is busy exactly while an active appointment holds it).
 */
final class BookingAudit {

    /** An appointment that holds its slots: booked and not cancelled (CONTRACT section 4). */
    static final String ACTIVE = "a.state = 'BOOKED' AND a.status NOT IN ('cancelled', 'entered-in-error')";

    /**
     * The double-booking query, over every appointment booking-service has, except on the slots
     * slot-service marks overbooked (the parameter, from {@link #OVERBOOKED}): those may hold
     * several bookings by design.
     */
    static final String DOUBLE_BOOKED = "SELECT s.slot_id, count(*) FROM appointment a, unnest(a.slot_ids) AS s(slot_id) WHERE "
            + ACTIVE + " AND NOT (s.slot_id = ANY(?)) GROUP BY s.slot_id HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 20";
    /** In esus_slot: the slots that may hold more than one booking. */
    static final String OVERBOOKED = "SELECT id::text FROM slot WHERE overbooked";

    record Result(long appointments, Map<String, Long> byState, List<String> doubleBooked, int overbookedSlots, long activeSlots,
            List<String> activeNotBusy, List<String> busyNotActive, List<String> benchBookedNotActive,
            List<String> activeNotBenchBooked, double settleSeconds) {

        boolean zeroDoubleBookings() {
            return doubleBooked.isEmpty();
        }
    }

    private final String urlPrefix;
    private final String user;
    private final String password;

    BookingAudit(String urlPrefix, String user, String password) {
        this.urlPrefix = urlPrefix.endsWith("/") ? urlPrefix.substring(0, urlPrefix.length() - 1) : urlPrefix;
        this.user = user;
        this.password = password;
    }

    /**
     * Runs the audit over the run's slots; retries the slot-service cross-check for up to
     * {@code settleSeconds} while slot statuses still follow the last claims.
     */
    Result run(List<String> runSlots, List<String> benchBooked, int settleSeconds) throws SQLException, InterruptedException {
        try (Connection booking = connect("esus_booking"); Connection slot = connect("esus_slot")) {
            long started = System.nanoTime();
            long deadline = started + settleSeconds * 1_000_000_000L;
            while (true) {
                Result result = once(booking, slot, runSlots, benchBooked, (System.nanoTime() - started) / 1e9);
                boolean settled = result.activeNotBusy.isEmpty() && result.busyNotActive.isEmpty()
                        && result.byState.keySet().stream().allMatch(s -> s.equals("BOOKED") || s.equals("CANCELLED"));
                if (settled || System.nanoTime() > deadline) {
                    return result;
                }
                Thread.sleep(1000);
            }
        }
    }

    private Result once(Connection booking, Connection slot, List<String> runSlots, List<String> benchBooked, double waited)
            throws SQLException {
        List<String> overbooked = new ArrayList<>();
        try (PreparedStatement q = slot.prepareStatement(OVERBOOKED); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                overbooked.add(rs.getString(1));
            }
        }
        List<String> doubleBooked = new ArrayList<>();
        try (PreparedStatement q = booking.prepareStatement(DOUBLE_BOOKED)) {
            q.setArray(1, booking.createArrayOf("text", overbooked.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    doubleBooked.add(rs.getString(1) + " (" + rs.getLong(2) + " active appointments)");
                }
            }
        }
        Array slots = booking.createArrayOf("text", runSlots.toArray());
        Map<String, Long> byState = new LinkedHashMap<>();
        long appointments = 0;
        try (PreparedStatement q = booking.prepareStatement(
                "SELECT a.state, count(*) FROM appointment a WHERE a.slot_ids && ? GROUP BY a.state ORDER BY a.state")) {
            q.setArray(1, slots);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    byState.put(rs.getString(1), rs.getLong(2));
                    appointments += rs.getLong(2);
                }
            }
        }
        Set<String> active = new HashSet<>();
        try (PreparedStatement q = booking.prepareStatement("SELECT DISTINCT s.slot_id FROM appointment a, unnest(a.slot_ids) "
                + "AS s(slot_id) WHERE a.slot_ids && ? AND " + ACTIVE)) {
            q.setArray(1, slots);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    active.add(rs.getString(1));
                }
            }
        }
        Map<String, String> status = new HashMap<>();
        try (PreparedStatement q = slot.prepareStatement("SELECT id::text, status FROM slot WHERE id = ANY(?::uuid[])")) {
            q.setArray(1, slot.createArrayOf("text", runSlots.toArray()));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    status.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        List<String> activeNotBusy = new ArrayList<>();
        List<String> busyNotActive = new ArrayList<>();
        for (String id : runSlots) {
            boolean busy = "busy".equals(status.get(id));
            if (active.contains(id) && !busy) {
                activeNotBusy.add(id + " (" + status.get(id) + ")");
            } else if (!active.contains(id) && busy) {
                busyNotActive.add(id);
            }
        }
        Set<String> bench = new HashSet<>(benchBooked);
        List<String> benchNotActive = benchBooked.stream().filter(id -> !active.contains(id)).toList();
        List<String> activeNotBench = active.stream().filter(id -> !bench.contains(id)).sorted().toList();
        return new Result(appointments, byState, doubleBooked, overbooked.size(), active.size(), activeNotBusy, busyNotActive,
                benchNotActive, activeNotBench, waited);
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(urlPrefix + "/" + database, user, password);
    }
}
