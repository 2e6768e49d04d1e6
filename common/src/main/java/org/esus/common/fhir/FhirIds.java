package org.esus.common.fhir;

import java.util.UUID;
import java.util.regex.Pattern;
import org.esus.common.error.FhirError;

/** Server-assigned ids are lowercase UUIDs (CONTRACT). */
public final class FhirIds {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private FhirIds() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The UUID of an id in a URL path, or null when it cannot be one of ours (so: not found). */
    public static UUID parseOrNull(String id) {
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            return null;
        }
        return UUID.fromString(id);
    }

    /** A path id that must exist: an id of a shape we never assign is simply not found. */
    public static UUID require(String type, String id) {
        UUID uuid = parseOrNull(id);
        if (uuid == null) {
            throw FhirError.notFound(type + "/" + id + " is not known");
        }
        return uuid;
    }

    /** FHIR update: the body's id must be present and equal the id in the URL. */
    public static void requireMatching(String pathId, String bodyId) {
        if (bodyId == null) {
            throw FhirError.invalid("The resource in an update must carry its id (" + pathId + ")");
        }
        if (!bodyId.equals(pathId)) {
            throw FhirError.invalid("The resource id " + bodyId + " does not match the URL id " + pathId);
        }
    }
}
