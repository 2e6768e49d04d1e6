package org.esus.common.search;

import static org.esus.common.search.Errors.assertBadValue;
import static org.esus.common.search.TestSlots.slot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlotSearchParserTest {

    private static final String PRACTITIONER = "a7b1c2d3-e4f5-6789-abcd-ef0123456789";

    /** Parses like the HTTP layer would: the raw query string, decoded in request order. */
    private static SlotSearch search(String rawQuery) {
        return SlotSearchParser.parseSearch(SlotSearchParser.decodeQuery(rawQuery));
    }

    @Test
    void firstSeedQueryParsesToFreeSlotsOfOnePractitionerByStart() {
        SlotSearch s = search("status=free&schedule.actor=Practitioner/" + PRACTITIONER + "&_count=10&_sort=start");

        SlotCriteria expected = new SlotCriteria(null, null, null,
                List.of(List.of(new ReferenceValue("Practitioner", PRACTITIONER))), List.of(List.of("free")),
                null, null, null, null, null);
        assertEquals(expected, s.criteria());
        assertEquals(SortOrder.START_ASC, s.sort());
        assertEquals(10, s.count());
        assertFalse(s.totalAccurate());
        assertFalse(s.includeSchedule());
        assertNull(s.cursor());
        assertEquals(List.of(), s.unknownParameters());

        assertTrue(s.criteria().matches(slot("1").status("free").actor("Practitioner/" + PRACTITIONER).build()));
        assertFalse(s.criteria().matches(slot("2").status("busy").actor("Practitioner/" + PRACTITIONER).build()));
        assertFalse(s.criteria().matches(slot("3").status("free").actor("Practitioner/someone-else").build()));
        assertFalse(s.criteria().matches(slot("4").status("free").actor("Location/" + PRACTITIONER).build()));
        assertEquals(java.util.Set.of("Practitioner/" + PRACTITIONER), s.criteria().requiredActorReferences());
    }

    @Test
    void secondSeedQueryAddsAStartLowerBoundThroughTheDateAlias() {
        SlotSearch s = search("status=free&schedule.actor=Practitioner/" + PRACTITIONER
                + "&date=ge2026-04-21T00:00:00Z&_count=1&_sort=start");

        DateCondition ge = new DateCondition(DatePrefix.GE, Instant.parse("2026-04-21T00:00:00Z"),
                Instant.parse("2026-04-21T00:00:01Z"), "2026-04-21T00:00:00Z");
        SlotCriteria expected = new SlotCriteria(null, null, null,
                List.of(List.of(new ReferenceValue("Practitioner", PRACTITIONER))), List.of(List.of("free")),
                List.of(List.of(ge)), null, null, null, null);
        assertEquals(expected, s.criteria());
        assertEquals(SortOrder.START_ASC, s.sort());
        assertEquals(1, s.count());

        String actor = "Practitioner/" + PRACTITIONER;
        assertTrue(s.criteria().matches(slot("1").status("free").actor(actor).start("2026-04-21T00:00:00Z").build()));
        assertTrue(s.criteria().matches(slot("2").status("free").actor(actor).start("2026-05-01T08:00:00Z").build()));
        assertFalse(s.criteria().matches(slot("3").status("free").actor(actor).start("2026-04-20T23:59:59.999Z").build()));
        assertFalse(s.criteria().matches(slot("4").status("busy").actor(actor).start("2026-04-22T08:00:00Z").build()));
    }

    @Test
    void dateAndStartAreTheSameParameter() {
        assertEquals(search("start=ge2026-04-21").criteria(), search("date=ge2026-04-21").criteria());
        assertEquals(2, search("start=ge2026-04-21&date=lt2026-04-22").criteria().starts().size());
    }

    @Test
    void plusOfAnOffsetDecodedToSpaceStillParses() {
        SlotSearch s = search("date=ge2026-04-21T10:00:00+02:00");
        assertEquals(Instant.parse("2026-04-21T08:00:00Z"), s.criteria().starts().get(0).get(0).lower());
    }

    @Test
    void unknownParameterIsReportedNotFatal() {
        SlotSearch s = search("foo=1&status=free&bar=2&schedule.name=x&foo:exact=3");
        assertEquals(List.of("foo", "bar", "schedule.name", "foo:exact"), s.unknownParameters());
        assertEquals(List.of(List.of("free")), s.criteria().statuses());
    }

    @Test
    void formatAndPresentationParametersAreIgnoredNotUnknown() {
        SlotSearch s = search("_format=json&_pretty=true&_summary=false&_elements=id,start");
        assertEquals(List.of(), s.unknownParameters());
        assertTrue(s.criteria().isEmpty());
    }

    @Test
    void defaultsWhenNothingIsGiven() {
        SlotSearch s = search("");
        assertTrue(s.criteria().isEmpty());
        assertEquals(SortOrder.ID, s.sort());
        assertEquals(20, s.count());
        assertFalse(s.totalAccurate());
        assertFalse(s.includeSchedule());
        assertNull(s.cursor());
    }

    @Test
    void countIsClampedToTheMaximumAndZeroIsAllowed() {
        assertEquals(1000, search("_count=1000").count());
        assertEquals(1000, search("_count=1001").count());
        assertEquals(1000, search("_count=99999999999999999999").count());
        assertEquals(0, search("_count=0").count());
        assertEquals(7, search("_count=007").count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "ten", "1.5", "+5", " 5"})
    void badCountIsRejectedNamingTheParameter(String value) {
        assertBadValue(() -> SlotSearchParser.parseSearch(Map.of("_count", List.of(value))), "'_count'");
    }

    @Test
    void sortAcceptsTheFourKeysAndNothingElse() {
        assertEquals(SortOrder.START_ASC, search("_sort=start").sort());
        assertEquals(SortOrder.START_DESC, search("_sort=-start").sort());
        assertEquals(SortOrder.LAST_UPDATED_ASC, search("_sort=_lastUpdated").sort());
        assertEquals(SortOrder.LAST_UPDATED_DESC, search("_sort=-_lastUpdated").sort());
        assertBadValue(() -> search("_sort=status"), "'_sort'", "status");
        assertBadValue(() -> search("_sort=start,_id"), "'_sort'");
        assertBadValue(() -> search("_sort=start&_sort=-start"), "'_sort'");
    }

    @Test
    void totalAccurateIsTheOnlyTotalThatCounts() {
        assertTrue(search("_total=accurate").totalAccurate());
        assertFalse(search("_total=none").totalAccurate());
        assertFalse(search("_total=estimate").totalAccurate());
        assertBadValue(() -> search("_total=yes"), "'_total'", "yes");
    }

    @Test
    void includeOnlyOfTheSchedule() {
        assertTrue(search("_include=Slot:schedule").includeSchedule());
        assertTrue(search("_include=Slot:schedule:Schedule").includeSchedule());
        assertBadValue(() -> search("_include=Slot:schedule&_include=Schedule:actor"), "'_include'", "Schedule:actor");
        assertBadValue(() -> search("_include=*"), "'_include'");
    }

    @Test
    void cursorIsPassedThroughOpaque() {
        assertEquals("eyJzIjoiMjAyNiJ9==", search("_cursor=eyJzIjoiMjAyNiJ9%3D%3D").cursor());
    }

    @Test
    void unsupportedModifierIsRejectedNamingTheParameter() {
        assertBadValue(() -> search("status:not=free"), "status:not");
        assertBadValue(() -> search("schedule.actor:Practitioner=p1"), "schedule.actor:Practitioner");
        assertBadValue(() -> search("_count:x=1"), "_count:x");
    }

    @Test
    void emptyValueIsRejectedNamingTheParameter() {
        assertBadValue(() -> search("status="), "'status'");
        assertBadValue(() -> search("status"), "'status'");
        assertBadValue(() -> search("status=free,"), "'status'");
        assertBadValue(() -> search("_count="), "'_count'");
        assertBadValue(() -> SlotSearchParser.parseSearch(Map.of("date", List.of())), "'date'");
    }

    @Test
    void badDateIsRejectedNamingTheParameter() {
        assertBadValue(() -> search("date=2026-02-30"), "'date'", "2026-02-30");
        assertBadValue(() -> search("_lastUpdated=ge2026-13"), "'_lastUpdated'", "ge2026-13");
    }

    @Test
    void statusMustBeASlotStatus() {
        assertEquals(List.of(List.of("free", "busy", "busy-unavailable", "busy-tentative", "entered-in-error")),
                search("status=free,busy,busy-unavailable,busy-tentative,entered-in-error").criteria().statuses());
        assertBadValue(() -> search("status=FREE"), "'status'", "FREE");
        assertBadValue(() -> search("status=booked"), "'status'", "booked");
    }

    @Test
    void idMustBeAFhirId() {
        assertEquals(List.of(List.of("a7b1c2d3-e4f5-6789-abcd-ef0123456789", "Legacy.ID-1")),
                search("_id=a7b1c2d3-e4f5-6789-abcd-ef0123456789,Legacy.ID-1").criteria().ids());
        assertBadValue(() -> search("_id=a_b"), "'_id'", "a_b");
        assertBadValue(() -> search("_id=" + "x".repeat(65)), "'_id'");
    }

    @Test
    void scheduleTakesOnlyScheduleReferences() {
        assertEquals(List.of(List.of("s1", "s2", "s3")),
                search("schedule=Schedule/s1,s2,https://h/fhir/Schedule/s3").criteria().scheduleIds());
        assertBadValue(() -> search("schedule=Practitioner/p1"), "'schedule'", "Practitioner/p1");
    }

    @Test
    void jaxRsStyleMapIsReadLikeTheQueryString() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("status", List.of("free", "busy"));
        params.put("_count", List.of("5"));
        SlotSearch s = SlotSearchParser.parseSearch(params);
        assertEquals(List.of(List.of("free"), List.of("busy")), s.criteria().statuses());
        assertEquals(5, s.count());
    }
}
