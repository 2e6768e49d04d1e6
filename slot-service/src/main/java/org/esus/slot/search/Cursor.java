package org.esus.slot.search;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.esus.common.error.FhirError;
import org.esus.common.search.SortOrder;

/**
 * The opaque {@code _cursor} of a next link: the sort key and id of the last row served.
 * The next page continues strictly after that (key, id) in the sort order (keyset paging), so
 * rows inserted meanwhile neither shift nor repeat what a client already saw.
 */
record Cursor(SortOrder sort, Instant key, UUID id) {

    private static final String VERSION = "c1";

    String encode() {
        String keyText = key == null ? "-" : key.getEpochSecond() + "." + key.getNano();
        String raw = VERSION + "|" + sort.name() + "|" + keyText + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text, SortOrder expectedSort) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|");
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw invalid();
            }
            SortOrder sort = SortOrder.valueOf(parts[1]);
            if (sort != expectedSort) {
                throw FhirError.badValue("_cursor belongs to another _sort; follow the next link as given");
            }
            Instant key = null;
            if (!parts[2].equals("-")) {
                String[] secondsAndNanos = parts[2].split("\\.");
                key = Instant.ofEpochSecond(Long.parseLong(secondsAndNanos[0]), Long.parseLong(secondsAndNanos[1]));
            }
            return new Cursor(sort, key, UUID.fromString(parts[3]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw invalid();
        }
    }

    private static FhirError invalid() {
        return FhirError.badValue("_cursor is not a cursor this server issued");
    }
}
