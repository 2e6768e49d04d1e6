package org.esus.common.search.sql;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.esus.common.error.FhirError;

/**
 * The opaque {@code _cursor} of a next link: the sort it belongs to, and the sort key and id of
 * the last row served. The next page continues strictly after that (key, id) in the sort order
 * (keyset paging), so rows inserted meanwhile neither shift nor repeat what a client already saw.
 *
 * @param sort the name of the sort order (an enum constant's name), checked on decode
 * @param key  the last row's sort key; null for the id order, or where the row has no key
 * @param id   the last row's id
 */
public record KeysetCursor(String sort, Instant key, UUID id) {

    private static final String VERSION = "c1";

    public String encode() {
        String keyText = key == null ? "-" : key.getEpochSecond() + "." + key.getNano();
        String raw = VERSION + "|" + sort + "|" + keyText + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in {@code text}, which must belong to {@code expectedSort}; anything else is a 400. */
    public static KeysetCursor decode(String text, String expectedSort) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|");
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw invalid();
            }
            if (!parts[1].equals(expectedSort)) {
                throw FhirError.badValue("_cursor belongs to another _sort; follow the next link as given");
            }
            Instant key = null;
            if (!parts[2].equals("-")) {
                String[] secondsAndNanos = parts[2].split("\\.");
                key = Instant.ofEpochSecond(Long.parseLong(secondsAndNanos[0]), Long.parseLong(secondsAndNanos[1]));
            }
            return new KeysetCursor(parts[1], key, UUID.fromString(parts[3]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | DateTimeException e) {
            throw invalid();
        }
    }

    static FhirError invalid() {
        return FhirError.badValue("_cursor is not a cursor this server issued");
    }
}
