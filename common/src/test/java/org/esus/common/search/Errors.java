package org.esus.common.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.esus.common.error.FhirError;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.function.Executable;

/** Assertions on the client errors the grammar throws. */
final class Errors {

    private Errors() {
    }

    static FhirError assertBadValue(Executable action, String... diagnosticsFragments) {
        return assertError(IssueType.VALUE, action, diagnosticsFragments);
    }

    static FhirError assertInvalid(Executable action, String... diagnosticsFragments) {
        return assertError(IssueType.INVALID, action, diagnosticsFragments);
    }

    private static FhirError assertError(IssueType code, Executable action, String... fragments) {
        FhirError error = assertThrows(FhirError.class, action);
        assertEquals(400, error.status(), error.diagnostics());
        assertEquals(code, error.code(), error.diagnostics());
        for (String fragment : fragments) {
            assertTrue(error.diagnostics().contains(fragment),
                    () -> "diagnostics '" + error.diagnostics() + "' should contain '" + fragment + "'");
        }
        return error;
    }
}
