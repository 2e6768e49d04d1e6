package org.esus.common.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Set;
import org.esus.common.error.FhirError;

/**
 * {@code _format} may ask for JSON (any of its spellings); XML and everything else is not
 * served here, which is a 415 with an OperationOutcome, not a silently JSON answer.
 */
@Provider
@PreMatching
public class FormatParameterFilter implements ContainerRequestFilter {

    private static final Set<String> JSON = Set.of("json", "application/json", "application/fhir+json",
            "application/json+fhir", "application/fhir json");

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> formats = request.getUriInfo().getQueryParameters().get("_format");
        if (formats == null) {
            return;
        }
        for (String format : formats) {
            String base = format.split(";")[0].trim().toLowerCase();
            if (!JSON.contains(base)) {
                throw FhirError.unsupportedMediaType("_format=" + format + " is not supported; this server speaks FHIR JSON");
            }
        }
    }
}
