package org.esus.common.search;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.esus.common.error.FhirError;

/**
 * Rules every search reads the same way, whatever the resource: the paging and total
 * parameters, the one-value rule for them, and modifiers on known parameters. Slot and
 * Appointment search both use these, so {@code _count=abc} is the same 400 on each.
 */
public final class ResultParameters {

    public static final String SORT = "_sort";
    public static final String COUNT = "_count";
    public static final String TOTAL = "_total";
    public static final String CURSOR = "_cursor";

    /** Known, accepted on GET and without effect here (the response is always JSON, never summarised). */
    public static final Set<String> WITHOUT_EFFECT = Set.of("_format", "_pretty", "_summary", "_elements");

    public static final int DEFAULT_COUNT = 20;
    /** Larger {@code _count} values are clamped to this, as HAPI FHIR servers do. */
    public static final int MAX_COUNT = 1000;

    private ResultParameters() {
    }

    /** Result parameters take one value: two {@code _count}s have no sensible meaning. */
    public static String single(String name, List<String> values) {
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isEmpty()) {
            throw SearchValues.badValue(name, "", "is empty");
        }
        if (values.size() > 1) {
            throw FhirError.badValue("Search parameter '" + name + "' may appear only once, got " + values);
        }
        return values.get(0);
    }

    /** {@code _count}: 0 (the total only) up to {@link #MAX_COUNT}; more is clamped. */
    public static int count(String value) {
        if (!value.matches("\\d+")) {
            throw SearchValues.badValue(COUNT, value, "is not a non-negative integer");
        }
        // Clamp, like HAPI: a client asking for more simply gets the largest page.
        String digits = value.replaceFirst("^0+(?=.)", "");
        return digits.length() > 4 ? MAX_COUNT : Math.min(Integer.parseInt(digits), MAX_COUNT);
    }

    /** {@code _total}: true for {@code accurate}. */
    public static boolean totalAccurate(String value) {
        return switch (value) {
            case "accurate" -> true;
            case "none", "estimate" -> false;
            default -> throw SearchValues.badValue(TOTAL, value, "is not one of none, estimate, accurate");
        };
    }

    /**
     * A modifier ({@code status:not}) on a parameter this search knows is a 400: silently
     * ignoring the modifier would return wrong results. Modifiers on unknown names are left to
     * the unknown-parameter handling.
     */
    public static void rejectModifierOfKnown(String name, Predicate<String> known) {
        int colon = name.indexOf(':');
        if (colon < 0) {
            return;
        }
        String base = name.substring(0, colon);
        if (known.test(base)) {
            throw FhirError.badValue("Search parameter '" + name + "': modifier '" + name.substring(colon)
                    + "' is not supported on '" + base + "'");
        }
    }
}
