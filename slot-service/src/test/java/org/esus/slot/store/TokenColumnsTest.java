package org.esus.slot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.esus.common.search.TokenValue;
import org.junit.jupiter.api.Test;

/** The token columns read back as the tokens written: events carry them to the matcher as SlotFacts. */
class TokenColumnsTest {

    @Test
    void aTokenReadsBackWithItsSystemAndCode() {
        assertEquals(new TokenValue("http://example.org/ids", "A 1|b"),
                TokenColumns.decode(TokenColumns.encode("http://example.org/ids", "A 1|b")));
    }

    @Test
    void aTokenWithoutSystemReadsBackWithoutOne() {
        assertEquals(new TokenValue(null, "57"), TokenColumns.decode(TokenColumns.encode(null, "57")));
        assertEquals(new TokenValue(null, "57"), TokenColumns.decode(TokenColumns.encode("", "57")));
    }
}
