package org.esus.common.fhir;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** FHIR {@code instant} values as the services store and read them. */
public final class FhirInstants {

    private FhirInstants() {
    }

    /** meta.lastUpdated values: milliseconds, the precision FHIR JSON round-trips everywhere. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An instant as FHIR JSON writes it (with its offset), or null when absent or not one. */
    public static Instant parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
