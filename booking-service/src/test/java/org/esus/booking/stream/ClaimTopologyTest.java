package org.esus.booking.stream;

import static org.esus.booking.stream.ClaimFixtures.END;
import static org.esus.booking.stream.ClaimFixtures.NOW;
import static org.esus.booking.stream.ClaimFixtures.SLOT;
import static org.esus.booking.stream.ClaimFixtures.START;
import static org.esus.booking.stream.SlotClaims.Hold.CLAIMED;
import static org.esus.booking.stream.SlotClaims.Hold.RESERVED;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.esus.common.events.JsonSerde;
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
 * store ({@link ClaimTopology#STORE}) holds afterwards. The driver's wall clock is mocked and starts
 * at {@link ClaimFixtures#NOW}: reservations lapse only when a test moves it on.
 */
class ClaimTopologyTest {

    private static final String OTHER_SLOT = "5b2f6c1e-0000-4000-8000-000000000002";

    /** The default deadline of a reservation, and how often the topology looks for lapsed ones. */
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration CHECK_EVERY = Duration.ofMillis(250);

    @TempDir
    Path stateDir;

    /** The driver's mocked wall clock, which the processor decides and expires by. */
    private Instant wallClock = NOW;

    private TopologyTestDriver driver;
    private TestInputTopic<String, SlotChanged> slotEvents;
    private TestInputTopic<String, ClaimCommand> commands;
    private TestOutputTopic<String, SlotClaimDecision> decisions;
    private KeyValueStore<String, SlotClaims> store;
    private KeyValueStore<String, String> expiryIndex;

    @BeforeEach
    void startDriver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "booking-service");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ClaimTopology.build(TTL, CHECK_EVERY), config, NOW);

        slotEvents = driver.createInputTopic(Topics.SLOT_EVENTS, Serdes.String().serializer(),
                JsonSerde.of(SlotChanged.class).serializer());
        commands = driver.createInputTopic(Topics.BOOKING_COMMANDS, Serdes.String().serializer(),
                JsonSerde.of(ClaimCommand.class).serializer());
        decisions = driver.createOutputTopic(Topics.SLOT_CLAIMS, Serdes.String().deserializer(),
                JsonSerde.of(SlotClaimDecision.class).deserializer());
        store = driver.getKeyValueStore(ClaimTopology.STORE);
        expiryIndex = driver.getKeyValueStore(ClaimTopology.EXPIRIES);
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
        assertEquals(new SlotClaims(true, true, 2, "free", false, START, END, Map.of(), Map.of()), stored(SLOT));
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
        SlotClaims reservation = reserved(1, "free", Map.of("a", NOW.plus(TTL)));
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
        assertEquals(reserved(1, "free", Map.of("a", NOW.plus(TTL))), stored(SLOT));

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

    // --- reservations that lapse ---------------------------------------------------------------

    @Test
    void aReservationNotConfirmedLapsesAtItsDeadlineAndTheSlotCanBeClaimedAgain() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.RESERVE);

        // When
        advance(TTL);

        // Then
        assertExpired(expiry(), SLOT, "a", NOW.plus(TTL), 0, "free");
        assertEquals(slot(1, "free", false, Map.of()), stored(SLOT));
        assertTrue(indexed().isEmpty(), "index " + indexed());

        // When
        SlotClaimDecision claim = send(SLOT, "b", Action.CLAIM);

        // Then
        assertDecision(claim, Outcome.CLAIMED, null, 1, "busy");
        assertEquals(slot(1, "busy", false, Map.of("b", CLAIMED)), stored(SLOT));
    }

    /** The check stops once nothing is left to lapse, and starts again with the next reservation. */
    @Test
    void aReservationAfterTheIndexEmptiedLapsesToo() {
        // Given: a reservation that lapsed, and a long quiet time after it
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.RESERVE);
        advance(TTL);
        assertExpired(expiry(), SLOT, "a", NOW.plus(TTL), 0, "free");
        advance(Duration.ofMinutes(5));
        assertTrue(decisions.isEmpty());

        // When
        send(SLOT, "b", Action.RESERVE);
        advance(TTL);

        // Then
        assertExpired(expiry(), SLOT, "b", wallClock, 0, "free");
        assertEquals(slot(1, "free", false, Map.of()), stored(SLOT));
    }

    @Test
    void aReservationDoesNotLapseBeforeItsDeadline() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.RESERVE);

        // When: the checks run until a millisecond before the deadline
        advance(TTL.minusMillis(1));

        // Then
        assertTrue(decisions.isEmpty(), "nothing lapsed");
        assertEquals(reserved(1, "free", Map.of("a", NOW.plus(TTL))), stored(SLOT));
        assertDecision(send(SLOT, "b", Action.CLAIM), Outcome.REJECTED, Reason.UNAVAILABLE, 0, "free");

        // When
        advance(Duration.ofMillis(1));

        // Then
        assertExpired(expiry(), SLOT, "a", NOW.plus(TTL), 0, "free");
    }

    @Test
    void aCommandsOwnDeadlineWinsOverTheDefault() {
        // Given: a reservation shorter than the default and one longer
        clientChanged(SLOT, 1, "free", false);
        clientChanged(OTHER_SLOT, 1, "free", false);
        Instant soon = NOW.plusSeconds(5);
        Instant late = NOW.plus(TTL).plusSeconds(60);
        assertDecision(send(reserve(SLOT, "a", soon)), Outcome.RESERVED, null, 0, "free");
        assertDecision(send(reserve(OTHER_SLOT, "b", late)), Outcome.RESERVED, null, 0, "free");
        assertEquals(reserved(1, "free", Map.of("a", soon)), stored(SLOT));
        assertEquals(reserved(1, "free", Map.of("b", late)), stored(OTHER_SLOT));

        // When
        advance(Duration.ofSeconds(5));

        // Then
        assertExpired(expiry(), SLOT, "a", soon, 0, "free");

        // When: past the default deadline
        advance(TTL);

        // Then: b's reservation still holds
        assertTrue(decisions.isEmpty(), "nothing lapsed");
        assertEquals(reserved(1, "free", Map.of("b", late)), stored(OTHER_SLOT));

        // When
        advance(Duration.between(wallClock, late));

        // Then
        assertExpired(expiry(), OTHER_SLOT, "b", late, 0, "free");
    }

    @Test
    void aConfirmedReservationDoesNotLapse() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.RESERVE);
        send(SLOT, "a", Action.CONFIRM);

        // When
        advance(TTL.plusSeconds(1));

        // Then: no decision, the claim stands, and the deadline is gone from the index
        assertTrue(decisions.isEmpty(), "a claim does not lapse");
        assertEquals(slot(1, "busy", false, Map.of("a", CLAIMED)), stored(SLOT));
        assertTrue(indexed().isEmpty(), "index " + indexed());
    }

    @Test
    void aReleasedReservationDoesNotLapseNorTouchTheNextOne() {
        // Given: a reserves and releases; b reserves the slot ten seconds later
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.RESERVE);
        send(SLOT, "a", Action.RELEASE);
        advance(Duration.ofSeconds(10));
        send(SLOT, "b", Action.RESERVE);

        // When: a's deadline passes
        advance(TTL.minusSeconds(10));

        // Then: nothing for a, and b keeps its reservation
        assertTrue(decisions.isEmpty(), "a released reservation does not lapse");
        assertEquals(reserved(1, "free", Map.of("b", NOW.plusSeconds(10).plus(TTL))), stored(SLOT));

        // When
        advance(Duration.ofSeconds(10));

        // Then
        assertExpired(expiry(), SLOT, "b", NOW.plusSeconds(10).plus(TTL), 0, "free");
    }

    @Test
    void aReservationAskedForAgainLapsesAtTheLaterDeadline() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.RESERVE);
        advance(Duration.ofSeconds(20));

        // When
        SlotClaimDecision again = send(SLOT, "a", Action.RESERVE);

        // Then
        Instant later = NOW.plusSeconds(20).plus(TTL);
        assertDecision(again, Outcome.RESERVED, null, 0, "free");
        assertEquals(reserved(1, "free", Map.of("a", later)), stored(SLOT));

        // When: the first deadline passes
        advance(Duration.ofSeconds(10));

        // Then
        assertTrue(decisions.isEmpty(), "the first deadline no longer counts");
        assertEquals(reserved(1, "free", Map.of("a", later)), stored(SLOT));

        // When
        advance(Duration.ofSeconds(20));

        // Then
        assertExpired(expiry(), SLOT, "a", later, 0, "free");
    }

    @Test
    void aConfirmAfterTheReservationLapsedIsRejectedAsNotReserved() {
        // Given
        clientChanged(SLOT, 1, "free", false);
        send(SLOT, "a", Action.RESERVE);
        advance(TTL);
        expiry();

        // When
        SlotClaimDecision confirmed = send(SLOT, "a", Action.CONFIRM);

        // Then
        assertDecision(confirmed, Outcome.REJECTED, Reason.NOT_RESERVED, 0, "free");
        assertEquals(slot(1, "free", false, Map.of()), stored(SLOT));
    }

    @Test
    void aLapsedReservationIsDecidedOnceAndStaysLapsed() {
        // Given: an overbooked slot that b has claimed, and a reservation of a
        clientChanged(SLOT, 1, "free", true);
        send(SLOT, "b", Action.CLAIM);
        send(SLOT, "a", Action.RESERVE);

        // When
        advance(TTL);

        // Then: the claim is untouched
        assertExpired(expiry(), SLOT, "a", NOW.plus(TTL), 1, "busy");
        SlotClaims after = slot(1, "busy", true, Map.of("b", CLAIMED));
        assertEquals(after, stored(SLOT));

        // When
        advance(TTL);
        advance(TTL);

        // Then
        assertTrue(decisions.isEmpty(), "one decision per expiry");
        assertEquals(after, stored(SLOT));
        assertTrue(indexed().isEmpty(), "index " + indexed());
    }

    @Test
    void storedSlotsAndCommandsWrittenBeforeReservationsLapsedStillRead() {
        // Given: a store value and a command as the previous version wrote them
        String storedBefore = "{\"known\":true,\"deleted\":false,\"version\":3,\"status\":\"busy\",\"overbooked\":false,"
                + "\"start\":\"" + START + "\",\"end\":\"" + END + "\",\"holds\":{\"a\":\"CLAIMED\"}}";
        String commandBefore = "{\"commandId\":\"c1\",\"slotId\":\"" + SLOT + "\",\"appointmentId\":\"a\","
                + "\"action\":\"RESERVE\",\"issuedAt\":\"" + NOW + "\"}";

        // When
        SlotClaims slot = JsonSerde.of(SlotClaims.class).deserializer().deserialize(ClaimTopology.STORE,
                storedBefore.getBytes(StandardCharsets.UTF_8));
        ClaimCommand command = JsonSerde.of(ClaimCommand.class).deserializer().deserialize(Topics.BOOKING_COMMANDS,
                commandBefore.getBytes(StandardCharsets.UTF_8));

        // Then
        assertEquals(new SlotClaims(true, false, 3, "busy", false, START, END, Map.of("a", CLAIMED), Map.of()), slot);
        assertEquals(new ClaimCommand("c1", SLOT, "a", Action.RESERVE, NOW), command);
        assertNull(command.expiresAt());
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
        assertEquals(new SlotClaims(true, true, 4, "free", true, START, END, Map.of(), Map.of()), stored(SLOT));
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

    /** Moves the mocked wall clock on, which runs the expiry check once if one is due. */
    private void advance(Duration by) {
        driver.advanceWallClockTime(by);
        wallClock = wallClock.plus(by);
    }

    /** A reservation that lapses at {@code expiresAt} instead of the default. */
    private static ClaimCommand reserve(String slotId, String appointment, Instant expiresAt) {
        ClaimCommand c = ClaimFixtures.command(slotId, appointment, Action.RESERVE);
        return new ClaimCommand(c.commandId(), c.slotId(), c.appointmentId(), c.action(), c.issuedAt(), expiresAt, null);
    }

    /** The one decision the last expiry check made, with its key. */
    private KeyValue<String, SlotClaimDecision> expiry() {
        List<KeyValue<String, SlotClaimDecision>> out = decisions.readKeyValuesToList();
        assertEquals(1, out.size(), "one decision: " + out);
        return out.get(0);
    }

    /** The decision of a reservation that lapsed, made at the current wall-clock time. */
    private void assertExpired(KeyValue<String, SlotClaimDecision> expiry, String slotId, String appointment,
            Instant deadline, int activeClaims, String slotStatus) {
        SlotClaimDecision decision = expiry.value;
        String id = UUID.nameUUIDFromBytes(("expired:" + slotId + ":" + appointment + ":" + deadline.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)).toString();
        assertAll(decision.toString(),
                () -> assertEquals(slotId, expiry.key, "key"),
                () -> assertEquals(id, decision.decisionId(), "decisionId, derived from the expiry"),
                () -> assertEquals(slotId, decision.slotId(), "slotId"),
                () -> assertEquals(appointment, decision.appointmentId(), "appointmentId"),
                () -> assertEquals(wallClock, decision.decidedAt(), "decidedAt"));
        assertDecision(decision, Outcome.UNRESERVED, Reason.EXPIRED, activeClaims, slotStatus);
    }

    /** The expiry index's keys. */
    private List<String> indexed() {
        List<String> keys = new ArrayList<>();
        try (var all = expiryIndex.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

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
        commands.pipeInput(command.slotId(), command);

        List<KeyValue<String, SlotClaimDecision>> out = decisions.readKeyValuesToList();
        assertEquals(1, out.size(), "one decision per command");
        String key = out.get(0).key;
        SlotClaimDecision decision = out.get(0).value;
        assertAll("the decision answers " + command,
                () -> assertEquals(command.slotId(), key, "key"),
                () -> assertEquals(command.commandId(), decision.decisionId(), "decisionId"),
                () -> assertEquals(command.slotId(), decision.slotId(), "slotId"),
                () -> assertEquals(command.appointmentId(), decision.appointmentId(), "appointmentId"),
                () -> assertEquals(wallClock, decision.decidedAt(), "decidedAt"));
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

    /** What the store should hold for a known, not deleted slot without reservations. */
    private static SlotClaims slot(long version, String status, boolean overbooked, Map<String, Hold> holds) {
        return new SlotClaims(true, false, version, status, overbooked, START, END, holds, Map.of());
    }

    /** What the store should hold for a known, not deleted, not overbooked slot that only these reservations hold. */
    private static SlotClaims reserved(long version, String status, Map<String, Instant> deadlines) {
        Map<String, Hold> holds = new LinkedHashMap<>();
        deadlines.keySet().forEach(appointment -> holds.put(appointment, RESERVED));
        return new SlotClaims(true, false, version, status, false, START, END, holds, deadlines);
    }
}
