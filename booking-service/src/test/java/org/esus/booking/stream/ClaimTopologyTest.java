package org.esus.booking.stream;

import static org.esus.booking.stream.ClaimFixtures.END;
import static org.esus.booking.stream.ClaimFixtures.SLOT;
import static org.esus.booking.stream.ClaimFixtures.START;
import static org.esus.booking.stream.SlotClaims.Hold.CLAIMED;
import static org.esus.booking.stream.SlotClaims.Hold.RESERVED;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.esus.booking.stream.SlotClaims.Hold;
import org.esus.common.events.ClaimCommand;
import org.esus.common.events.ClaimCommand.Action;
import org.esus.common.events.SlotChanged;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.events.SlotClaimDecision.Outcome;
import org.esus.common.events.SlotClaimDecision.Reason;
import org.esus.common.events.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The claim topology without a broker: slot events and booking commands go in through the real
 * serdes, and each test checks both the decisions on {@link Topics#SLOT_CLAIMS} and what the claim
 * store ({@link ClaimTopology#STORE}) holds afterwards.
 */
class ClaimTopologyTest {

    private static final String OTHER_SLOT = "5b2f6c1e-0000-4000-8000-000000000002";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, SlotChanged> slotEvents;
    private TestInputTopic<String, ClaimCommand> commands;
    private TestOutputTopic<String, SlotClaimDecision> decisions;
    private KeyValueStore<String, SlotClaims> store;

    @BeforeEach
    void startDriver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "booking-service");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(new ClaimTopology().topology(), config);

        slotEvents = driver.createInputTopic(Topics.SLOT_EVENTS, Serdes.String().serializer(),
                JsonSerde.of(SlotChanged.class).serializer());
        commands = driver.createInputTopic(Topics.BOOKING_COMMANDS, Serdes.String().serializer(),
                JsonSerde.of(ClaimCommand.class).serializer());
        decisions = driver.createOutputTopic(Topics.SLOT_CLAIMS, Serdes.String().deserializer(),
                JsonSerde.of(SlotClaimDecision.class).deserializer());
        store = driver.getKeyValueStore(ClaimTopology.STORE);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    // --- single-slot claims -------------------------------------------------------------------

    @Test
    void aFreeSlotIsClaimedByTheFirstAppointmentAndRejectsTheNext() {
        // Given
        clientChanged(SLOT, 1, "free", false);

        // When
        SlotClaimDecision first = send(SLOT, "a", Action.CLAIM);

        // Then
        assertDecision(first, Outcome.CLAIMED, null, 1, "busy");
        SlotClaims claimed = slot(1, "busy", false, Map.of("a", CLAIMED));
        assertEquals(claimed, stored(SLOT));

        // When
        SlotClaimDecision second = send(SLOT, "b", Action.CLAIM);

        // Then
        assertDecision(second, Outcome.REJECTED, Reason.UNAVAILABLE, 1, "busy");
        assertEquals(claimed, stored(SLOT), "a rejection changes nothing");
    }

    @Test
    void aClaimRepeatedByTheSameAppointmentIsClaimedAgainWithoutASecondHold() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        ClaimCommand claim = ClaimFixtures.command(SLOT, "a", Action.CLAIM);
        send(claim);

        // When: the same command is re-sent, then the appointment asks again with a new command
        SlotClaimDecision resent = send(claim);
        SlotClaimDecision askedAgain = send(SLOT, "a", Action.CLAIM);

        // Then
        assertDecision(resent, Outcome.CLAIMED, null, 1, "busy");
        assertDecision(askedAgain, Outcome.CLAIMED, null, 1, "busy");
        assertEquals(slot(1, "busy", false, Map.of("a", CLAIMED)), stored(SLOT));
    }

    @Test
    void anOverbookedSlotTakesSeveralClaimsAndTheLastReleaseFreesIt() {
        // Given
        clientChanged(SLOT, 1, "free", true);

        // When
        SlotClaimDecision a = send(SLOT, "a", Action.CLAIM);
        SlotClaimDecision b = send(SLOT, "b", Action.CLAIM);
        SlotClaimDecision c = send(SLOT, "c", Action.CLAIM);

        // Then
        assertDecision(a, Outcome.CLAIMED, null, 1, "busy");
        assertDecision(b, Outcome.CLAIMED, null, 2, "busy");
        assertDecision(c, Outcome.CLAIMED, null, 3, "busy");
        assertEquals(slot(1, "busy", true, Map.of("a", CLAIMED, "b", CLAIMED, "c", CLAIMED)), stored(SLOT));

        // When
        SlotClaimDecision releaseB = send(SLOT, "b", Action.RELEASE);
        SlotClaimDecision releaseA = send(SLOT, "a", Action.RELEASE);

        // Then
        assertDecision(releaseB, Outcome.RELEASED, null, 2, "busy");
        assertDecision(releaseA, Outcome.RELEASED, null, 1, "busy");
        assertEquals(slot(1, "busy", true, Map.of("c", CLAIMED)), stored(SLOT));

        // When
        SlotClaimDecision last = send(SLOT, "c", Action.RELEASE);

        // Then
        assertDecision(last, Outcome.RELEASED, null, 0, "free");
        assertEquals(slot(1, "free", true, Map.of()), stored(SLOT));
    }

    @ParameterizedTest(name = "{0} rejects {1}")
    @CsvSource({
        "busy-unavailable, CLAIM",
        "busy-unavailable, RESERVE",
        "entered-in-error, CLAIM",
        "entered-in-error, RESERVE",
    })
    void aBlockedSlotRejectsEvenWhenOverbooked(String status, Action action) {
        // Given
        clientChanged(SLOT, 1, status, true);

        // When
        SlotClaimDecision decision = send(SLOT, "a", action);

        // Then
        assertDecision(decision, Outcome.REJECTED, Reason.UNAVAILABLE, 0, status);
        assertEquals(slot(1, status, true, Map.of()), stored(SLOT));
    }

    @Test
    void aSlotTheSchedulerSetBusyByHandRejectsClaims() {
        // Given: busy without any claim of the store
        clientChanged(SLOT, 1, "busy", false);

        // When
        SlotClaimDecision decision = send(SLOT, "a", Action.CLAIM);

        // Then
        assertDecision(decision, Outcome.REJECTED, Reason.UNAVAILABLE, 0, "busy");
        assertEquals(slot(1, "busy", false, Map.of()), stored(SLOT));
    }

    // --- unknown and deleted slots ------------------------------------------------------------

    @Test
    void aCommandForASlotNeverSeenIsRejectedAsUnknownAndStoresNothing() {
        // Given: no event of SLOT

        // When
        SlotClaimDecision claim = send(SLOT, "a", Action.CLAIM);
        SlotClaimDecision reserve = send(SLOT, "a", Action.RESERVE);

        // Then
        assertDecision(claim, Outcome.REJECTED, Reason.UNKNOWN_SLOT, 0, null, null, null);
        assertDecision(reserve, Outcome.REJECTED, Reason.UNKNOWN_SLOT, 0, null, null, null);
        assertNull(stored(SLOT));
    }

    @Test
    void aDeletedSlotRejectsLaterClaimsAsUnknown() {
        // Given
        clientChanged(SLOT, 1, "free", false);

        // When
        publish(ClaimFixtures.slotEvent(SLOT, 2, ChangeType.DELETED, "free", false, null));
        SlotClaimDecision decision = send(SLOT, "a", Action.CLAIM);

        // Then
        assertDecision(decision, Outcome.REJECTED, Reason.UNKNOWN_SLOT, 0, "free");
        assertEquals(new SlotClaims(true, true, 2, "free", false, START, END, Map.of()), stored(SLOT));
    }

    // --- multi-slot protocol ------------------------------------------------------------------

    @Test
    void aReservationLeavesTheSlotStatusAndBlocksOtherAppointments() {
        // Given
        clientChanged(SLOT, 1, "free", false);

        // When
        SlotClaimDecision reserved = send(SLOT, "a", Action.RESERVE);

        // Then
        assertDecision(reserved, Outcome.RESERVED, null, 0, "free");
        SlotClaims reservation = slot(1, "free", false, Map.of("a", RESERVED));
        assertEquals(reservation, stored(SLOT));

        // When
        SlotClaimDecision otherClaim = send(SLOT, "b", Action.CLAIM);
        SlotClaimDecision otherReserve = send(SLOT, "b", Action.RESERVE);

        // Then
        assertDecision(otherClaim, Outcome.REJECTED, Reason.UNAVAILABLE, 0, "free");
        assertDecision(otherReserve, Outcome.REJECTED, Reason.UNAVAILABLE, 0, "free");
        assertEquals(reservation, stored(SLOT));
    }

    @Test
    void aConfirmedReservationBecomesAClaimAndTheSlotBusy() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.RESERVE);

        // When
        SlotClaimDecision confirmed = send(SLOT, "a", Action.CONFIRM);

        // Then
        assertDecision(confirmed, Outcome.CLAIMED, null, 1, "busy");
        assertEquals(slot(1, "busy", false, Map.of("a", CLAIMED)), stored(SLOT));
    }

    @Test
    void aRepeatedReserveOrConfirmIsAnsweredWithWhatTheAppointmentHolds() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.RESERVE);

        // When
        SlotClaimDecision reservedAgain = send(SLOT, "a", Action.RESERVE);

        // Then
        assertDecision(reservedAgain, Outcome.RESERVED, null, 0, "free");
        assertEquals(slot(1, "free", false, Map.of("a", RESERVED)), stored(SLOT));

        // When: confirmed, then both phases are asked again
        send(SLOT, "a", Action.CONFIRM);
        SlotClaimDecision lateReserve = send(SLOT, "a", Action.RESERVE);
        SlotClaimDecision confirmedAgain = send(SLOT, "a", Action.CONFIRM);

        // Then: the claim is neither downgraded nor doubled
        assertDecision(lateReserve, Outcome.CLAIMED, null, 1, "busy");
        assertDecision(confirmedAgain, Outcome.CLAIMED, null, 1, "busy");
        assertEquals(slot(1, "busy", false, Map.of("a", CLAIMED)), stored(SLOT));
    }

    @Test
    void aReleasedReservationIsUnreservedAndTheSlotCanBeClaimedAgain() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.RESERVE);

        // When
        SlotClaimDecision released = send(SLOT, "a", Action.RELEASE);

        // Then
        assertDecision(released, Outcome.UNRESERVED, null, 0, "free");
        assertEquals(slot(1, "free", false, Map.of()), stored(SLOT));

        // When
        SlotClaimDecision claim = send(SLOT, "b", Action.CLAIM);

        // Then
        assertDecision(claim, Outcome.CLAIMED, null, 1, "busy");
        assertEquals(slot(1, "busy", false, Map.of("b", CLAIMED)), stored(SLOT));
    }

    @Test
    void aConfirmWithoutAReservationIsRejectedAsNotReserved() {
        // Given
        clientChanged(SLOT, 1, "free", false);

        // When
        SlotClaimDecision decision = send(SLOT, "a", Action.CONFIRM);

        // Then
        assertDecision(decision, Outcome.REJECTED, Reason.NOT_RESERVED, 0, "free");
        assertEquals(slot(1, "free", false, Map.of()), stored(SLOT));
    }

    @Test
    void releasingAClaimTheAppointmentDoesNotHoldIsUnreservedAndChangesNothing() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.CLAIM);

        // When
        SlotClaimDecision decision = send(SLOT, "b", Action.RELEASE);

        // Then
        assertDecision(decision, Outcome.UNRESERVED, null, 1, "busy");
        assertEquals(slot(1, "busy", false, Map.of("a", CLAIMED)), stored(SLOT));
    }

    // --- slot events --------------------------------------------------------------------------

    @Test
    void aLateEchoOfTheStoresOwnDecisionDoesNotOverwriteTheProjectedStatus() {
        // Given: a claimed and released the slot; slot-service has applied neither yet
        clientChanged(SLOT, 1, "free", false);
        String claim = send(SLOT, "a", Action.CLAIM).decisionId();
        String release = send(SLOT, "a", Action.RELEASE).decisionId();

        // When: slot-service's echo of the claim arrives
        publish(ClaimFixtures.slotEvent(SLOT, 2, ChangeType.UPDATED, "busy", false, claim));

        // Then: still free, and bookable at once
        assertEquals(slot(2, "free", false, Map.of()), stored(SLOT));
        SlotClaimDecision next = send(SLOT, "b", Action.CLAIM);
        assertDecision(next, Outcome.CLAIMED, null, 1, "busy");

        // When: the echo of a's release arrives after b's claim
        publish(ClaimFixtures.slotEvent(SLOT, 3, ChangeType.UPDATED, "free", false, release));

        // Then: b's claim keeps the slot busy
        assertEquals(slot(3, "busy", false, Map.of("b", CLAIMED)), stored(SLOT));
    }

    @Test
    void aChangeMadeByAClientOverwritesTheProjectedStatus() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.CLAIM);

        // When: the scheduler blocks the claimed slot
        clientChanged(SLOT, 2, "busy-unavailable", false);

        // Then
        assertEquals(slot(2, "busy-unavailable", false, Map.of("a", CLAIMED)), stored(SLOT));

        // When: the claim is released
        SlotClaimDecision released = send(SLOT, "a", Action.RELEASE);

        // Then: the slot stays blocked, it does not turn free
        assertDecision(released, Outcome.RELEASED, null, 0, "busy-unavailable");
        assertEquals(slot(2, "busy-unavailable", false, Map.of()), stored(SLOT));
        assertDecision(send(SLOT, "b", Action.CLAIM), Outcome.REJECTED, Reason.UNAVAILABLE, 0, "busy-unavailable");
    }

    @Test
    void anEventOfTheCurrentVersionDoesNotUndoADecisionMadeSinceIt() {
        // Given: an overbooked slot claimed twice; slot-service has applied neither claim yet
        clientChanged(SLOT, 1, "free", true);
        send(SLOT, "a", Action.CLAIM);
        send(SLOT, "b", Action.CLAIM);

        // When: the Schedule's actors change, and slot-service announces the slot at its current version
        publish(ClaimFixtures.slotEvent(SLOT, 1, ChangeType.SCHEDULE_CHANGED, "free", true, null));

        // Then: the slot stays busy, and releasing one claim leaves it busy for the other
        assertEquals(slot(1, "busy", true, Map.of("a", CLAIMED, "b", CLAIMED)), stored(SLOT));
        assertDecision(send(SLOT, "a", Action.RELEASE), Outcome.RELEASED, null, 1, "busy");
    }

    @Test
    void aReservationOfASlotDeletedSinceIsNotConfirmed() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.RESERVE);
        publish(ClaimFixtures.slotEvent(SLOT, 2, ChangeType.DELETED, "free", false, null));

        // When
        SlotClaimDecision confirmed = send(SLOT, "a", Action.CONFIRM);

        // Then: turned down, and the reservation is gone
        assertEquals(Outcome.REJECTED, confirmed.outcome());
        assertEquals(Reason.UNKNOWN_SLOT, confirmed.reason());
        assertTrue(stored(SLOT).holds().isEmpty(), "holds " + stored(SLOT).holds());
    }

    @Test
    void aReservationOfASlotBlockedSinceIsNotConfirmed() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.RESERVE);
        clientChanged(SLOT, 2, "busy-unavailable", false);

        // When
        SlotClaimDecision confirmed = send(SLOT, "a", Action.CONFIRM);

        // Then
        assertDecision(confirmed, Outcome.REJECTED, Reason.UNAVAILABLE, 0, "busy-unavailable");
        assertEquals(slot(2, "busy-unavailable", false, Map.of()), stored(SLOT));
    }

    @Test
    void anOlderEventVersionRepublishedIsIgnored() {
        // Given
        clientChanged(SLOT, 2, "busy", false);

        // When: version 1 is published again
        clientChanged(SLOT, 1, "free", true);

        // Then
        assertEquals(slot(2, "busy", false, Map.of()), stored(SLOT));
        assertDecision(send(SLOT, "a", Action.CLAIM), Outcome.REJECTED, Reason.UNAVAILABLE, 0, "busy");
        assertEquals(slot(2, "busy", false, Map.of()), stored(SLOT));
    }

    @Test
    void slotEventsUpdateTheStoreButProduceNoDecision() {
        // When
        slotEvents.pipeInput(SLOT, ClaimFixtures.slotEvent(SLOT, 1, ChangeType.CREATED, "busy", false, null));
        slotEvents.pipeInput(SLOT, ClaimFixtures.slotEvent(SLOT, 2, ChangeType.UPDATED, "free", false, null));
        slotEvents.pipeInput(SLOT, ClaimFixtures.slotEvent(SLOT, 3, ChangeType.SCHEDULE_CHANGED, "free", true, null));

        // Then
        assertTrue(decisions.isEmpty());
        assertEquals(slot(3, "free", true, Map.of()), stored(SLOT));

        // When
        slotEvents.pipeInput(SLOT, ClaimFixtures.slotEvent(SLOT, 4, ChangeType.DELETED, "free", true, null));

        // Then
        assertTrue(decisions.isEmpty());
        assertEquals(new SlotClaims(true, true, 4, "free", true, START, END, Map.of()), stored(SLOT));
    }

    @Test
    void recordsForAnotherSlotDoNotAffectThisOne() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        clientChanged(OTHER_SLOT, 1, "free", false);
        send(SLOT, "a", Action.CLAIM);

        // When
        SlotClaimDecision other = send(OTHER_SLOT, "b", Action.CLAIM);
        clientChanged(OTHER_SLOT, 2, "busy-unavailable", false);

        // Then
        assertDecision(other, Outcome.CLAIMED, null, 1, "busy");
        assertEquals(slot(1, "busy", false, Map.of("a", CLAIMED)), stored(SLOT));
        assertEquals(slot(2, "busy-unavailable", false, Map.of("b", CLAIMED)), stored(OTHER_SLOT));

        // When
        SlotClaimDecision released = send(SLOT, "a", Action.RELEASE);

        // Then
        assertDecision(released, Outcome.RELEASED, null, 0, "free");
        assertEquals(slot(1, "free", false, Map.of()), stored(SLOT));
        assertEquals(slot(2, "busy-unavailable", false, Map.of("b", CLAIMED)), stored(OTHER_SLOT));
    }

    // --- helpers ------------------------------------------------------------------------------

    /** slot-service publishes a change a client made (not the effect of a claim decision). */
    private void clientChanged(String slotId, long version, String status, boolean overbooked) {
        publish(ClaimFixtures.slotEvent(slotId, version, ChangeType.UPDATED, status, overbooked, null));
    }

    private void publish(SlotChanged event) {
        slotEvents.pipeInput(event.slotId(), event);
        assertTrue(decisions.isEmpty(), "a slot event is not answered");
    }

    private SlotClaimDecision send(String slotId, String appointment, Action action) {
        return send(ClaimFixtures.command(slotId, appointment, action));
    }

    /** Sends the command and returns its one decision, checking that it answers this command. */
    private SlotClaimDecision send(ClaimCommand command) {
        Instant before = Instant.now();
        commands.pipeInput(command.slotId(), command);
        Instant after = Instant.now();

        List<KeyValue<String, SlotClaimDecision>> out = decisions.readKeyValuesToList();
        assertEquals(1, out.size(), "one decision per command");
        String key = out.get(0).key;
        SlotClaimDecision decision = out.get(0).value;
        assertAll("the decision answers " + command,
                () -> assertEquals(command.slotId(), key, "key"),
                () -> assertEquals(command.commandId(), decision.decisionId(), "decisionId"),
                () -> assertEquals(command.slotId(), decision.slotId(), "slotId"),
                () -> assertEquals(command.appointmentId(), decision.appointmentId(), "appointmentId"),
                () -> assertFalse(decision.decidedAt().isBefore(before) || decision.decidedAt().isAfter(after),
                        "decidedAt " + decision.decidedAt() + " not in [" + before + ", " + after + "]"));
        return decision;
    }

    /** A decision about a slot the store knows (start and end from its events). */
    private static void assertDecision(SlotClaimDecision decision, Outcome outcome, Reason reason, int activeClaims,
            String slotStatus) {
        assertDecision(decision, outcome, reason, activeClaims, slotStatus, START, END);
    }

    private static void assertDecision(SlotClaimDecision decision, Outcome outcome, Reason reason, int activeClaims,
            String slotStatus, Instant start, Instant end) {
        assertAll(decision.toString(),
                () -> assertEquals(outcome, decision.outcome(), "outcome"),
                () -> assertEquals(reason, decision.reason(), "reason"),
                () -> assertEquals(activeClaims, decision.activeClaims(), "activeClaims"),
                () -> assertEquals(slotStatus, decision.slotStatus(), "slotStatus"),
                () -> assertEquals(start, decision.slotStart(), "slotStart"),
                () -> assertEquals(end, decision.slotEnd(), "slotEnd"));
    }

    private SlotClaims stored(String slotId) {
        return store.get(slotId);
    }

    /** What the store should hold for a known, not deleted slot. */
    private static SlotClaims slot(long version, String status, boolean overbooked, Map<String, Hold> holds) {
        return new SlotClaims(true, false, version, status, overbooked, START, END, holds);
    }
}
