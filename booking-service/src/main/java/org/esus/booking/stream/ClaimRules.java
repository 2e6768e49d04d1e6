package org.esus.booking.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.esus.booking.stream.SlotClaims.Hold;
import org.esus.common.events.ClaimCommand;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.SlotClaimDecision.Outcome;
import org.esus.common.events.SlotClaimDecision.Reason;
import org.esus.common.events.SlotClaimDecision;

/**
 * The conflict rules of CONTRACT section 4, as pure functions of a slot's {@link SlotClaims}.
 * The claim store calls them one record at a time per slot, which is what makes them safe under
 * any concurrency: nothing else ever decides about the same slot.
 */
public final class ClaimRules {

    /** A decision and the slot state it leaves behind. */
    public record Decided(SlotClaims state, SlotClaimDecision decision) {
    }

    private ClaimRules() {
    }

    public static Decided decide(SlotClaims slot, ClaimCommand command, Instant now) {
        Hold held = slot.holds().get(command.appointmentId());
        return switch (command.action()) {
            case CLAIM -> held != null ? grant(slot, command, Hold.CLAIMED, now) : request(slot, command, Hold.CLAIMED, now);
            case RESERVE -> held != null ? answer(slot, command, held == Hold.CLAIMED ? Outcome.CLAIMED : Outcome.RESERVED, null, now)
                    : request(slot, command, Hold.RESERVED, now);
            case CONFIRM -> held == null ? answer(slot, command, Outcome.REJECTED, Reason.NOT_RESERVED, now)
                    : held == Hold.RESERVED ? confirm(slot, command, now)
                    : grant(slot, command, Hold.CLAIMED, now);
            case RELEASE -> release(slot, command, held, now);
        };
    }

    /**
     * Applies a slot-service event. Echoes of our own decisions keep the status we projected, and so
     * does an event of the version we already have (a re-publication, or a SCHEDULE_CHANGED event,
     * which slot-service sends at the slot's current version): it cannot carry a newer status, and
     * taking its status would undo a decision made since.
     */
    public static SlotClaims apply(SlotClaims slot, SlotChanged event) {
        if (slot.known() && event.version() < slot.version()) {
            return slot; // a re-published older event
        }
        if (event.changeType() == SlotChanged.ChangeType.DELETED) {
            return new SlotClaims(true, true, event.version(), slot.status(), slot.overbooked(), slot.start(), slot.end(),
                    slot.holds());
        }
        JsonNode json = event.slot();
        String reported = json.path("status").asText(null);
        boolean keepsProjection = event.claimDecisionId() != null || event.version() == slot.version();
        String status = slot.known() && keepsProjection ? slot.status() : reported;
        return new SlotClaims(true, false, event.version(), status, json.path("overbooked").asBoolean(false),
                instant(json, "start"), instant(json, "end"), slot.holds());
    }

    private static Decided request(SlotClaims slot, ClaimCommand command, Hold wanted, Instant now) {
        if (!slot.known() || slot.deleted()) {
            return answer(slot, command, Outcome.REJECTED, Reason.UNKNOWN_SLOT, now);
        }
        if (!available(slot)) {
            return answer(slot, command, Outcome.REJECTED, Reason.UNAVAILABLE, now);
        }
        return grant(slot, command, wanted, now);
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
        return grant(slot, command, Hold.CLAIMED, now);
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

    private static Decided grant(SlotClaims slot, ClaimCommand command, Hold hold, Instant now) {
        SlotClaims next = slot.withHold(command.appointmentId(), hold);
        if (hold == Hold.CLAIMED && "free".equals(next.status())) {
            next = next.withStatus("busy"); // what slot-service will do with this decision
        }
        return answer(next, command, hold == Hold.CLAIMED ? Outcome.CLAIMED : Outcome.RESERVED, null, now);
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

    private static Instant instant(JsonNode json, String field) {
        String text = json.path(field).asText(null);
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
