package org.esus.booking.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.esus.booking.stream.SlotClaims.Hold;
import org.esus.common.events.ClaimCommand;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.SlotClaimDecision.Outcome;
import org.esus.common.events.SlotClaimDecision.Reason;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.fhir.FhirInstants;

/**
 * The conflict rules of CONTRACT section 4, as pure functions of a slot's {@link SlotClaims}.
 * The claim store calls them one record at a time per slot, which is what makes them safe under
 * any concurrency: nothing else ever decides about the same slot. Time comes in as {@code now}
 * (the stream task's clock), so a test can drive it.
 */
public final class ClaimRules {

    /**
     * The latest deadline a reservation can have: the expiry index writes a deadline's epoch
     * milliseconds in 13 digits so that its keys sort by time (this is in the year 2286).
     */
    static final Instant LATEST_DEADLINE = Instant.ofEpochMilli(9_999_999_999_999L);

    /** A decision and the slot state it leaves behind. */
    public record Decided(SlotClaims state, SlotClaimDecision decision) {
    }

    private ClaimRules() {
    }

    /**
     * Decides a command. A reservation lapses at the command's {@code expiresAt}, or
     * {@code reservationTtl} after {@code now} when it has none.
     */
    public static Decided decide(SlotClaims slot, ClaimCommand command, Instant now, Duration reservationTtl) {
        Hold held = slot.holds().get(command.appointmentId());
        return switch (command.action()) {
            case CLAIM -> held != null ? grant(slot, command, null, now) : request(slot, command, null, now);
            case RESERVE -> held == Hold.CLAIMED ? answer(slot, command, Outcome.CLAIMED, null, now)
                    : held == Hold.RESERVED ? reserveAgain(slot, command, deadline(command, now, reservationTtl), now)
                    : request(slot, command, deadline(command, now, reservationTtl), now);
            case CONFIRM -> held == null ? answer(slot, command, Outcome.REJECTED, Reason.NOT_RESERVED, now)
                    : held == Hold.RESERVED ? confirm(slot, command, now)
                    : grant(slot, command, null, now);
            case RELEASE -> release(slot, command, held, now);
        };
    }

    /**
     * Drops the appointment's reservation if it is still the one that lapses at {@code deadline}
     * and that time has come; null when there is nothing to drop (confirmed, released, or reserved
     * again with a later deadline since). The decision's id is derived from the slot, the
     * appointment and the deadline, so a replay of the same expiry yields the same id.
     */
    public static Decided expire(SlotClaims slot, String slotId, String appointmentId, Instant deadline, Instant now) {
        if (slot.holds().get(appointmentId) != Hold.RESERVED || !deadline.equals(slot.expiries().get(appointmentId))
                || deadline.isAfter(now)) {
            return null;
        }
        SlotClaims next = slot.withoutHold(appointmentId);
        String name = "expired:" + slotId + ":" + appointmentId + ":" + deadline.toEpochMilli();
        String decisionId = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        return new Decided(next, new SlotClaimDecision(decisionId, slotId, appointmentId, Outcome.UNRESERVED,
                Reason.EXPIRED, next.activeClaims(), next.status(), next.start(), next.end(), now, null));
    }

