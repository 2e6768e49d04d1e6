package org.esus.common.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.esus.common.error.FhirError;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;

/**
 * A type endpoint reads a body without resourceType as the URL's type; other mistakes stay 400,
 * with diagnostics a client can read.
 */
class FhirJsonTest {

    @Test
    void aBodyWithoutResourceTypeIsReadAsTheEndpointsType() {
        Subscription parsed = FhirJson.parseForEndpoint("""
                {"status": "requested", "criteria": "Slot?status=free",
                 "channel": {"type": "rest-hook", "endpoint": "https://hooks.example.org/a"}}""", Subscription.class);
        assertEquals("Slot?status=free", parsed.getCriteria());
        assertEquals("https://hooks.example.org/a", parsed.getChannel().getEndpoint());
        assertEquals("Slot", FhirJson.context().getResourceType(FhirJson.parseForEndpoint("  { } ", Slot.class)));
    }

    @Test
    void aBodyNamingAnotherTypeOrBrokenJsonIsStillRefused() {
        FhirError other = assertThrows(FhirError.class,
                () -> FhirJson.parseForEndpoint("{\"resourceType\":\"Slot\"}", Subscription.class));
        assertEquals(400, other.status());
        assertEquals(400, assertThrows(FhirError.class,
                () -> FhirJson.parseForEndpoint("{\"status\": ", Subscription.class)).status());
        assertEquals(400, assertThrows(FhirError.class,
                () -> FhirJson.parseForEndpoint("{\"colour\": \"blue\"}", Subscription.class)).status());
        // the system endpoint (POST /fhir) still needs the type in the body
        assertThrows(FhirError.class, () -> FhirJson.parse("{\"type\":\"transaction\"}", org.hl7.fhir.r4.model.Bundle.class));
    }

    @Test
    void aMalformedNumberIsRefusedWithoutNamingAJavaException() {
        FhirError error = assertThrows(FhirError.class, () -> FhirJson.parseForEndpoint("""
                {"status": "requested", "criteria": "Slot",
                 "channel": {"extension": [{"url": "https://example.org/x", "valueUnsignedInt": true}],
                             "type": "rest-hook", "endpoint": "https://hooks.example.org/a"}}""", Subscription.class));
        assertEquals(400, error.status());
        assertTrue(error.diagnostics().contains("\"true\""), error.diagnostics());
        assertFalse(error.diagnostics().contains("java."), error.diagnostics());
    }

    @Test
    void theTypeIsInsertedAsTheFirstMember() {
        assertEquals("{\"resourceType\":\"Slot\",\"status\":\"free\"}", FhirJson.withResourceType("{\"status\":\"free\"}", "Slot"));
        assertEquals(" {\"resourceType\":\"Slot\"}", FhirJson.withResourceType(" {}", "Slot"));
    }
}
