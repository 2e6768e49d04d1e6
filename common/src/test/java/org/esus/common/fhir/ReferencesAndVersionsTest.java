package org.esus.common.fhir;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.esus.common.error.FhirError;
import org.junit.jupiter.api.Test;

class ReferencesAndVersionsTest {

    @Test
    void referencesNormalizeToTypeAndId() {
        assertEquals("Practitioner/abc", References.normalize("Practitioner/abc"));
        assertEquals("Practitioner/abc", References.normalize("https://h.example/fhir/Practitioner/abc"));
        assertEquals("Practitioner/abc", References.normalize("Practitioner/abc/_history/3"));
        assertNull(References.normalize("abc"));
        assertNull(References.normalize("#contained"));
        assertNull(References.normalize("urn:uuid:0b8c0d1e-0000-0000-0000-000000000000"));
        assertEquals("x1", References.idOf("Schedule/x1", "Schedule"));
        assertNull(References.idOf("Location/x1", "Schedule"));
    }

    @Test
    void ifMatchComparesVersions() {
        assertDoesNotThrow(() -> VersionTags.checkIfMatch(null, 4));
        assertDoesNotThrow(() -> VersionTags.checkIfMatch("W/\"4\"", 4));
        assertDoesNotThrow(() -> VersionTags.checkIfMatch("\"4\"", 4));
        assertEquals(412, assertThrows(FhirError.class, () -> VersionTags.checkIfMatch("W/\"3\"", 4)).status());
        assertEquals(400, assertThrows(FhirError.class, () -> VersionTags.checkIfMatch("W/\"x\"", 4)).status());
        assertEquals("W/\"7\"", VersionTags.etag(7));
    }

    @Test
    void parsingRejectsWrongTypesAndMalformedBodies() {
        assertEquals(400, assertThrows(FhirError.class,
                () -> FhirJson.parse("{\"resourceType\":\"Patient\"}", org.hl7.fhir.r4.model.Slot.class)).status());
        assertEquals("structure", assertThrows(FhirError.class,
                () -> FhirJson.parse("{\"resourceType\":", org.hl7.fhir.r4.model.Slot.class)).code().toCode());
        assertEquals("structure", assertThrows(FhirError.class,
                () -> FhirJson.parse("[]", org.hl7.fhir.r4.model.Slot.class)).code().toCode());
        assertEquals(400, assertThrows(FhirError.class,
                () -> FhirJson.parse("{\"resourceType\":\"Slot\",\"bogus\":1}", org.hl7.fhir.r4.model.Slot.class)).status());
    }

    @Test
    void parsingRejectsNulCharactersWhichPostgresqlCannotStore() {
        String escaped = "{\"resourceType\":\"Slot\",\"comment\":\"a\\u0000b\"}";
        assertEquals("value", assertThrows(FhirError.class,
                () -> FhirJson.parse(escaped, org.hl7.fhir.r4.model.Slot.class)).code().toCode());
        assertEquals(400, assertThrows(FhirError.class,
                () -> FhirJson.parse("{\"resourceType\":\"Slot\",\"comment\":\"a\0b\"}", org.hl7.fhir.r4.model.Slot.class)).status());
        // An escaped backslash followed by the text u0000 is no NUL.
        assertEquals("a\\u0000b", FhirJson.parse("{\"resourceType\":\"Slot\",\"comment\":\"a\\\\u0000b\"}",
                org.hl7.fhir.r4.model.Slot.class).getComment());
    }
}