    /**
     * When a reservation asked for now lapses, to the millisecond the expiry index keeps and
     * within the range it can sort (a deadline already past lapses at the next check).
     */
    static Instant deadline(ClaimCommand command, Instant now, Duration reservationTtl) {
        Instant asked = command.expiresAt() != null ? command.expiresAt() : now.plus(reservationTtl);
        if (asked.isBefore(Instant.EPOCH)) {
            return Instant.EPOCH;
        }
        return asked.isAfter(LATEST_DEADLINE) ? LATEST_DEADLINE : asked.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Applies a slot-service event. Echoes of our own decisions keep the status we projected, and so
     * does an event of the version we already have (a re-publication, or a SCHEDULE_CHANGED event,
     * which slot-service sends at the slot's current version): it cannot carry a newer status, and
     * taking its status would undo a decision made since.
     */
    public static SlotClaims apply(SlotClaims slot, SlotEvent event) {
        if (slot.known() && event.version() < slot.version()) {
            return slot; // a re-published older event
        }
        if (event.changeType() == SlotChanged.ChangeType.DELETED) {
            return new SlotClaims(true, true, event.version(), slot.status(), slot.overbooked(), slot.start(), slot.end(),
                    slot.holds(), slot.expiries());
        }
        SlotEvent.Fields reported = event.slot();
        boolean keepsProjection = event.claimDecisionId() != null || event.version() == slot.version();
        String status = slot.known() && keepsProjection ? slot.status() : reported.status();
        return new SlotClaims(true, false, event.version(), status, reported.overbooked(),
                FhirInstants.parseOrNull(reported.start()), FhirInstants.parseOrNull(reported.end()), slot.holds(), slot.expiries());
    }

    /** A claim ({@code deadline} null) or a reservation lapsing at {@code deadline}, if the slot can take it. */
    private static Decided request(SlotClaims slot, ClaimCommand command, Instant deadline, Instant now) {
        if (!slot.known() || slot.deleted()) {
            return answer(slot, command, Outcome.REJECTED, Reason.UNKNOWN_SLOT, now);
        }
        if (!available(slot)) {
            return answer(slot, command, Outcome.REJECTED, Reason.UNAVAILABLE, now);
        }
        return grant(slot, command, deadline, now);
    }

    /**
     * The appointment reserves what it already reserved (a re-sent or repeated command): it keeps
     * the hold, until the later of the two deadlines.
     */
    private static Decided reserveAgain(SlotClaims slot, ClaimCommand command, Instant deadline, Instant now) {
        Instant current = slot.expiries().get(command.appointmentId());
        Instant later = current != null && current.isAfter(deadline) ? current : deadline;
        return answer(slot.withReservation(command.appointmentId(), later), command, Outcome.RESERVED, null, now);
    }

    /**
     * A reservation becomes a claim only if the slot can still take it: a slot deleted or blocked
     * since the reservation turns the confirm down and drops the reservation.
     */
    private static Decided confirm(SlotClaims slot, ClaimCommand command, Instant now) {
        if (slot.deleted()) {
            return answer(slot.withoutHold(command.appointmentId()), command, Outcome.REJECTED, Reason.UNKNOWN_SLOT, now);
        }
        if (blocked(slot)) {
            return answer(slot.withoutHold(command.appointmentId()), command, Outcome.REJECTED, Reason.UNAVAILABLE, now);
        }
        return grant(slot, command, null, now);
    }

    private static boolean blocked(SlotClaims slot) {
        return "busy-unavailable".equals(slot.status()) || "entered-in-error".equals(slot.status());
    }

    private static boolean available(SlotClaims slot) {
        if (blocked(slot)) {
            return false;
        }
        if (slot.overbooked()) {
            return true;
        }
        return slot.holds().isEmpty() && "free".equals(slot.status());
    }

    /** A claim ({@code deadline} null), or a reservation lapsing at {@code deadline}. */
    private static Decided grant(SlotClaims slot, ClaimCommand command, Instant deadline, Instant now) {
        if (deadline != null) {
            return answer(slot.withReservation(command.appointmentId(), deadline), command, Outcome.RESERVED, null, now);
        }
        SlotClaims next = slot.withClaim(command.appointmentId());
        if ("free".equals(next.status())) {
            next = next.withStatus("busy"); // what slot-service will do with this decision
        }
        return answer(next, command, Outcome.CLAIMED, null, now);
    }

    private static Decided release(SlotClaims slot, ClaimCommand command, Hold held, Instant now) {
        if (held == null) {
            return answer(slot, command, Outcome.UNRESERVED, null, now);
        }
        SlotClaims next = slot.withoutHold(command.appointmentId());
        if (held == Hold.RESERVED) {
            return answer(next, command, Outcome.UNRESERVED, null, now);
        }
        if (next.activeClaims() == 0 && "busy".equals(next.status())) {
            next = next.withStatus("free"); // what slot-service will do with this decision
        }
        return answer(next, command, Outcome.RELEASED, null, now);
    }

    private static Decided answer(SlotClaims state, ClaimCommand command, Outcome outcome, Reason reason, Instant now) {
        return new Decided(state, new SlotClaimDecision(command.commandId(), command.slotId(), command.appointmentId(),
                outcome, reason, state.activeClaims(), state.status(), state.start(), state.end(), now,
                outcome == Outcome.CLAIMED ? command.appointment() : null)); // only a claim can be projected
    }
}
