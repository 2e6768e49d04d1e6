package org.esus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A thin HTTP client for the benchmarks: FHIR JSON, bearer token, one shared connection pool. */
final class BenchClient {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final String bearer;

    BenchClient(String base, String token) {
        this.base = base.endsWith("/") ? base : base + "/";
        this.bearer = "Bearer " + token;
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery, 30).GET());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(request(path, 120).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> put(String path, String body) throws IOException, InterruptedException {
        return send(request(path, 30).header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path, 30).DELETE());
    }

    private HttpRequest.Builder request(String path, int timeoutSeconds) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", bearer)
                .header("Accept", "application/fhir+json")
                .timeout(Duration.ofSeconds(timeoutSeconds));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
