package org.esus.common.fhir;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes FHIR references to the relative {@code Type/id} form ESUS stores and matches on.
 * Absolute URLs ({@code https://host/fhir/Practitioner/x}) and {@code _history} suffixes
 * reduce to the same form, so a client's choice of spelling never changes what matches.
 */
public final class References {

    private static final Pattern TYPED = Pattern.compile(
            "(?:.*/)?([A-Z][A-Za-z]{1,63})/([A-Za-z0-9\\-.]{1,64})(?:/_history/[A-Za-z0-9\\-.]{1,64})?");

    private References() {
    }

    /** {@code Type/id} for a typed reference, or null when it is not one (contained, urn:, bare id). */
    public static String normalize(String reference) {
        if (reference == null || reference.startsWith("#") || reference.startsWith("urn:")) {
            return null;
        }
        Matcher m = TYPED.matcher(reference.trim());
        return m.matches() ? m.group(1) + "/" + m.group(2) : null;
    }

    /** The id part of a reference to {@code type}, or null when it references something else. */
    public static String idOf(String reference, String type) {
        String normalized = normalize(reference);
        if (normalized == null || !normalized.startsWith(type + "/")) {
            return null;
        }
        return normalized.substring(type.length() + 1);
    }
}
