package org.esus.booking.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.esus.common.error.FhirError;

/**
 * The conditional-create header. Only {@code identifier=[system|]value} is supported: that is the
 * idempotency key of a booking, so a retried request finds its first result.
 */
final class IfNoneExist {

    private IfNoneExist() {
    }

    /** The key as stored: {@code system|value}, with an empty system when none was given. */
    static String identifierKey(String header) {
        String query = header.trim();
        int question = query.indexOf('?');
        if (question >= 0) {
            query = query.substring(question + 1); // "Appointment?identifier=..." is allowed too
        }
        if (!query.startsWith("identifier=") || query.contains("&")) {
            throw FhirError.badValue("If-None-Exist supports exactly one parameter, identifier=[system|]value");
        }
        String value;
        try {
            value = URLDecoder.decode(query.substring("identifier=".length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FhirError.badValue("If-None-Exist is not a valid query: " + e.getMessage());
        }
        if (value.isBlank() || value.endsWith("|")) {
            throw FhirError.badValue("If-None-Exist needs an identifier value");
        }
        return value.contains("|") ? value : "|" + value;
    }
}
