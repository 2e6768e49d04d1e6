package org.esus.common.search;

import static org.esus.common.search.TestSlots.slot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotCriteriaTest {

    private static SlotCriteria criteria(String query) {
        return SlotSearchParser.parseCriteria("Slot?" + query);
    }

    @Test
    void commaIsOrAndRepetitionIsAnd() {
        SlotCriteria either = criteria("status=free,busy");
        assertTrue(either.matches(slot("a").status("free").build()));
        assertTrue(either.matches(slot("a").status("busy").build()));
        assertFalse(either.matches(slot("a").status("busy-tentative").build()));

        SlotCriteria window = criteria("start=ge2026-04-21&start=lt2026-04-22");
        assertEquals(2, window.starts().size());
        assertTrue(window.matches(slot("a").start("2026-04-21T23:00:00Z").build()));
        assertFalse(window.matches(slot("a").start("2026-04-22T00:00:00Z").build()));
        assertFalse(window.matches(slot("a").start("2026-04-20T23:00:00Z").build()));

        SlotCriteria bothActors = criteria("schedule.actor=Practitioner/p1&schedule.actor=Location/l1");
        assertTrue(bothActors.matches(slot("a").actor("Practitioner/p1").actor("Location/l1").build()));
        assertFalse(bothActors.matches(slot("a").actor("Practitioner/p1").build()));
    }

    @Test
    void differentParametersAreAnded() {
        SlotCriteria c = criteria("status=free&schedule=sched-1");
        assertTrue(c.matches(slot("a").status("free").schedule("sched-1").build()));
        assertFalse(c.matches(slot("a").status("busy").schedule("sched-1").build()));
        assertFalse(c.matches(slot("a").status("free").schedule("sched-2").build()));
    }

    @Test
    void emptyCriteriaMatchesEverySlot() {
        assertTrue(SlotCriteria.ALL.isEmpty());
        assertTrue(SlotCriteria.ALL.matches(slot("x").status("entered-in-error").build()));
        assertFalse(criteria("status=free").isEmpty());
    }

    @Test
    void idAndScheduleMatchExactly() {
        assertTrue(criteria("_id=a,b").matches(slot("b").build()));
        assertFalse(criteria("_id=a,b").matches(slot("c").build()));
        assertFalse(criteria("_id=A").matches(slot("a").build()));
        assertTrue(criteria("schedule=Schedule/s1").matches(slot("x").schedule("s1").build()));
        assertTrue(criteria("schedule=s1").matches(slot("x").schedule("s1").build()));
        assertFalse(criteria("schedule=s1").matches(slot("x").schedule("s2").build()));
    }

    @Test
    void identifierMatchesAnyOfTheSlotsIdentifiers() {
        SlotFacts s = slot("x").identifier("urn:a", "1").identifier(null, "2").build();
        assertTrue(criteria("identifier=urn:a|1").matches(s));
        assertTrue(criteria("identifier=|2").matches(s));
        assertTrue(criteria("identifier=urn:a|").matches(s));
        assertFalse(criteria("identifier=urn:b|1").matches(s));
        assertFalse(criteria("identifier=|1").matches(s));
    }

    @Test
    void codedParametersEachReadTheirOwnElement() {
        SlotFacts s = slot("x").serviceType("urn:svc", "57").specialty("urn:spec", "394814009")
                .appointmentType("urn:apt", "ROUTINE").build();
        assertTrue(criteria("service-type=57&specialty=urn:spec|394814009&appointment-type=ROUTINE").matches(s));
        assertFalse(criteria("service-type=394814009").matches(s));
        assertFalse(criteria("specialty=57").matches(s));
        assertFalse(criteria("appointment-type=57").matches(s));
    }

    @Test
    void actorWithoutTypeMatchesAnyType() {
        SlotFacts s = slot("x").actor("Location/l1").build();
        assertTrue(criteria("schedule.actor=l1").matches(s));
        assertFalse(criteria("schedule.actor=Practitioner/l1").matches(s));
        assertFalse(criteria("schedule.actor=l2").matches(s));
    }

    @Test
    void lastUpdatedIsADateSearchOnMetaLastUpdated() {
        SlotFacts s = slot("x").lastUpdated("2026-04-01T12:00:00Z").start("2030-01-01T00:00:00Z").build();
        assertTrue(criteria("_lastUpdated=gt2026-04-01T11:59:59Z").matches(s));
        assertFalse(criteria("_lastUpdated=gt2026-04-01T12:00:00Z").matches(s));
        assertTrue(criteria("_lastUpdated=2026-04").matches(s));
    }

    @Test
    void requiredActorReferencesAreTheTypedValuesOfAGroup() {
        assertEquals(Set.of("Practitioner/p1", "Practitioner/p2"),
                criteria("schedule.actor=Practitioner/p1,Practitioner/p2&status=free").requiredActorReferences());
        assertEquals(Set.of(), criteria("status=free").requiredActorReferences());
        assertEquals(Set.of(), criteria("schedule.actor=p1").requiredActorReferences());
        assertEquals(Set.of(), criteria("schedule.actor=Practitioner/p1,p2").requiredActorReferences());
        assertEquals(Set.of("Location/l1"),
                criteria("schedule.actor=p1&schedule.actor=Location/l1").requiredActorReferences());
    }

    @Test
    void requiredIdsAndScheduleIdsComeFromTheFirstGroup() {
        assertEquals(Set.of("a", "b"), criteria("_id=a,b").requiredIds());
        assertEquals(Set.of(), criteria("status=free").requiredIds());
        assertEquals(Set.of("s1"), criteria("schedule=Schedule/s1&schedule=s1,s2").requiredScheduleIds());
        assertEquals(Set.of(), criteria("_id=a").requiredScheduleIds());
    }

    @Test
    void queryStringRoundTripsThroughTheParser() {
        SlotCriteria c = criteria("_id=a&identifier=urn:x|a%5C,b,%7Cc&schedule=Schedule/s1"
                + "&schedule.actor=https://h/fhir/Practitioner/p1,l1&status=free,busy"
                + "&date=ge2026-04-21T10:00:00%2B02:00&start=lt2027&service-type=urn:s|&specialty=1"
                + "&appointment-type=|R&_lastUpdated=ne2026-04-01T00:00:00.5Z");
        String query = c.toQueryString();
        assertEquals(c, criteria(query), query);
        assertTrue(query.startsWith("_id=a&identifier="), query);
        assertTrue(query.contains("schedule.actor=Practitioner%2Fp1%2Cl1"), query);
        assertEquals("", SlotCriteria.ALL.toQueryString());
    }

    @Test
    void groupsMayNotBeEmpty() {
        assertThrows(IllegalArgumentException.class,
                () -> new SlotCriteria(List.of(List.of()), null, null, null, null, null, null, null, null, null));
    }
}
