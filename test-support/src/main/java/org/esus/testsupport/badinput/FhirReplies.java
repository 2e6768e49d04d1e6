package org.esus.testsupport.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Pattern;
import org.esus.testsupport.badinput.RawHttp.Reply;

/**
 * CONTRACT section 1 as assertions on one response: never a 5xx; every 4xx is an
 * {@code application/fhir+json} OperationOutcome whose first issue has a severity, a code and a
 * diagnostics without a stack trace. Each check answers a label for the run's summary, e.g.
 * {@code "400 invalid"} or {@code "201"}, and throws an AssertionError naming what was wrong.
 */
public final class FhirReplies {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Java exception class name, such as java.lang.IllegalStateException. */
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("\\b(java|org|io|jakarta)\\.[a-z]+\\.[A-Za-z.$]*(Exception|Error)\\b");

    private FhirReplies() {
    }

    /** Any interaction: a 2xx/3xx as it is, a 4xx as a well-formed OperationOutcome, never a 5xx. */
    public static String classify(Reply reply) {
        int status = reply.status();
        if (status >= 500) {
            throw new AssertionError("server error " + reply);
        }
        if (status < 400) {
            return Integer.toString(status);
        }
        String contentType = reply.header("Content-Type");
        if (contentType == null || !contentType.startsWith("application/fhir+json")) {
            throw new AssertionError("a " + status + " with Content-Type " + contentType + ", not application/fhir+json: " + reply);
        }
        JsonNode body = json(reply);
        if (!"OperationOutcome".equals(body.path("resourceType").asText())) {
            throw new AssertionError("a " + status + " that is not an OperationOutcome: " + reply);
        }
        JsonNode issue = body.path("issue").path(0);
        String severity = issue.path("severity").asText("");
        String code = issue.path("code").asText("");
        if (severity.isEmpty() || code.isEmpty()) {
            throw new AssertionError("a " + status + " OperationOutcome without issue[0].severity and code: " + reply);
        }
        String diagnostics = issue.path("diagnostics").asText("");
        if (diagnostics.contains("\tat ") || EXCEPTION_CLASS.matcher(diagnostics).find()) {
            throw new AssertionError("a " + status + " whose diagnostics show a stack trace or an exception class: " + reply);
        }
        return status + " " + code;
    }

    /** A search: as {@link #classify}, and a 200 is a Bundle of type searchset. */
    public static String classifySearch(Reply reply) {
        String label = classify(reply);
        if (reply.status() == 200) {
            JsonNode body = json(reply);
            if (!"Bundle".equals(body.path("resourceType").asText()) || !"searchset".equals(body.path("type").asText())) {
                throw new AssertionError("a 200 search answer that is not a searchset Bundle: " + reply);
            }
        } else if (reply.status() < 400) {
            throw new AssertionError("a search answered neither 200 nor an error: " + reply);
        }
        return label;
    }

    /** The id of a created or updated resource (the body of a 2xx). */
    public static String id(Reply reply) {
        return json(reply).path("id").asText(null);
    }

    private static JsonNode json(Reply reply) {
        try {
            JsonNode node = JSON.readTree(reply.body());
            if (node == null || !node.isObject()) {
                throw new AssertionError("the body is not a JSON object: " + reply);
            }
            return node;
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON (" + e.getMessage() + "): " + reply);
        }
    }
}
