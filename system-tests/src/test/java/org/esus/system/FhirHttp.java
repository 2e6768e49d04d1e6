package org.esus.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.esus.common.events.EventJson;
import org.esus.testsupport.TestTokens;

/** A minimal FHIR JSON client over java.net.http for services started as processes. */
final class FhirHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    FhirHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    JsonNode create(String type, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(type).POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 201) {
            throw new AssertionError("POST " + type + " answered " + response.statusCode() + ": " + response.body());
        }
        return EventJson.tree(response.body());
    }

    JsonNode read(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(path).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return EventJson.tree(response.body());
    }

    void delete(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(path).DELETE());
        if (response.statusCode() != 200) {
            throw new AssertionError("DELETE " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    JsonNode update(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange("PUT", path, body);
        if (response.statusCode() != 200) {
            throw new AssertionError("PUT " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return EventJson.tree(response.body());
    }

    /** Any request, its answer as it came (no status check): what a client under a fault sees. */
    HttpResponse<String> exchange(String method, String path, String body) throws IOException, InterruptedException {
        return send(request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Polls a resource until a top-level field has the expected value. */
    void awaitField(String path, String field, String expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = read(path).path(field).asText();
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " " + field + " stayed '" + last + "', expected '" + expected + "'");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES))
                .header("Content-Type", "application/fhir+json")
                .timeout(Duration.ofSeconds(20));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
