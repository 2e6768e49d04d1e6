package org.esus.common.error;

import org.esus.common.fhir.FhirJson;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Builds the OperationOutcome bodies every error and warning is reported with. */
public final class OperationOutcomes {

    private OperationOutcomes() {
    }

    public static OperationOutcome of(IssueSeverity severity, IssueType code, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(severity).setCode(code).setDiagnostics(diagnostics);
        return outcome;
    }

    public static String errorJson(IssueType code, String diagnostics) {
        return FhirJson.write(of(IssueSeverity.ERROR, code, diagnostics));
    }
}
