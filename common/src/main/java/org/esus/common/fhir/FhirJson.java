package org.esus.common.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.util.regex.Pattern;
import org.esus.common.error.FhirError;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Reads and writes FHIR R4 JSON with HAPI FHIR. The context is built once per JVM (it is
 * expensive and thread-safe); parsers are not thread-safe, so each call makes its own.
 * Parsing is strict: an unknown element or a malformed value is the client's mistake (400),
 * not something to drop silently.
 */
public final class FhirJson {

    public static final String MEDIA_TYPE = "application/fhir+json";
    public static final String CONTENT_TYPE = "application/fhir+json;charset=utf-8";

    private static final FhirContext CONTEXT = configured(FhirContext.forR4Cached());
    private static final StrictErrorHandler STRICT = new StrictErrorHandler();
    /** HAPI FHIR's message (HAPI-1838) for a JSON object without resourceType. */
    private static final String MISSING_RESOURCE_TYPE = "missing required element: 'resourceType'";
    /** A Java exception HAPI names inside a value error ("...: java.lang.NumberFormatException: For input string ..."). */
    private static final Pattern JAVA_EXCEPTION = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*)?");

    private FhirJson() {
    }

    /**
     * ESUS never contains referenced resources on write; switching HAPI's automatic containment
     * off skips a walk of every element on each encode (it was a quarter of bulk-load CPU).
     */
    private static FhirContext configured(FhirContext context) {
        context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
        return context;
    }

    public static FhirContext context() {
        return CONTEXT;
    }

    /** Parses a request body that must be a resource of {@code type}. */
    public static <T extends IBaseResource> T parse(String body, Class<T> type) {
        String expected = CONTEXT.getResourceType(type);
        IBaseResource parsed = parseAny(body);
        String actual = CONTEXT.getResourceType(parsed);
        if (!expected.equals(actual)) {
            throw FhirError.invalid("Expected a " + expected + " resource but the body is a " + actual);
        }
        return type.cast(parsed);
    }

    /**
     * Parses the body of a request to a type endpoint ({@code POST /{Type}}, {@code PUT /{Type}/{id}}):
     * the URL names the type, so a body without {@code resourceType} is read as {@code type}, as HAPI
     * FHIR's server does; a body that names another type is still refused.
     */
    public static <T extends IBaseResource> T parseForEndpoint(String body, Class<T> type) {
        try {
            return parse(body, type);
        } catch (FhirError e) {
            if (!e.getMessage().contains(MISSING_RESOURCE_TYPE)) {
                throw e;
            }
            // Only the rare body without the element pays for the second parse.
            return parse(withResourceType(body, CONTEXT.getResourceType(type)), type);
        }
    }

    /** The body's top-level object with {@code "resourceType": type} as its first member. */
    static String withResourceType(String body, String type) {
        int open = body.indexOf('{'); // parseAny checked that the body is an object
        boolean empty = body.substring(open + 1).isBlank() || body.substring(open + 1).stripLeading().startsWith("}");
        return body.substring(0, open + 1) + "\"resourceType\":\"" + type + "\"" + (empty ? "" : ",")
                + body.substring(open + 1);
    }

    /** Parses a request body that may be any resource type. */
    public static IBaseResource parseAny(String body) {
        if (body == null || body.isBlank()) {
            throw FhirError.structure("The request body is empty; a FHIR JSON resource is required");
        }
        String trimmed = body.stripLeading();
        if (!trimmed.startsWith("{")) {
            throw FhirError.structure("The request body is not a JSON object");
        }
        if (containsNul(body)) {
            // Valid JSON, but no FHIR string needs it and PostgreSQL text cannot store it.
            throw FhirError.badValue("The request body contains a NUL character (\\u0000), which is not allowed in FHIR strings");
        }
        try {
            return newParser().parseResource(body);
        } catch (DataFormatException e) {
            throw classify(e);
        } catch (RuntimeException e) {
            // HAPI surfaces some JSON syntax problems as other runtime exceptions.
            throw FhirError.structure("The request body is not valid FHIR JSON: " + firstLine(e.getMessage()));
        }
    }

    /** A raw NUL, or its JSON escape: backslash-u0000 where that backslash is not itself escaped. */
    static boolean containsNul(String body) {
        if (body.indexOf('\0') >= 0) {
            return true;
        }
        for (int at = body.indexOf("\\u0000"); at >= 0; at = body.indexOf("\\u0000", at + 1)) {
            int backslashes = 1;
            while (at - backslashes >= 0 && body.charAt(at - backslashes) == '\\') {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                return true;
            }
        }
        return false;
    }

    public static String write(IBaseResource resource) {
        return CONTEXT.newJsonParser().encodeResourceToString(resource);
    }

    private static IParser newParser() {
        return CONTEXT.newJsonParser().setParserErrorHandler(STRICT);
    }

    private static FhirError classify(DataFormatException e) {
        String message = firstLine(e.getMessage());
        String lower = message.toLowerCase();
        if (lower.contains("resourcetype") || lower.contains("resource type")) {
            return FhirError.invalid(message);
        }
        if (lower.contains("json") && (lower.contains("parse") || lower.contains("unexpected"))) {
            return FhirError.structure(message);
        }
        return FhirError.invalid(message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable content";
        }
        // HAPI prefixes messages with an internal code such as "HAPI-1861: ", and names the Java
        // exception behind a malformed number: clients need neither (CONTRACT section 1).
        String line = message.lines().findFirst().orElse(message);
        return JAVA_EXCEPTION.matcher(line.replaceFirst("^HAPI-\\d+: ", "")).replaceAll("");
    }
}
