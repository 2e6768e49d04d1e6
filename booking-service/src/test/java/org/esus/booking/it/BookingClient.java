package org.esus.booking.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.esus.booking.Fixtures;
import org.esus.testsupport.TestTokens;

/** Books slots over HTTP on a booking-service started as a process. */
final class BookingClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String baseUrl;

    BookingClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The status of one booking attempt; -1 when the connection failed (a killed service). */
    int book(String slotId) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "Appointment"))
                    .header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES))
                    .header("Content-Type", Fixtures.FHIR_JSON)
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(Fixtures.appointment(slotId))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Books a slot the service may not know yet (its event is in flight): retries while the answer is 422. */
    int bookKnown(String slotId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do {
            status = book(slotId);
        } while (status == 422 && System.nanoTime() < deadline);
        return status;
    }
}
