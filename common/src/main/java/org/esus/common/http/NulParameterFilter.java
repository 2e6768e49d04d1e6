package org.esus.common.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import org.esus.common.error.FhirError;

/**
 * A query parameter holding a NUL character ({@code %00}) is a 400: no stored value can
 * contain one (PostgreSQL text cannot), and handed to the database it fails the query. The
 * same rule as {@code FhirJson} applies to bodies. Runs after authentication.
 */
@Provider
public class NulParameterFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            String name = parameter.getKey();
            if (name.indexOf('\0') >= 0 || parameter.getValue().stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
                throw FhirError.badValue("Search parameter '" + name.replace("\0", "%00")
                        + "' contains a NUL character (%00), which no stored value can contain");
            }
        }
    }
}
