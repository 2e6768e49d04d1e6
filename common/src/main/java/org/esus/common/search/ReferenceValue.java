package org.esus.common.search;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference search value, normalised to {@code type} + {@code id}.
 * Accepted forms: {@code Practitioner/abc}, {@code abc} (type null: any resource type) and an
 * absolute URL {@code https://host/fhir/Practitioner/abc}; a trailing {@code /_history/n} is
 * dropped (search matches the resource, not a version). The base URL is not compared: this
 * server only stores relative references.
 */
public record ReferenceValue(String type, String id) {

    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");

    public ReferenceValue {
        Objects.requireNonNull(id, "id");
    }

    public static ReferenceValue parse(String parameter, String value) {
        ReferenceValue parsed = tryParse(value);
        if (parsed == null) {
            throw SearchValues.badValue(parameter, value,
                    "is not a reference (Type/id, id, or an absolute URL ending in Type/id)");
        }
        return parsed;
    }

    /**
     * A value of a parameter that refers to one resource type only ({@code schedule}, {@code patient}):
     * {@code Type/id}, a bare id or an absolute URL; another type is a 400. The result is typed.
     */
    public static ReferenceValue parseTo(String parameter, String value, String type) {
        ReferenceValue parsed = parse(parameter, value);
        if (parsed.type() != null && !parsed.type().equals(type)) {
            throw SearchValues.badValue(parameter, value, "does not refer to a " + type);
        }
        return new ReferenceValue(type, parsed.id());
    }

    /** The reference as stored in this system, {@code Type/id}; just {@code id} when the type is open. */
    public String asReference() {
        return type == null ? id : type + "/" + id;
    }

    /** Does a stored actor reference ({@code Type/id}) denote the resource this value names? */
    public boolean matches(String actorReference) {
        if (actorReference == null) {
            return false;
        }
        ReferenceValue stored = tryParse(actorReference);
        if (stored == null || !id.equals(stored.id())) {
            return false;
        }
        return type == null || type.equals(stored.type());
    }

    /** Null when {@code value} is no reference at all. */
    private static ReferenceValue tryParse(String value) {
        String path = value;
        boolean absolute = value.startsWith("http://") || value.startsWith("https://");
        if (absolute) {
            int pathStart = value.indexOf('/', value.indexOf("//") + 2);
            if (pathStart < 0) {
                return null;
            }
            path = value.substring(pathStart + 1);
        }
        List<String> segments = Arrays.asList(path.split("/", -1));
        int n = segments.size();
        if (n >= 4 && segments.get(n - 2).equals("_history")) {
            segments = segments.subList(0, n - 2);
            n -= 2;
        }
        if (n == 1 && !absolute) {
            return isId(segments.get(0)) ? new ReferenceValue(null, segments.get(0)) : null;
        }
        // Relative references are exactly Type/id; an absolute URL may have any base path before it.
        if (n < 2 || (!absolute && n != 2)) {
            return null;
        }
        String type = segments.get(n - 2);
        String id = segments.get(n - 1);
        return RESOURCE_TYPE.matcher(type).matches() && isId(id) ? new ReferenceValue(type, id) : null;
    }

    private static boolean isId(String candidate) {
        return SearchValues.FHIR_ID.matcher(candidate).matches();
    }
}
