package org.esus.common.search;

import static org.esus.common.search.Errors.assertBadValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokenValueTest {

    private static final String SNOMED = "http://snomed.info/sct";

    private static TokenValue token(String value) {
        return TokenValue.parse("service-type", value);
    }

    @Test
    void bareCodeMatchesThatCodeInAnySystemOrNone() {
        TokenValue bare = token("57");
        assertEquals(new TokenValue(null, "57"), bare);
        assertTrue(bare.matches(SNOMED, "57"));
        assertTrue(bare.matches("urn:other", "57"));
        assertTrue(bare.matches(null, "57"));
        assertFalse(bare.matches(SNOMED, "58"));
        assertFalse(bare.matches(SNOMED, null));
    }

    @Test
    void systemAndCodeMustBothMatch() {
        TokenValue full = token(SNOMED + "|57");
        assertEquals(new TokenValue(SNOMED, "57"), full);
        assertTrue(full.matches(SNOMED, "57"));
        assertFalse(full.matches("urn:other", "57"));
        assertFalse(full.matches(null, "57"));
        assertFalse(full.matches(SNOMED, "58"));
    }

    @Test
    void emptySystemMatchesOnlyValuesWithoutSystem() {
        TokenValue noSystem = token("|57");
        assertEquals(new TokenValue("", "57"), noSystem);
        assertTrue(noSystem.matches(null, "57"));
        assertTrue(noSystem.matches("", "57"));
        assertFalse(noSystem.matches(SNOMED, "57"));
        assertFalse(noSystem.matches(null, "58"));
    }

    @Test
    void systemWithoutCodeMatchesAnyCodeInThatSystem() {
        TokenValue anyCode = token(SNOMED + "|");
        assertEquals(new TokenValue(SNOMED, null), anyCode);
        assertTrue(anyCode.matches(SNOMED, "57"));
        assertTrue(anyCode.matches(SNOMED, "anything"));
        assertFalse(anyCode.matches("urn:other", "57"));
        assertFalse(anyCode.matches(null, "57"));
    }

    @Test
    void codesAreComparedExactly() {
        assertFalse(token("abc").matches(null, "ABC"));
        assertFalse(token("abc").matches(null, "abc "));
    }

    @Test
    void escapedBarAndCommaAreLiteral() {
        assertEquals(new TokenValue("a|b", "c,d"), token("a\\|b|c\\,d"));
        assertEquals(new TokenValue(null, "x\\y$"), token("x\\\\y\\$"));
    }

    @Test
    void formatRoundTripsThroughParse() {
        for (TokenValue value : new TokenValue[] {new TokenValue(null, "a,b"), new TokenValue("", "x|y"),
                new TokenValue("s\\", null), new TokenValue("urn:x", "1$2")}) {
            assertEquals(value, token(value.format()), value.format());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"|", "a|b|c", "abc\\"})
    void malformedTokenIsRejectedNamingTheParameter(String value) {
        assertBadValue(() -> token(value), "'service-type'");
    }
}
