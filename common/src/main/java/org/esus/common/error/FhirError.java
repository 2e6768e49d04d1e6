package org.esus.common.error;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A failure a client should see as an OperationOutcome: the HTTP status, the FHIR issue code
 * and a human diagnostics string. Thrown anywhere below the API; {@link FhirErrorMapper}
 * turns it into the response, so no service writes error bodies by hand.
 */
public class FhirError extends RuntimeException {

    private final int status;
    private final IssueType code;
    private final Integer retryAfterSeconds;

    public FhirError(int status, IssueType code, String diagnostics) {
        this(status, code, diagnostics, null, null);
    }

    public FhirError(int status, IssueType code, String diagnostics, Integer retryAfterSeconds, Throwable cause) {
        super(diagnostics, cause, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public IssueType code() {
        return code;
    }

    public String diagnostics() {
        return getMessage();
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static FhirError invalid(String diagnostics) {
        return new FhirError(400, IssueType.INVALID, diagnostics);
    }

    public static FhirError structure(String diagnostics) {
        return new FhirError(400, IssueType.STRUCTURE, diagnostics);
    }

    public static FhirError badValue(String diagnostics) {
        return new FhirError(400, IssueType.VALUE, diagnostics);
    }

    public static FhirError unauthenticated(String diagnostics) {
        return new FhirError(401, IssueType.LOGIN, diagnostics);
    }

    public static FhirError forbidden(String diagnostics) {
        return new FhirError(403, IssueType.FORBIDDEN, diagnostics);
    }

    public static FhirError notFound(String diagnostics) {
        return new FhirError(404, IssueType.NOTFOUND, diagnostics);
    }

    public static FhirError methodNotAllowed(String diagnostics) {
        return new FhirError(405, IssueType.NOTSUPPORTED, diagnostics);
    }

    public static FhirError conflict(String diagnostics) {
        return new FhirError(409, IssueType.CONFLICT, diagnostics);
    }

    public static FhirError gone(String diagnostics) {
        return new FhirError(410, IssueType.DELETED, diagnostics);
    }

    public static FhirError versionMismatch(String diagnostics) {
        return new FhirError(412, IssueType.CONFLICT, diagnostics);
    }

    public static FhirError tooLarge(String diagnostics) {
        return new FhirError(413, IssueType.TOOCOSTLY, diagnostics);
    }

    public static FhirError unsupportedMediaType(String diagnostics) {
        return new FhirError(415, IssueType.NOTSUPPORTED, diagnostics);
    }

    public static FhirError businessRule(String diagnostics) {
        return new FhirError(422, IssueType.BUSINESSRULE, diagnostics);
    }

    public static FhirError unavailable(String diagnostics, Throwable cause) {
        return new FhirError(503, IssueType.TRANSIENT, diagnostics, 5, cause);
    }
}
