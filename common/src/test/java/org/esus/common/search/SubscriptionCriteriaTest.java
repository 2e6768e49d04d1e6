package org.esus.common.search;

import static org.esus.common.search.Errors.assertBadValue;
import static org.esus.common.search.Errors.assertInvalid;
import static org.esus.common.search.TestSlots.slot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriptionCriteriaTest {

    @Test
    void contractExampleSelectsThePractitionersSlots() {
        SlotCriteria c = SlotSearchParser.parseCriteria(
                "Slot?schedule.actor=Practitioner/a7b1c2d3-e4f5-6789-abcd-ef0123456789");
        assertEquals(List.of(List.of(new ReferenceValue("Practitioner", "a7b1c2d3-e4f5-6789-abcd-ef0123456789"))),
                c.actors());
        assertTrue(c.matches(slot("s").actor("Practitioner/a7b1c2d3-e4f5-6789-abcd-ef0123456789").build()));
        assertFalse(c.matches(slot("s").actor("Practitioner/other").build()));
    }

    @Test
    void bareSlotAndEmptyQueryMeanEverySlot() {
        assertEquals(SlotCriteria.ALL, SlotSearchParser.parseCriteria("Slot"));
        assertEquals(SlotCriteria.ALL, SlotSearchParser.parseCriteria("Slot?"));
        assertEquals(SlotCriteria.ALL, SlotSearchParser.parseCriteria(" Slot? "));
    }

    @Test
    void criteriaAreUrlDecoded() {
        SlotCriteria plus = SlotSearchParser.parseCriteria("Slot?date=ge2026-04-21T10:00:00+02:00");
        SlotCriteria encoded = SlotSearchParser.parseCriteria("Slot?date=ge2026-04-21T10:00:00%2B02:00");
        assertEquals(encoded, plus);
        assertEquals(Instant.parse("2026-04-21T08:00:00Z"), plus.starts().get(0).get(0).lower());
        assertEquals(List.of(List.of(new TokenValue("urn:x", "a b"))),
                SlotSearchParser.parseCriteria("Slot?identifier=urn%3Ax%7Ca%20b").identifiers());
        assertEquals(List.of(List.of("free")), SlotSearchParser.parseCriteria("Slot?%73tatus=free&&").statuses());
    }

    @Test
    void criteriaAndSearchReadTheSameParametersTheSameWay() {
        String query = "status=free,busy&schedule.actor=Practitioner/p1&date=ge2026-04-21&service-type=urn:s|1";
        assertEquals(SlotSearchParser.parseSearch(SlotSearchParser.decodeQuery(query)).criteria(),
                SlotSearchParser.parseCriteria("Slot?" + query));
    }

    @ParameterizedTest
    @ValueSource(strings = {"_sort=start", "_count=10", "_total=accurate", "_include=Slot:schedule", "_cursor=abc",
            "_format=json"})
    void resultParametersAreRejectedNamingTheParameter(String parameter) {
        String name = parameter.substring(0, parameter.indexOf('='));
        assertInvalid(() -> SlotSearchParser.parseCriteria("Slot?status=free&" + parameter), "'" + name + "'");
    }

    @Test
    void unknownParameterIsRejectedNamingIt() {
        assertInvalid(() -> SlotSearchParser.parseCriteria("Slot?status=free&colour=blue"), "'colour'");
    }

    @Test
    void otherResourceTypesAreRejectedNamingThem() {
        assertInvalid(() -> SlotSearchParser.parseCriteria("Appointment?status=booked"), "'Appointment'");
        assertInvalid(() -> SlotSearchParser.parseCriteria("Slots?status=free"), "'Slots'");
        assertInvalid(() -> SlotSearchParser.parseCriteria("/Slot?status=free"), "'/Slot'");
        assertInvalid(() -> SlotSearchParser.parseCriteria("Schedule"), "'Schedule'");
    }

    @Test
    void emptyCriteriaIsRejected() {
        assertInvalid(() -> SlotSearchParser.parseCriteria(null), "empty");
        assertInvalid(() -> SlotSearchParser.parseCriteria("  "), "empty");
    }

    @Test
    void badValuesInCriteriaAreRejectedNamingTheParameter() {
        assertBadValue(() -> SlotSearchParser.parseCriteria("Slot?date=2026-02-30"), "'date'", "2026-02-30");
        assertBadValue(() -> SlotSearchParser.parseCriteria("Slot?status="), "'status'");
        assertBadValue(() -> SlotSearchParser.parseCriteria("Slot?status:not=free"), "status:not");
        assertInvalid(() -> SlotSearchParser.parseCriteria("Slot?status=%ZZ"), "%ZZ");
    }
}
