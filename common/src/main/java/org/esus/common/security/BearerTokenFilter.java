package org.esus.common.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.esus.common.error.FhirError;

/**
 * Guards every FHIR endpoint (CONTRACT section 2): verifies the bearer JWT (signature, iss,
 * exp, nbf, as configured through {@code mp.jwt.verify.*}) and the SMART scope the endpoint
 * declares with {@link RequiresScope}. Endpoints without either annotation still need a valid
 * token and check scopes themselves through {@link Caller}. The token never reaches a log.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    @Inject
    JWTParser parser;

    @Inject
    Caller caller;

    @Inject
    VerifiedTokens verifiedTokens;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null || method.isAnnotationPresent(PublicEndpoint.class)) {
            return;
        }
        VerifiedTokens.Verified verified = verify(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        caller.authenticate(verified.subject(), verified.scopes());
        RequiresScope required = method.getAnnotation(RequiresScope.class);
        if (required != null) {
            caller.require(required.resource(), required.value());
        }
    }

    private VerifiedTokens.Verified verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw FhirError.unauthenticated("A bearer token is required");
        }
        if (authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw FhirError.unauthenticated("The Authorization header must use the Bearer scheme");
        }
        String raw = authorization.substring(7).trim();
        VerifiedTokens.Verified known = verifiedTokens.get(raw);
        if (known != null) {
            return known;
        }
        try {
            JsonWebToken token = parser.parse(raw);
            VerifiedTokens.Verified verified = new VerifiedTokens.Verified(token.getSubject(),
                    SmartScopes.parse(token.getClaim("scope")), Instant.ofEpochSecond(token.getExpirationTime()));
            verifiedTokens.put(raw, verified);
            return verified;
        } catch (ParseException | RuntimeException e) {
            throw FhirError.unauthenticated("The bearer token is invalid or expired");
        }
    }
}
