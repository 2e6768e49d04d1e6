package org.esus.subscription.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.esus.common.error.FhirError;
import org.esus.common.http.FhirResponses;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Passes a read of a Subscription's event log to the replica whose stream task holds it (its
 * {@code application.server}), with the caller's token, once: a forwarded request that lands on a
 * replica that no longer holds the log either (a rebalance in between) answers 503.
 */
@ApplicationScoped
public class ReplicaForwarder {

    static final String FORWARDED = "X-ESUS-Forwarded";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Response forward(HostInfo owner, UriInfo uri, String authorization, String alreadyForwarded) {
        if (alreadyForwarded != null) {
            throw unavailable("it moved while the request was passed on", null);
        }
        URI target = uri.getRequestUriBuilder().scheme("http").host(owner.host()).port(owner.port()).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30)).GET()
                .header(FORWARDED, "1").header("Accept", "application/fhir+json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return FhirResponses.json(Response.status(answer.statusCode()).entity(answer.body())).build();
        } catch (IOException e) {
            throw unavailable("the replica at " + owner.host() + ":" + owner.port() + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted", e);
        }
    }

    private static FhirError unavailable(String why, Exception cause) {
        return new FhirError(503, IssueType.TRANSIENT,
                "The Subscription's event log is on another replica and " + why + "; retry shortly", 1, cause);
    }
}
