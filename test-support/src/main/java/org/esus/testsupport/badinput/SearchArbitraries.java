package org.esus.testsupport.badinput;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Decoded search parameter values, mostly valid, often near misses: dates with every prefix and
 * precision, tokens, references, counts, codes. {@link #slotCriteria} and {@link #slotSearch}
 * are the Slot search parameters of CONTRACT section 3, for GET /Slot and Subscription criteria.
 */
public final class SearchArbitraries {

    public static final List<String> DATE_PREFIXES = List.of("", "eq", "ne", "lt", "gt", "le", "ge", "sa", "eb", "ap",
            "EQ", "xx", "g", "ge ", "gege");
    private static final List<String> ZONES = List.of("Z", "Z", "+00:00", "-00:00", "+02:00", "-05:30", "+14:00", "-12:00",
            "", "+99:00", "+0200");

    private SearchArbitraries() {
    }

    /** A date search value: a prefix and a date at some precision, or a bad date. */
    public static Arbitrary<String> dates() {
        Arbitrary<String> written = Combinators.combine(
                Arbitraries.longs().between(Instant.parse("1999-12-31T00:00:00Z").getEpochSecond(),
                        Instant.parse("2040-01-01T00:00:00Z").getEpochSecond()),
                Arbitraries.integers().between(0, 5), Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(10),
                Arbitraries.of(ZONES)).as(SearchArbitraries::write);
        return Combinators.combine(Arbitraries.of(DATE_PREFIXES),
                Arbitraries.frequencyOf(Tuple.of(4, written), Tuple.of(1, Arbitraries.of(BadValues.DATES))))
                .as(String::concat);
    }

    private static String write(long epochSecond, int precision, String fraction, String zone) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(String.format("%04d", t.getYear()));
        if (precision >= 1) {
            text.append(String.format("-%02d", t.getMonthValue()));
        }
        if (precision >= 2) {
            text.append(String.format("-%02d", t.getDayOfMonth()));
        }
        if (precision >= 3) {
            text.append(String.format("T%02d:%02d", t.getHour(), t.getMinute()));
        }
        if (precision >= 4) {
            text.append(String.format(":%02d", t.getSecond()));
        }
        if (precision >= 5) {
            text.append('.').append(fraction);
        }
        return precision >= 3 ? text + zone : text.toString();
    }

    /** References to {@code type}: typed, bare, absolute, versioned, to ids that exist or not, or malformed. */
    public static Arbitrary<String> references(String type, List<String> knownIds) {
        Arbitrary<String> id = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(knownIds)),
                Tuple.of(1, Arbitraries.of(BadValues.UNKNOWN_ID, "not-a-uuid", "", "x".repeat(100), BadValues.UNKNOWN_ID.toUpperCase())));
        Arbitrary<String> written = Combinators.combine(id, Arbitraries.integers().between(0, 5)).as((value, form) -> switch (form) {
            case 0, 1 -> type + "/" + value;
            case 2 -> value;
            case 3 -> "https://fhir.example.org/r4/" + type + "/" + value;
            case 4 -> type + "/" + value + "/_history/1";
            default -> "Patient/" + value;
        });
        return Arbitraries.frequencyOf(Tuple.of(5, written), Tuple.of(1, Arbitraries.of(BadValues.REFERENCES)));
    }

    /** Token values: code, system|code, |code, system|, with escapes and near misses. */
    public static Arbitrary<String> tokens() {
        Arbitrary<String> code = Arbitraries.of("57", "checkup", "FOLLOWUP", "a\\,b", "x\\|y", "back\\\\slash", "dollar\\$", "",
                "sp ace", "Ümlaut", "\\", "a,b", "nul\u0000", BadValues.incompressible(3000));
        Arbitrary<String> system = Arbitraries.of("http://snomed.info/sct", "urn:esus:codes", "urn:has space", "", "|", "x|y");
        return Combinators.combine(system, code, Arbitraries.integers().between(0, 4)).as((s, c, form) -> switch (form) {
            case 0 -> c;
            case 1 -> s + "|" + c;
            case 2 -> "|" + c;
            case 3 -> s + "|";
            default -> s + "|" + c + "|" + c;
        });
    }

    /** _count values: in range, at the edges, beyond them, not numbers. */
    public static Arbitrary<String> counts() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 1000).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("-1", "1001", "2147483648", "99999999999999999999", "1.5", "ten", "", " 5", "0x10",
                        "+5", "1e3", "٣")));
    }

    public static Arbitrary<String> codes(List<String> valid) {
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(valid)), Tuple.of(1, Arbitraries.of(BadValues.CODES)));
    }

    /** Cursors: random base64-like text (a real one comes only from a next link). */
    public static Arbitrary<String> cursors() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")
                .ofMaxLength(60), Arbitraries.of("", "bm9wZQ", "eyJ9", "%%%", "AAAA"));
    }

    /** The Slot filter parameters, as Subscription criteria may carry them. */
    public static Map<String, Arbitrary<String>> slotCriteria(List<String> scheduleIds, List<String> actorIds, List<String> slotIds) {
        Map<String, Arbitrary<String>> parameters = new LinkedHashMap<>();
        parameters.put("status", codes(List.of("free", "busy", "busy-unavailable", "busy-tentative", "entered-in-error")));
        parameters.put("schedule", references("Schedule", scheduleIds));
        parameters.put("schedule.actor", references("Practitioner", actorIds));
        parameters.put("date", dates());
        parameters.put("start", dates());
        parameters.put("_lastUpdated", dates());
        parameters.put("_id", Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(slotIds)),
                Tuple.of(1, Arbitraries.of("not-a-uuid", BadValues.UNKNOWN_ID, "", "Slot/" + BadValues.UNKNOWN_ID))));
        parameters.put("identifier", tokens());
        parameters.put("service-type", tokens());
        parameters.put("specialty", tokens());
        parameters.put("appointment-type", tokens());
        return parameters;
    }

    /** {@link #slotCriteria} and the result parameters of GET /Slot. */
    public static Map<String, Arbitrary<String>> slotSearch(List<String> scheduleIds, List<String> actorIds, List<String> slotIds) {
        Map<String, Arbitrary<String>> parameters = slotCriteria(scheduleIds, actorIds, slotIds);
        parameters.put("_sort", Arbitraries.of("start", "-start", "_lastUpdated", "-_lastUpdated", "_id", "colour", "start,-start",
                "", "-", "--start", "date"));
        parameters.put("_count", counts());
        parameters.put("_total", Arbitraries.of("accurate", "none", "estimate", "", "ACCURATE"));
        parameters.put("_include", Arbitraries.of("Slot:schedule", "Slot:schedule:Schedule", "Slot:*", "*", "", "Schedule:actor"));
        parameters.put("_cursor", cursors());
        parameters.put("_format", Arbitraries.of("json", "application/fhir+json", "xml", "html", "", "application/json"));
        return parameters;
    }
}
