package org.esus.common.fhir;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.esus.common.error.FhirError;

/** ETag and If-Match handling for versioned resources: {@code W/"3"} names version 3. */
public final class VersionTags {

    private static final Pattern TAG = Pattern.compile("(?:W/)?\"?([0-9]{1,18})\"?");

    private VersionTags() {
    }

    public static String etag(long versionId) {
        return "W/\"" + versionId + "\"";
    }

    /**
     * Throws 412 when an If-Match header names another version than {@code current}; no header
     * means the client does not ask for a check. An unreadable header is a client error (400).
     */
    public static void checkIfMatch(String ifMatch, long current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        Matcher m = TAG.matcher(ifMatch.trim());
        if (!m.matches()) {
            throw FhirError.badValue("If-Match must be an ETag such as W/\"3\"");
        }
        long expected = Long.parseLong(m.group(1));
        if (expected != current) {
            throw FhirError.versionMismatch("Version conflict: If-Match names version " + expected
                    + " but the current version is " + current);
        }
    }
}
