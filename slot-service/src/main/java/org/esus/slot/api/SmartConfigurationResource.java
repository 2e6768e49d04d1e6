package org.esus.slot.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.security.PublicEndpoint;

/**
 * SMART discovery (GET /.well-known/smart-configuration): tells system clients where to get a
 * token and which scopes exist. ESUS verifies tokens; it does not issue them, so the token
 * endpoint is the identity provider's, from configuration.
 */
@Path(".well-known/smart-configuration")
public class SmartConfigurationResource {

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @ConfigProperty(name = "esus.smart.token-endpoint")
    Optional<String> tokenEndpoint;

    @ConfigProperty(name = "esus.smart.jwks-uri")
    Optional<String> jwksUri;

    @GET
    @PublicEndpoint
    public Response configuration() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer);
        tokenEndpoint.ifPresent(url -> body.put("token_endpoint", url));
        jwksUri.ifPresent(url -> body.put("jwks_uri", url));
        body.put("grant_types_supported", List.of("client_credentials"));
        body.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        body.put("scopes_supported", List.of("system/*.*", "system/Slot.rs", "system/Slot.cud", "system/Schedule.*",
                "system/Slot.read", "system/Slot.write", "system/Schedule.read", "system/Schedule.write"));
        body.put("capabilities", List.of("client-confidential-asymmetric", "permission-v1", "permission-v2"));
        return Response.ok(body, MediaType.APPLICATION_JSON).build();
    }
}
