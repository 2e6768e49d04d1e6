package org.esus.common.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.esus.common.fhir.FhirJson;

/** Turns a {@link FhirError} into its status and OperationOutcome body (CONTRACT section 1). */
@Provider
public class FhirErrorMapper implements ExceptionMapper<FhirError> {

    @Override
    public Response toResponse(FhirError error) {
        return toResponse(error.status(), error);
    }

    static Response toResponse(int status, FhirError error) {
        Response.ResponseBuilder response = Response.status(status)
                .type(FhirJson.CONTENT_TYPE)
                .entity(OperationOutcomes.errorJson(error.code(), error.diagnostics()));
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"esus\"");
        }
        if (error.retryAfterSeconds() != null) {
            response.header("Retry-After", error.retryAfterSeconds());
        }
        return response.build();
    }
}
