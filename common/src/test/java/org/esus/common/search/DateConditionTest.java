package org.esus.common.search;

import static org.esus.common.search.Errors.assertBadValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateConditionTest {

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static DateCondition date(String value) {
        return DateCondition.parse("date", value);
    }

    @Test
    void dateWithDayPrecisionMatchesWholeUtcDay() {
        DateCondition day = date("2026-04-21");
        assertEquals(at("2026-04-21T00:00:00Z"), day.lower());
        assertEquals(at("2026-04-22T00:00:00Z"), day.upper());
        assertFalse(day.matches(at("2026-04-20T23:59:59.999999999Z")));
        assertTrue(day.matches(at("2026-04-21T00:00:00Z")));
        assertTrue(day.matches(at("2026-04-21T23:59:59.999999999Z")));
        assertFalse(day.matches(at("2026-04-22T00:00:00Z")));
    }

    @Test
    void eachPrecisionImpliesItsRange() {
        assertRange("2026", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
        assertRange("2026-12", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z");
        assertRange("2024-02", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z");
        assertRange("2024-02-29", "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z");
        assertRange("2026-04-21T10:30Z", "2026-04-21T10:30:00Z", "2026-04-21T10:31:00Z");
        assertRange("2026-04-21T10:30:15Z", "2026-04-21T10:30:15Z", "2026-04-21T10:30:16Z");
        assertRange("2026-04-21T10:30:15.5Z", "2026-04-21T10:30:15.5Z", "2026-04-21T10:30:15.6Z");
        assertRange("2026-04-21T10:30:15.120Z", "2026-04-21T10:30:15.120Z", "2026-04-21T10:30:15.121Z");
        assertRange("2026-04-21T10:30:15.123456789Z", "2026-04-21T10:30:15.123456789Z",
                "2026-04-21T10:30:15.123456790Z");
    }

    @Test
    void zoneOffsetsAreHonouredAndTimeWithoutZoneIsUtc() {
        assertRange("2026-04-21T10:00:00+02:00", "2026-04-21T08:00:00Z", "2026-04-21T08:00:01Z");
        assertRange("2026-04-21T22:00-05:00", "2026-04-22T03:00:00Z", "2026-04-22T03:01:00Z");
        assertRange("2026-04-21T10:00:00", "2026-04-21T10:00:00Z", "2026-04-21T10:00:01Z");
        assertRange("2026-04-21T10:00", "2026-04-21T10:00:00Z", "2026-04-21T10:01:00Z");
    }

    @Test
    void spaceFromDecodedPlusIsReadAsPositiveOffset() {
        DateCondition decoded = date("ge2026-04-21T10:00:00 02:00");
        assertEquals(at("2026-04-21T08:00:00Z"), decoded.lower());
        assertEquals(DatePrefix.GE, decoded.prefix());
        assertEquals("2026-04-21T10:00:00+02:00", decoded.text());
        assertEquals(date("ge2026-04-21T10:00:00+02:00"), decoded);
    }

    @Test
    void missingPrefixIsEqAndExplicitEqIsTheSame() {
        assertEquals(DatePrefix.EQ, date("2026-04-21").prefix());
        assertEquals(date("2026-04-21"), date("eq2026-04-21"));
        assertEquals("2026-04-21", date("eq2026-04-21").format());
        assertEquals("ge2026-04-21T00:00:00Z", date("ge2026-04-21T00:00:00Z").format());
    }

    @Test
    void aMissingValueMatchesNoPrefix() {
        for (DatePrefix prefix : DatePrefix.values()) {
            assertFalse(date(prefix.code() + "2026").matches(null), prefix.name());
        }
    }

    /**
     * For each precision: the instant just before the range, its first instant, its last
     * instant, and the first instant after it. Written out by hand, not computed.
     */
    private static final Map<String, List<String>> BOUNDARIES = Map.of(
            "2026", List.of("2025-12-31T23:59:59.999999999Z", "2026-01-01T00:00:00Z",
                    "2026-12-31T23:59:59.999999999Z", "2027-01-01T00:00:00Z"),
            "2026-02", List.of("2026-01-31T23:59:59.999999999Z", "2026-02-01T00:00:00Z",
                    "2026-02-28T23:59:59.999999999Z", "2026-03-01T00:00:00Z"),
            "2026-04-21", List.of("2026-04-20T23:59:59.999999999Z", "2026-04-21T00:00:00Z",
                    "2026-04-21T23:59:59.999999999Z", "2026-04-22T00:00:00Z"),
            "2026-04-21T10:30+02:00", List.of("2026-04-21T08:29:59.999999999Z", "2026-04-21T08:30:00Z",
                    "2026-04-21T08:30:59.999999999Z", "2026-04-21T08:31:00Z"),
            "2026-04-21T00:00:00Z", List.of("2026-04-20T23:59:59.999999999Z", "2026-04-21T00:00:00Z",
                    "2026-04-21T00:00:00.999999999Z", "2026-04-21T00:00:01Z"),
            "2026-04-21T10:00:00.12-01:00", List.of("2026-04-21T11:00:00.119999999Z", "2026-04-21T11:00:00.120Z",
                    "2026-04-21T11:00:00.129999999Z", "2026-04-21T11:00:00.130Z"));

    /** Whether each prefix holds at (before, first, last, after), by the FHIR definitions. */
    private static final Map<DatePrefix, List<Boolean>> EXPECTED = Map.of(
            DatePrefix.EQ, List.of(false, true, true, false),
            DatePrefix.NE, List.of(true, false, false, true),
            DatePrefix.GT, List.of(false, false, false, true),
            DatePrefix.SA, List.of(false, false, false, true),
            DatePrefix.LT, List.of(true, false, false, false),
            DatePrefix.EB, List.of(true, false, false, false),
            DatePrefix.GE, List.of(false, true, true, true),
            DatePrefix.LE, List.of(true, true, true, false));

    static Stream<Arguments> everyPrefixAtEveryPrecision() {
        List<Arguments> cases = new ArrayList<>();
        BOUNDARIES.forEach((value, points) -> EXPECTED.forEach((prefix, expected) -> {
            for (int i = 0; i < 4; i++) {
                cases.add(Arguments.of(prefix.code() + value, points.get(i), expected.get(i)));
            }
        }));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} at {1} -> {2}")
    @MethodSource("everyPrefixAtEveryPrecision")
    void prefixHoldsExactlyAtItsBoundaries(String condition, String instant, boolean expected) {
        assertEquals(expected, date(condition).matches(at(instant)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2026-13", "2026-00", "2026-04-31", "2025-02-29", "2026-04-21T24:00:00Z",
            "2026-04-21T10:60Z", "2026-04-21T10:00:60Z", "2026-04-21T10:00:00+19:00"})
    void impossibleDateIsRejectedNamingTheParameterAndValue(String value) {
        assertBadValue(() -> DateCondition.parse("start", value), "'start'", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"26", "2026-4-21", "2026/04/21", "21-04-2026", "2026-04-21Z", "2026-04-21T10Z",
            "2026-04-21T10:00:00.Z", "2026-04-21T10:00:00.1234567890Z", "2026-04-21T10:00:00+0200",
            "2026-04-21 10:00:00Z", "ge", "xx2026", "GE2026", "g2026", "now", "2026-04-21T10:00:00z"})
    void malformedDateIsRejectedNamingTheParameterAndValue(String value) {
        assertBadValue(() -> DateCondition.parse("_lastUpdated", value), "'_lastUpdated'", value);
    }

    private static void assertRange(String value, String lower, String upper) {
        DateCondition condition = date(value);
        assertEquals(at(lower), condition.lower(), value + " lower");
        assertEquals(at(upper), condition.upper(), value + " upper");
        assertEquals(value, condition.text());
    }
}
