package org.esus.common.error;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The JAX-RS layer's own rejections (no such path, wrong method, a media type we do not read)
 * get the same OperationOutcome body as everything else instead of the framework's default page.
 */
@Provider
public class WebApplicationErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        FhirError error = translate(exception);
        Response response = FhirErrorMapper.toResponse(error.status(), error);
        if (exception instanceof NotAllowedException && exception.getResponse() != null) {
            String allow = exception.getResponse().getHeaderString("Allow");
            if (allow != null) {
                return Response.fromResponse(response).header("Allow", allow).build();
            }
        }
        return response;
    }

    private static FhirError translate(WebApplicationException exception) {
        if (exception instanceof NotFoundException) {
            return FhirError.notFound("No such resource or path");
        }
        if (exception instanceof NotAllowedException) {
            return FhirError.methodNotAllowed("This HTTP method is not supported on this path");
        }
        if (exception instanceof NotSupportedException) {
            return FhirError.unsupportedMediaType(
                    "Unsupported media type; send application/fhir+json or application/json");
        }
        if (exception instanceof NotAcceptableException) {
            return new FhirError(406, IssueType.NOTSUPPORTED, "Only application/fhir+json responses are available");
        }
        int status = exception.getResponse() == null ? 500 : exception.getResponse().getStatus();
        if (status == 413) {
            return FhirError.tooLarge("The request body is too large");
        }
        if (status >= 400 && status < 500) {
            return new FhirError(status, IssueType.INVALID, "The request could not be processed");
        }
        return new FhirError(status, IssueType.EXCEPTION, "The server could not process the request");
    }
}
