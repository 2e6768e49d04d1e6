package org.esus.slot.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** meta.lastUpdated values: milliseconds, the precision FHIR JSON round-trips everywhere. */
public final class Clock {

    private Clock() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
