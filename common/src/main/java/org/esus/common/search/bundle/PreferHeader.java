package org.esus.common.search.bundle;

/** Reads {@code Prefer: handling=strict} (RFC 7240; FHIR search uses it for unknown parameters). */
public final class PreferHeader {

    private PreferHeader() {
    }

    public static boolean strict(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split("[,;]")) {
            if (preference.trim().replace(" ", "").equalsIgnoreCase("handling=strict")) {
                return true;
            }
        }
        return false;
    }
}
