package org.esus.common.security;

import jakarta.enterprise.context.RequestScoped;
import org.esus.common.error.FhirError;

/**
 * The authenticated client of the current request. Endpoints that act on several resource
 * types in one call (batch and transaction Bundles) check each entry against it.
 */
@RequestScoped
public class Caller {

    private String subject;
    private SmartScopes scopes = SmartScopes.parse(null);

    void authenticate(String subject, SmartScopes scopes) {
        this.subject = subject;
        this.scopes = scopes;
    }

    public String subject() {
        return subject;
    }

    public void require(String resourceType, Permission permission) {
        if (!scopes.permits(resourceType, permission)) {
            throw FhirError.forbidden("The token's scopes do not allow '" + permission.name().toLowerCase()
                    + "' on " + resourceType);
        }
    }
}
