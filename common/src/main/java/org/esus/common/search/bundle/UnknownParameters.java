package org.esus.common.search.bundle;

import java.util.List;
import org.esus.common.error.FhirError;

/**
 * What a search does with parameters it does not know (FHIR search, "handling"): by default it
 * ignores them and says so in an OperationOutcome entry; under {@code Prefer: handling=strict}
 * it refuses the request, so a client that cannot afford a broader result than it asked for
 * never gets one.
 */
public final class UnknownParameters {

    private UnknownParameters() {
    }

    /** The warnings for the Bundle's outcome entry (none when every name was known); a 400 when strict. */
    public static List<String> warnings(List<String> unknown, String prefer) {
        if (unknown.isEmpty()) {
            return List.of();
        }
        if (PreferHeader.strict(prefer)) {
            throw FhirError.invalid("Unknown search parameters: " + String.join(", ", unknown));
        }
        return List.of("Unknown search parameters were ignored: " + String.join(", ", unknown));
    }
}
