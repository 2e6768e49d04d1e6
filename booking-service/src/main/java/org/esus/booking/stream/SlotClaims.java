package org.esus.booking.stream;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the claim store knows of one slot (the value of {@link ClaimTopology#STORE}, key slot id):
 * its status and {@code overbooked} flag as slot-service last published them, with the effect of
 * this store's own later decisions applied, and the appointments that hold it.
 *
 * @param known      an event of the slot was seen
 * @param deleted    the slot was deleted in slot-service
 * @param version    the slot version of the newest event applied (older re-publications are ignored)
 * @param status     the slot's status as slot-service has it, or will have it once it applied our decisions
 * @param overbooked the slot accepts any number of appointments
 * @param start      the slot's start
 * @param end        the slot's end
 * @param holds      appointment id → what it holds, in the order they were granted
 * @param expiries   appointment id → when its RESERVED hold lapses unless confirmed; absent from
 *                   values stored before reservations expired, hence empty when missing
 */
public record SlotClaims(
        boolean known,
        boolean deleted,
        long version,
        String status,
        boolean overbooked,
        Instant start,
        Instant end,
        Map<String, Hold> holds,
        Map<String, Instant> expiries) {

    public enum Hold {
        RESERVED,
        CLAIMED
    }

    public static final SlotClaims UNKNOWN = new SlotClaims(false, false, 0, null, false, null, null, Map.of(), Map.of());

    public SlotClaims {
        holds = holds == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(holds));
        expiries = expiries == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(expiries));
    }

    public int activeClaims() {
        return (int) holds.values().stream().filter(h -> h == Hold.CLAIMED).count();
    }

    /** The appointment holds a claim: any deadline of a reservation it had goes. */
    SlotClaims withClaim(String appointmentId) {
        Map<String, Hold> next = new LinkedHashMap<>(holds);
        next.put(appointmentId, Hold.CLAIMED);
        Map<String, Instant> deadlines = new LinkedHashMap<>(expiries);
        deadlines.remove(appointmentId);
        return new SlotClaims(known, deleted, version, status, overbooked, start, end, next, deadlines);
    }

    /** The appointment holds a reservation that lapses at {@code deadline}. */
    SlotClaims withReservation(String appointmentId, Instant deadline) {
        Map<String, Hold> next = new LinkedHashMap<>(holds);
        next.put(appointmentId, Hold.RESERVED);
        Map<String, Instant> deadlines = new LinkedHashMap<>(expiries);
        deadlines.put(appointmentId, deadline);
        return new SlotClaims(known, deleted, version, status, overbooked, start, end, next, deadlines);
    }

    SlotClaims withoutHold(String appointmentId) {
        Map<String, Hold> next = new LinkedHashMap<>(holds);
        next.remove(appointmentId);
        Map<String, Instant> deadlines = new LinkedHashMap<>(expiries);
        deadlines.remove(appointmentId);
        return new SlotClaims(known, deleted, version, status, overbooked, start, end, next, deadlines);
    }

    SlotClaims withStatus(String next) {
        return new SlotClaims(known, deleted, version, next, overbooked, start, end, holds, expiries);
    }
}
