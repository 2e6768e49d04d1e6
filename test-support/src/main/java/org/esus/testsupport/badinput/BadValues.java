package org.esus.testsupport.badinput;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Strings a careless or hostile client puts where a date, a code, a reference, a URL or an id
 * belongs, shared by body mutations and search strings: near misses of valid values more often
 * than random text, since those are the ones parsers get wrong.
 */
public final class BadValues {

    /** Dates and instants that are invalid, out of range, or valid only in some readings. */
    public static final List<String> DATES = List.of("2026-13-45T99:00:00Z", "2026-02-30T08:00:00Z", "2026-02-29",
            "2026-06-01", "2026-06-01T08:00:00", "2026-06-01T08:00Z", "2026-06-01T08:00:00+25:00",
            "2026-06-01T08:00:00.1234567890123Z", "10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
            "-2026-01-01T00:00:00Z", "+002026-06-01T08:00:00Z", "tomorrow", "2026", "2026-06", "26-06-01",
            "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2026-06-01T08:00:00z", "2026-06-01t08:00:00Z",
            " 2026-06-01T08:00:00Z", "2026-06-01T24:00:00Z", "2026-06-01T23:59:60Z", "2026-06-01T08:00:00+14:01",
            "2026-06-01T08:00:00-00:00", "2026-06-01T08:00:00.Z", "2026-06-01T08:00:00,5Z", "2026-06-01 08:00:00Z",
            "2026-06-01T08:00:00Z/2026-06-02", "20260601T080000Z", "1e10", "2026-06-01T08:00:00+0200");

    /** Codes of ESUS's value sets, their near misses, and codes of other elements. */
    public static final List<String> CODES = List.of("free", "busy", "busy-unavailable", "busy-tentative",
            "entered-in-error", "FREE", "Free", " free", "free ", "sometimes", "proposed", "pending", "booked",
            "cancelled", "arrived", "fulfilled", "noshow", "checked-in", "waitlist", "requested", "active", "off",
            "error", "rest-hook", "websocket", "email", "message", "application/fhir+json", "application/xml",
            "accepted", "declined", "needs-action", "tentative", "true", "null", "*", "free,busy");

    private BadValues() {
    }

    /** An id no resource has: references to it are well-formed but point at nothing. */
    public static final String UNKNOWN_ID = "3f2a6c1e-0b7d-4e59-9a21-6d8c0f4b5e17";

    /** References: malformed, of the wrong type, to nothing, or absolute. */
    public static final List<String> REFERENCES = List.of("Schedule/", "Schedule", "/Schedule/x", "Schedule//x",
            "Schedule/x/y", "Schedule/" + "a".repeat(300), "urn:uuid:" + UNKNOWN_ID, "#", "#contained", "http://",
            "http://example.org/fhir/Schedule/" + UNKNOWN_ID, "Schedule?actor=x", "Practitioner/" + UNKNOWN_ID,
            "Patient/p1", "Schedule/" + UNKNOWN_ID.toUpperCase(), "Schedule/00000000-0000-0000-0000-000000000000",
            "Schedule/" + UNKNOWN_ID + "/_history/x", "Slot/not-a-uuid", "Slot/" + UNKNOWN_ID + "/_history/1",
            "Appointment/" + UNKNOWN_ID, "../Slot/x", "Slot/%2e%2e", "Practitioner/a b", "Practitioner/",
            "practitioner/x", "Practitioner/" + "p".repeat(2000));

    /** URLs (endpoints, systems): other schemes, private hosts, malformed. */
    public static final List<String> URLS = List.of("ftp://hooks.example.org/x", "http://127.0.0.1:1/x", "http://[::1]/x",
            "http://10.0.0.1/x", "http://169.254.169.254/latest", "https://exa mple.org/x", "http://localhost/x",
            "javascript:alert(1)", "http://%zz/", "https://", "//hooks.example.org/x", "urn:has space",
            "http://user:pass@hooks.example.org/x", "https://hooks.example.org:99999/x", "http://0x7f.1/x",
            "https://hooks.example.org/" + incompressible(3000));

    /** Header lines for Subscription.channel.header, with and without injected line breaks. */
    public static final List<String> HEADERS = List.of("no colon", ": empty name", "X-A: b\r\nX-B: c", "X-A:\nb",
            "Bad Name: x", "X-Ok: fine", "X-Ü: x", "X-A: " + "v".repeat(5000));

    /** Any of the above, or random or blank text. */
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(DATES)),
                Tuple.of(4, Arbitraries.of(CODES)),
                Tuple.of(3, Arbitraries.of(REFERENCES)),
                Tuple.of(2, Arbitraries.of(URLS)),
                Tuple.of(1, Arbitraries.of(HEADERS)),
                Tuple.of(2, Arbitraries.of("", " ", "\t", "\u00a0", "\n", "1", "-1", "1e309", "NaN", "\u0000", "nul\u0000", "\\", "\"",
                        "\ud800", "\udfff\ud800", "<script>", "%00", "${jndi:ldap://x}", "' OR 1=1 --", incompressible(3000))),
                Tuple.of(3, Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(40)));
    }

    /**
     * {@code length} letters and digits that PostgreSQL cannot compress (unlike "xxx..."), so
     * they reach index size limits; the same for the same length.
     */
    public static String incompressible(int length) {
        java.util.Random random = new java.util.Random(length);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
