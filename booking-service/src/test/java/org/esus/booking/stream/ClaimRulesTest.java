package org.esus.booking.stream;

import static org.esus.booking.stream.ClaimFixtures.NOW;
import static org.esus.booking.stream.ClaimFixtures.SLOT;
import static org.esus.booking.stream.ClaimFixtures.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.esus.booking.stream.ClaimRules.Decided;
import org.esus.common.events.ClaimCommand;
import org.esus.common.events.ClaimCommand.Action;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.SlotClaimDecision.Outcome;
import org.esus.common.events.SlotClaimDecision.Reason;
import org.junit.jupiter.api.Test;

/** The conflict rules one record at a time, without a broker: what the claim store decides and remembers. */
class ClaimRulesTest {

    private static final Duration TTL = Duration.ofSeconds(30);

    private SlotClaims state = SlotClaims.UNKNOWN;

    @Test
    void aFreeSlotTakesOneClaimAndRejectsTheNext() {
        event(1, "free", false, null);
        assertEquals(Outcome.CLAIMED, decide("a", Action.CLAIM).outcome());
        assertEquals("busy", state.status(), "projected: slot-service will make it busy");
        Decided second = ClaimRules.decide(state, command("b", Action.CLAIM), NOW, TTL);
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
        assertNull(ClaimRules.decide(state, command("a", Action.CLAIM), NOW, TTL).decision().reason());
    }

    @Test
    void aReservationRecordsItsDeadlineUntilConfirmedAndARepeatedReserveKeepsTheLaterOne() {
        event(1, "free", false, null);
        decide("a", Action.RESERVE);
        assertEquals(Map.of("a", NOW.plus(TTL)), state.expiries(), "the default deadline");
        decide(command("a", Action.RESERVE), NOW.plusSeconds(10));
        assertEquals(Map.of("a", NOW.plusSeconds(40)), state.expiries(), "extended");
        decide(withDeadline("a", NOW.plusSeconds(5)), NOW.plusSeconds(11));
        assertEquals(Map.of("a", NOW.plusSeconds(40)), state.expiries(), "never shortened");
        assertEquals(Outcome.CLAIMED, decide("a", Action.CONFIRM).outcome());
        assertEquals(Map.of(), state.expiries(), "a claim does not lapse");
    }

    @Test
    void aCommandsDeadlineIsKeptToTheMillisecond() {
        event(1, "free", false, null);
        decide(withDeadline("a", NOW.plusNanos(5_999_999)), NOW);
        assertEquals(NOW.plusMillis(5), state.expiries().get("a"));
    }

    @Test
    void aReservationLapsesOnlyAtItsOwnDeadline() {
        event(1, "free", false, null);
        decide("a", Action.RESERVE);
        Instant deadline = NOW.plus(TTL);
        assertNull(ClaimRules.expire(state, SLOT, "a", deadline, deadline.minusMillis(1)), "not yet");
        assertNull(ClaimRules.expire(state, SLOT, "a", deadline.minusMillis(1), deadline), "an older deadline");
        assertNull(ClaimRules.expire(state, SLOT, "b", deadline, deadline), "b holds nothing");

        Decided expired = ClaimRules.expire(state, SLOT, "a", deadline, deadline);

        assertEquals(Outcome.UNRESERVED, expired.decision().outcome());
        assertEquals(Reason.EXPIRED, expired.decision().reason());
        assertEquals(Map.of(), expired.state().holds());
        assertEquals(Map.of(), expired.state().expiries());
        assertEquals(expired.decision().decisionId(), ClaimRules.expire(state, SLOT, "a", deadline, deadline.plusSeconds(1))
                .decision().decisionId(), "the same expiry has the same id");
        assertNotEquals(expired.decision().decisionId(), ClaimRules.expire(state.withReservation("a", deadline.plusMillis(1)),
                SLOT, "a", deadline.plusMillis(1), deadline.plusSeconds(1)).decision().decisionId(), "another deadline, another id");
    }

    private void event(long version, String status, boolean overbooked, String decisionId) {
        state = ClaimRules.apply(state, slotEvent(version, ChangeType.UPDATED, status, overbooked, decisionId));
    }

    private org.esus.common.events.SlotClaimDecision decide(String appointment, Action action) {
        return decide(command(appointment, action), NOW);
    }

    private org.esus.common.events.SlotClaimDecision decide(ClaimCommand command, Instant now) {
        Decided decided = ClaimRules.decide(state, command, now, TTL);
        state = decided.state();
        return decided.decision();
    }

    private String decideWithId(String appointment, Action action) {
        return decide(appointment, action).decisionId();
    }

    private static ClaimCommand command(String appointment, Action action) {
        return ClaimFixtures.command(SLOT, appointment, action);
    }

    private static ClaimCommand withDeadline(String appointment, Instant expiresAt) {
        ClaimCommand c = command(appointment, Action.RESERVE);
        return new ClaimCommand(c.commandId(), c.slotId(), c.appointmentId(), c.action(), c.issuedAt(), expiresAt, null);
    }

    private static SlotEvent slotEvent(long version, ChangeType type, String status, boolean overbooked, String decision) {
        return ClaimFixtures.viewOf(ClaimFixtures.slotEvent(SLOT, version, type, status, overbooked, decision));
    }
}
