package org.esus.slot.store;

import java.nio.charset.StandardCharsets;
import org.esus.common.search.TokenValue;
import org.esus.common.error.FhirError;

/**
 * How token values (codings, identifiers) sit in the text[] columns: {@code system + " " + code},
 * with an empty system when there is none. A FHIR uri cannot contain whitespace, so the first
 * space always separates system from code, whatever the code holds ({@code |} included, which a
 * {@code system|code} format could not tell apart).
 */
public final class TokenColumns {

    /** SQL of the system part of element {@code t}. */
    public static final String SYSTEM_OF_T = "split_part(t, ' ', 1)";
    /** SQL of the code part of element {@code t}. */
    public static final String CODE_OF_T = "substr(t, strpos(t, ' ') + 1)";

    /**
     * The longest entry (system, space, value; UTF-8) of a GIN-indexed token column: PostgreSQL
     * refuses index entries over about 2.7 kB, so longer ones must be refused as bad values.
     */
    public static final int MAX_INDEXED_BYTES = 1024;

    private TokenColumns() {
    }

    public static String encode(String system, String code) {
        return (system == null ? "" : system) + " " + code;
    }

    /** The token an {@link #encode}d entry holds; an empty system reads as none. */
    public static TokenValue decode(String entry) {
        int space = entry.indexOf(' ');
        String system = space <= 0 ? null : entry.substring(0, space);
        return new TokenValue(system, space < 0 ? entry : entry.substring(space + 1));
    }

    /** Rejects an identifier too long for the column's index, naming where it was. */
    public static void requireIndexable(String system, String value, String where) {
        if (encode(system, value).getBytes(StandardCharsets.UTF_8).length > MAX_INDEXED_BYTES) {
            throw FhirError.badValue(where + " is too long: its system and value together may have at most "
                    + MAX_INDEXED_BYTES + " bytes");
        }
    }

    /** Rejects a system that is not a FHIR uri (one with whitespace), naming where it was. */
    public static void requireUri(String system, String where) {
        if (system != null && !system.isEmpty() && system.chars().anyMatch(Character::isWhitespace)) {
            throw FhirError.badValue(where + ".system must be a uri without whitespace: '" + system + "'");
        }
    }
}
