package org.esus.common.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * FHIR operations are named {@code $name} in the path, and some clients (rest-assured, some HTTP
 * libraries) send the {@code $} percent-encoded as {@code %24}, which the router does not match to
 * the {@code $name} route. Both spellings mean the same operation, so the path is normalised
 * before matching.
 */
@Provider
@PreMatching
public class OperationPathFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path != null && path.contains("/%24")) {
            request.setRequestUri(URI.create(uri.toString().replace(path, path.replace("/%24", "/$"))));
        }
    }
}
