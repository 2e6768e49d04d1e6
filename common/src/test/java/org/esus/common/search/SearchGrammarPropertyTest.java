package org.esus.common.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the pure logic: date prefixes, precision ranges, and format/parse round trips. */
class SearchGrammarPropertyTest {

    /** A date value as a client would write it, with the precision it was written at. */
    record WrittenDate(String text, int precision, int fractionDigits) {
    }

    /** A written date and a point in time, often right at the edge of the date's range. */
    record Probe(WrittenDate date, Instant v) {
    }

    @Provide
    Arbitrary<WrittenDate> writtenDates() {
        Arbitrary<Long> epochSeconds = Arbitraries.longs()
                .between(Instant.parse("1900-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("2100-12-31T23:59:59Z").getEpochSecond());
        Arbitrary<String> fractions = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9);
        Arbitrary<Integer> precisions = Arbitraries.integers().between(0, 5);
        Arbitrary<String> zones = Arbitraries.oneOf(
                Arbitraries.of("", "Z", "+00:00", "-00:00"),
                Combinators.combine(Arbitraries.of("+", "-", " "), Arbitraries.integers().between(0, 14),
                        Arbitraries.of(0, 15, 30, 45)).as((sign, h, m) -> String.format("%s%02d:%02d", sign, h, m)));
        return Combinators.combine(epochSeconds, fractions, precisions, zones).as((seconds, fraction, precision, zone) -> {
            LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
            String text = String.format("%04d", t.getYear());
            if (precision >= 1) {
                text += String.format("-%02d", t.getMonthValue());
            }
            if (precision >= 2) {
                text += String.format("-%02d", t.getDayOfMonth());
            }
            if (precision >= 3) {
                text += String.format("T%02d:%02d", t.getHour(), t.getMinute());
            }
            if (precision >= 4) {
                text += String.format(":%02d", t.getSecond());
            }
            if (precision >= 5) {
                text += "." + fraction;
            }
            if (precision >= 3) {
                text += zone;
            }
            return new WrittenDate(text, precision, precision == 5 ? fraction.length() : 0);
        });
    }

    @Provide
    Arbitrary<Probe> probes() {
        return writtenDates().flatMap(date -> {
            DateCondition c = DateCondition.parse("date", date.text());
            Arbitrary<Instant> edges = Arbitraries.of(c.lower(), c.upper(), c.lower().minusNanos(1),
                    c.upper().minusNanos(1), c.lower().plusNanos(1));
            Arbitrary<Instant> anywhere = Arbitraries.longs()
                    .between(c.lower().getEpochSecond() - 400L * 86400, c.upper().getEpochSecond() + 400L * 86400)
                    .map(Instant::ofEpochSecond);
            return Arbitraries.oneOf(edges, anywhere).map(v -> new Probe(date, v));
        });
    }

    private static boolean holds(DatePrefix prefix, Probe probe) {
        return DateCondition.parse("date", prefix.code() + probe.date().text()).matches(probe.v());
    }

    @Property
    void exactlyOneOfEqAndNeMatches(@ForAll("probes") Probe probe) {
        assertTrue(holds(DatePrefix.EQ, probe) ^ holds(DatePrefix.NE, probe), probe.toString());
    }

    @Property
    void inclusivePrefixesAreTheStrictOnesOrEqual(@ForAll("probes") Probe probe) {
        boolean eq = holds(DatePrefix.EQ, probe);
        assertEquals(holds(DatePrefix.GT, probe) || eq, holds(DatePrefix.GE, probe), probe.toString());
        assertEquals(holds(DatePrefix.LT, probe) || eq, holds(DatePrefix.LE, probe), probe.toString());
        // A point lies below, inside or above the range: exactly one of LT, EQ, GT.
        int below = holds(DatePrefix.LT, probe) ? 1 : 0;
        int above = holds(DatePrefix.GT, probe) ? 1 : 0;
        assertEquals(1, below + (eq ? 1 : 0) + above, probe.toString());
        assertEquals(holds(DatePrefix.GT, probe), holds(DatePrefix.SA, probe));
        assertEquals(holds(DatePrefix.LT, probe), holds(DatePrefix.EB, probe));
    }

    @Property
    void rangeStartsWhereJavaTimeReadsTheTextAndSpansOneUnitOfItsPrecision(@ForAll("writtenDates") WrittenDate date) {
        DateCondition c = DateCondition.parse("start", date.text());
        String iso = date.text().replace(' ', '+');
        Instant expectedLower = switch (date.precision()) {
            case 0 -> Year.parse(iso).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            case 1 -> YearMonth.parse(iso).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            case 2 -> LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC);
            default -> hasZone(iso) ? OffsetDateTime.parse(iso).toInstant()
                    : LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        };
        assertEquals(expectedLower, c.lower(), date.text());
        Duration span = Duration.between(c.lower(), c.upper());
        switch (date.precision()) {
            case 0 -> assertTrue(span.toDays() == 365 || span.toDays() == 366, date + " " + span);
            case 1 -> assertTrue(span.toDays() >= 28 && span.toDays() <= 31 && span.toHours() % 24 == 0, date + " " + span);
            case 2 -> assertEquals(Duration.ofDays(1), span, date.text());
            case 3 -> assertEquals(Duration.ofMinutes(1), span, date.text());
            case 4 -> assertEquals(Duration.ofSeconds(1), span, date.text());
            default -> assertEquals(Duration.ofNanos((long) Math.pow(10, 9 - date.fractionDigits())), span, date.text());
        }
    }

