package org.esus.testsupport.badinput;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Raw query strings (no leading '?', ready for a request line) over a resource's search
 * parameters: known names with generated values, comma lists, repeats, modifiers, unknown
 * names; each piece percent-encoded one of four ways (standard, '+' for space, only what must
 * be, every byte); then perhaps escapes of invalid UTF-8, NUL or line breaks, stray characters,
 * empty segments or a long value.
 *
 * <p>Every query is a syntactically valid RFC 3986 query of at most {@value #MAX_LENGTH}
 * characters: Netty refuses anything else (a raw {@code | " < > \ ^ ` { }}, a malformed
 * {@code %zz}, a request line over 4096 bytes) with a bare 400 or 414 before any service
 * code runs, so such requests test the HTTP library, not ESUS.
 */
public final class QueryStrings {

    public static final int MAX_LENGTH = 3800;

    /** Characters a request target may carry unencoded in a query (RFC 3986 pchar, '/' and '?'). */
    private static final String RAW_OK = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?[]";

    private enum Encoding { STANDARD, PLUS, MINIMAL, EVERY_BYTE }

    private record Piece(String name, String value, Encoding encoding) {
        String raw() {
            return encode(name, encoding) + "=" + encode(value, encoding);
        }
    }

    private QueryStrings() {
    }

    /** Query strings over {@code parameters}: name to an arbitrary of (decoded) values. */
    public static Arbitrary<String> over(Map<String, Arbitrary<String>> parameters) {
        List<String> names = List.copyOf(parameters.keySet());
        Arbitrary<String> knownName = Arbitraries.of(names);
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(12, knownName),
                Tuple.of(1, Combinators.combine(knownName, Arbitraries.of(":not", ":missing", ":exact", ":above", ":below",
                        ":Practitioner", ".name", ":", ".")).as(String::concat)),
                Tuple.of(1, Arbitraries.of("colour", "", "_", "_has:Appointment:slot:status", "Slot", "名前", "a=b", "_id ",
                        " status", "STATUS", "_summary", "_elements", "_contained", "_revinclude", "_query", "_filter")));
        Arbitrary<Piece> piece = name.flatMap(n -> Combinators.combine(values(parameters.get(n)),
                Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(Encoding.STANDARD)), Tuple.of(2, Arbitraries.just(Encoding.PLUS)),
                        Tuple.of(3, Arbitraries.just(Encoding.MINIMAL)), Tuple.of(1, Arbitraries.just(Encoding.EVERY_BYTE))))
                .as((value, encoding) -> new Piece(n, value, encoding)));
        Arbitrary<String> query = piece.list().ofMinSize(0).ofMaxSize(6)
                .map(pieces -> String.join("&", pieces.stream().map(Piece::raw).toList()));
        return Combinators.combine(query, mutations().list().ofMinSize(0).ofMaxSize(2)).as((raw, edits) -> {
            String out = raw;
            for (var edit : edits) {
                out = edit.apply(out);
            }
            return fit(out);
        });
    }

    private static Arbitrary<String> values(Arbitrary<String> valid) {
        Arbitrary<String> one = valid == null ? BadValues.strings() : valid;
        return Arbitraries.frequencyOf(
                Tuple.of(6, one),
                Tuple.of(2, one.list().ofMinSize(2).ofMaxSize(3).map(list -> String.join(",", list))),
                Tuple.of(1, BadValues.strings()));
    }

    private static Arbitrary<UnaryOperator<String>> mutations() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<String> badEscapes = Arbitraries.of("%C3%28", "%FF", "%00", "%ED%A0%80", "%E2%82", "%C0%AF", "%F8%88%80%80%80",
                "%EF%BF%BF", "%0D%0A", "%25", "%2525", "%26", "%3D", "%2C", "%5C", "%7C", "%09");
        Arbitrary<String> stray = Arbitraries.strings().withChars(RAW_OK).ofMinLength(1).ofMaxLength(5);
        Arbitrary<String> structure = Arbitraries.of("&&", "&", "=", "==", "&=&", "?", ";", "&=", "=&");
        return Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(where, badEscapes).as(QueryStrings::insertAt)),
                Tuple.of(3, Combinators.combine(where, stray).as(QueryStrings::insertAt)),
                Tuple.of(2, Combinators.combine(where, structure).as(QueryStrings::insertAt)),
                Tuple.of(2, Arbitraries.just(QueryStrings::repeatFirst)),
                Tuple.of(1, Combinators.combine(where, Arbitraries.integers().between(1, 20)).as((f, n) -> q -> {
                    int at = (int) (q.length() * f);
                    return q.substring(0, at) + q.substring(Math.min(q.length(), at + n));
                })),
                Tuple.of(1, Arbitraries.of(500, 1_000, 2_000, 3_500).map(n -> q -> q + "&status=" + "x".repeat(n))));
    }

    private static UnaryOperator<String> insertAt(double fraction, String inserted) {
        return q -> {
            int at = (int) (q.length() * fraction);
            return q.substring(0, at) + inserted + q.substring(at);
        };
    }

    private static String repeatFirst(String query) {
        if (query.isEmpty()) {
            return query;
        }
        String first = query.split("&", 2)[0];
        return query + "&" + first;
    }

    static String encode(String text, Encoding encoding) {
        return switch (encoding) {
            case STANDARD -> URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
            case PLUS -> URLEncoder.encode(text, StandardCharsets.UTF_8);
            case MINIMAL -> minimal(text);
            case EVERY_BYTE -> everyByte(text);
        };
    }

    /**
     * Cuts a query to {@value #MAX_LENGTH} characters (at a '&' where one is near) and turns a
     * '%' that does not start an escape, as a cut or a deletion may leave, into "%25".
     */
    private static String fit(String query) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            boolean escape = i + 2 < query.length() && isHex(query.charAt(i + 1)) && isHex(query.charAt(i + 2));
            out.append(c == '%' && !escape ? "%25" : String.valueOf(c));
        }
        if (out.length() <= MAX_LENGTH) {
            return out.toString();
        }
        String cut = out.substring(0, MAX_LENGTH);
        int amp = cut.lastIndexOf('&');
        if (amp > MAX_LENGTH / 2) {
            return cut.substring(0, amp);
        }
        int percent = cut.lastIndexOf('%');
        return percent >= 0 && percent > cut.length() - 3 ? cut.substring(0, percent) : cut;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }

    /** Percent-encodes only what may not stay raw in a query, and '&', '=' and '+', which would change its meaning. */
    private static String minimal(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x7f && RAW_OK.indexOf(c) >= 0 && "&=+".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append(String.format("%%%02X", c));
            }
        }
        return out.toString();
    }

    /** Every byte as %XX, in lower-case hex every other byte (both are valid). */
    private static String everyByte(String text) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            String hex = String.format("%%%02X", bytes[i] & 0xff);
            out.append(i % 2 == 0 ? hex : hex.toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
