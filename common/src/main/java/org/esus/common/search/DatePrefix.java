package org.esus.common.search;

import java.util.Optional;

/**
 * FHIR date search prefixes. What each means for a point in time (Slot.start,
 * meta.lastUpdated) is defined once, in {@link DateCondition#matches}.
 */
public enum DatePrefix {
    EQ, NE, GT, LT, GE, LE, SA, EB;

    /** The two-letter lowercase form used in queries. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The prefix spelled {@code code} (lowercase, exactly two letters), if there is one. */
    public static Optional<DatePrefix> fromCode(String code) {
        for (DatePrefix prefix : values()) {
            if (prefix.code().equals(code)) {
                return Optional.of(prefix);
            }
        }
        return Optional.empty();
    }
}