    private static boolean hasZone(String iso) {
        return iso.endsWith("Z") || iso.matches(".*T.*[+-]\\d{2}:\\d{2}$");
    }

    @Property
    void dateConditionFormatParsesBackToItself(@ForAll("writtenDates") WrittenDate date,
            @ForAll DatePrefix prefix) {
        DateCondition c = DateCondition.parse("date", prefix.code() + date.text());
        assertEquals(c, DateCondition.parse("date", c.format()));
    }

    // --- Criteria round trip: any criteria written with toQueryString reads back as itself.

    private static final String AWKWARD = "ab,|\\$&=+ %#?é/";

    @Provide
    Arbitrary<SlotCriteria> criteria() {
        Arbitrary<String> ids = Arbitraries.strings().withChars("abcXYZ019-.").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> awkward = Arbitraries.strings().withChars(AWKWARD).ofMinLength(1).ofMaxLength(6);
        Arbitrary<TokenValue> tokens = Arbitraries.oneOf(
                awkward.map(code -> new TokenValue(null, code)),
                awkward.map(code -> new TokenValue("", code)),
                Combinators.combine(awkward, awkward).as(TokenValue::new),
                awkward.map(system -> new TokenValue(system, null)));
        Arbitrary<ReferenceValue> refs = Combinators.combine(
                Arbitraries.of("Practitioner", "Location", "HealthcareService").injectNull(0.3), ids)
                .as(ReferenceValue::new);
        Arbitrary<String> statuses = Arbitraries.of(Arrays.stream(SlotStatus.values()).map(SlotStatus::code).toList());
        Arbitrary<DateCondition> dates = Combinators.combine(writtenDates(), Arbitraries.of(DatePrefix.class))
                .as((date, prefix) -> DateCondition.parse("date", prefix.code() + date.text()));
        return Combinators.combine(List.of(groups(ids), groups(tokens), groups(ids), groups(refs), groups(statuses),
                groups(dates), groups(tokens), groups(tokens), groups(tokens), groups(dates)))
                .as(SearchGrammarPropertyTest::criteriaOf);
    }

    private static SlotCriteria criteriaOf(List<Object> f) {
        return new SlotCriteria(cast(f.get(0)), cast(f.get(1)), cast(f.get(2)), cast(f.get(3)), cast(f.get(4)),
                cast(f.get(5)), cast(f.get(6)), cast(f.get(7)), cast(f.get(8)), cast(f.get(9)));
    }

    @SuppressWarnings("unchecked")
    private static <T> List<List<T>> cast(Object groups) {
        return (List<List<T>>) groups;
    }

    /** Up to two occurrences of a parameter, each with one to three comma-separated values. */
    private static <T> Arbitrary<Object> groups(Arbitrary<T> values) {
        return values.list().ofMinSize(1).ofMaxSize(3).list().ofMaxSize(2).map(g -> (Object) g);
    }

    @Property
    void criteriaQueryStringParsesBackToTheSameCriteria(@ForAll("criteria") SlotCriteria criteria) {
        String query = criteria.toQueryString();
        assertEquals(criteria, SlotSearchParser.parseCriteria("Slot?" + query), query);
        assertEquals(criteria, SlotSearchParser.parseSearch(SlotSearchParser.decodeQuery(query)).criteria(), query);
    }
}
