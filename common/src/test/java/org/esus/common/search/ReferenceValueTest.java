package org.esus.common.search;

import static org.esus.common.search.Errors.assertBadValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceValueTest {

    private static final String ID = "a7b1c2d3-e4f5-6789-abcd-ef0123456789";

    private static ReferenceValue ref(String value) {
        return ReferenceValue.parse("schedule.actor", value);
    }

    @Test
    void typedReferenceMatchesOnlyThatTypeAndId() {
        ReferenceValue typed = ref("Practitioner/" + ID);
        assertEquals(new ReferenceValue("Practitioner", ID), typed);
        assertEquals("Practitioner/" + ID, typed.asReference());
        assertTrue(typed.matches("Practitioner/" + ID));
        assertFalse(typed.matches("Location/" + ID));
        assertFalse(typed.matches("Practitioner/other"));
        assertFalse(typed.matches(null));
    }

    @Test
    void bareIdMatchesAnyResourceTypeWithThatId() {
        ReferenceValue bare = ref(ID);
        assertEquals(new ReferenceValue(null, ID), bare);
        assertEquals(ID, bare.asReference());
        assertTrue(bare.matches("Practitioner/" + ID));
        assertTrue(bare.matches("Location/" + ID));
        assertFalse(bare.matches("Practitioner/x" + ID));
    }

    @Test
    void absoluteUrlIsNormalisedToTypeAndId() {
        assertEquals(new ReferenceValue("Practitioner", ID), ref("https://esus.example.org/fhir/Practitioner/" + ID));
        assertEquals(new ReferenceValue("Practitioner", ID), ref("http://localhost:8080/Practitioner/" + ID));
        assertTrue(ref("https://other.example/r4/Practitioner/" + ID).matches("Practitioner/" + ID));
    }

    @Test
    void versionSuffixIsDropped() {
        assertEquals(new ReferenceValue("Practitioner", "p1"), ref("Practitioner/p1/_history/3"));
        assertEquals(new ReferenceValue("Practitioner", "p1"), ref("https://h/fhir/Practitioner/p1/_history/3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Practitioner/", "/abc", "practitioner/abc", "a/b/c", "https://host", "https://host/abc",
            "abc$", "Practitioner/a b", "Practitioner/abc/_history", "0123456789012345678901234567890123456789012345678901234567890123X"})
    void malformedReferenceIsRejectedNamingTheParameter(String value) {
        assertBadValue(() -> ref(value), "'schedule.actor'", value);
    }
}
