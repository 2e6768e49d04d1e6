package org.esus.booking.stream;

import static org.esus.booking.stream.ClaimFixtures.NOW;
import static org.esus.booking.stream.ClaimFixtures.SLOT;
import static org.esus.booking.stream.ClaimFixtures.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.esus.booking.stream.ClaimRules.Decided;
import org.esus.common.events.ClaimCommand;
import org.esus.common.events.ClaimCommand.Action;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.SlotClaimDecision.Outcome;
import org.esus.common.events.SlotClaimDecision.Reason;
import org.junit.jupiter.api.Test;

/** The conflict rules one record at a time, without a broker: what the claim store decides and remembers. */
class ClaimRulesTest {

    private SlotClaims state = SlotClaims.UNKNOWN;

    @Test
    void aFreeSlotTakesOneClaimAndRejectsTheNext() {
        event(1, "free", false, null);
        assertEquals(Outcome.CLAIMED, decide("a", Action.CLAIM).outcome());
        assertEquals("busy", state.status(), "projected: slot-service will make it busy");
        Decided second = ClaimRules.decide(state, command("b", Action.CLAIM), NOW);
        assertEquals(Outcome.REJECTED, second.decision().outcome());
        assertEquals(Reason.UNAVAILABLE, second.decision().reason());
        assertEquals(state, second.state(), "a rejection changes nothing");
    }

    @Test
    void anOverbookedSlotTakesEveryClaimAndTheLastReleaseFreesIt() {
        event(1, "free", true, null);
        for (String appointment : List.of("a", "b", "c")) {
            assertEquals(Outcome.CLAIMED, decide(appointment, Action.CLAIM).outcome());
        }
        assertEquals(3, state.activeClaims());
        assertEquals(2, decide("a", Action.RELEASE).activeClaims());
        decide("b", Action.RELEASE);
        assertEquals("busy", state.status());
        var last = decide("c", Action.RELEASE);
        assertEquals(Outcome.RELEASED, last.outcome());
        assertEquals(0, last.activeClaims());
        assertEquals("free", state.status());
    }

    @Test
    void blockedUnknownAndDeletedSlotsAreRejected() {
        assertEquals(Reason.UNKNOWN_SLOT, decide("a", Action.CLAIM).reason());
        event(1, "busy-unavailable", true, null);
        assertEquals(Reason.UNAVAILABLE, decide("a", Action.CLAIM).reason());
        event(2, "entered-in-error", false, null);
        assertEquals(Reason.UNAVAILABLE, decide("a", Action.RESERVE).reason());
        event(3, "free", false, null);
        state = ClaimRules.apply(state, slotEvent(4, ChangeType.DELETED, "free", false, null));
        assertEquals(Reason.UNKNOWN_SLOT, decide("a", Action.CLAIM).reason());
    }

    @Test
    void aReservationHoldsTheSlotUntilConfirmedOrReleased() {
        event(1, "free", false, null);
        assertEquals(Outcome.RESERVED, decide("a", Action.RESERVE).outcome());
        assertEquals("free", state.status(), "a reservation does not show on the slot");
        assertEquals(Outcome.REJECTED, decide("b", Action.CLAIM).outcome());
        assertEquals(Outcome.REJECTED, decide("b", Action.CONFIRM).outcome(), "b holds no reservation");
        assertEquals(Outcome.UNRESERVED, decide("a", Action.RELEASE).outcome());
        assertEquals(Outcome.RESERVED, decide("b", Action.RESERVE).outcome());
        assertEquals(Outcome.CLAIMED, decide("b", Action.CONFIRM).outcome());
        assertEquals("busy", state.status());
        assertEquals(Outcome.UNRESERVED, decide("a", Action.RELEASE).outcome(), "releasing nothing is harmless");
        assertEquals(1, state.activeClaims());
    }

    @Test
    void repeatedCommandsOfOneAppointmentGetTheSameAnswer() {
        event(1, "free", false, null);
        decide("a", Action.CLAIM);
        SlotClaims held = state;
        assertEquals(Outcome.CLAIMED, decide("a", Action.CLAIM).outcome());
        assertEquals(held, state);
    }

    @Test
    void lateEchoesOfOurOwnDecisionsDoNotOverwriteNewerOnes() {
        event(1, "free", false, null);
        String claim = decideWithId("a", Action.CLAIM);
        String release = decideWithId("a", Action.RELEASE);
        assertEquals("free", state.status());
        event(2, "busy", false, claim); // slot-service applied the claim: arrives after the release was decided
        assertEquals("free", state.status(), "the echo is old news");
        assertEquals(Outcome.CLAIMED, decide("b", Action.CLAIM).outcome(), "the slot is bookable again at once");
        event(3, "free", false, release);
        assertEquals("busy", state.status());
    }

    @Test
    void aSchedulersChangeIsTakenAsReportedAndOlderVersionsAreIgnored() {
        event(2, "busy", false, null);
        assertEquals(Reason.UNAVAILABLE, decide("a", Action.CLAIM).reason());
        event(1, "free", false, null); // a re-published older event
        assertEquals("busy", state.status());
        event(3, "free", false, null);
        assertEquals(Outcome.CLAIMED, decide("a", Action.CLAIM).outcome());
        assertEquals(START, state.start());
        assertNull(ClaimRules.decide(state, command("a", Action.CLAIM), NOW).decision().reason());
    }

    private void event(long version, String status, boolean overbooked, String decisionId) {
        state = ClaimRules.apply(state, slotEvent(version, ChangeType.UPDATED, status, overbooked, decisionId));
    }

    private org.esus.common.events.SlotClaimDecision decide(String appointment, Action action) {
        Decided decided = ClaimRules.decide(state, command(appointment, action), NOW);
        state = decided.state();
        return decided.decision();
    }

    private String decideWithId(String appointment, Action action) {
        return decide(appointment, action).decisionId();
    }

    private static ClaimCommand command(String appointment, Action action) {
        return ClaimFixtures.command(SLOT, appointment, action);
    }

    private static SlotChanged slotEvent(long version, ChangeType type, String status, boolean overbooked, String decision) {
        return ClaimFixtures.slotEvent(SLOT, version, type, status, overbooked, decision);
    }
}
