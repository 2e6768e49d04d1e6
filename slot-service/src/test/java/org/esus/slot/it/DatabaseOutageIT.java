package org.esus.slot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.esus.common.events.EventJson;
import org.esus.testsupport.KafkaBroker;
import org.esus.testsupport.ServiceProcess;
import org.esus.testsupport.TestDatabase;
import org.esus.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT section 1: while PostgreSQL cannot be reached, reads, searches and writes answer
 * 503 with Retry-After and an OperationOutcome (never a 500 or a hang), and the service serves
 * again once the database is back, without a restart.
 */
class DatabaseOutageIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void unreachableDatabaseIsATransientErrorAndTheServiceRecovers() throws Exception {
        String database = "esus_it_outage_" + ProcessHandle.current().pid();
        String jdbc = TestDatabase.recreate(database);
        URI server = URI.create(TestDatabase.SERVER_URL.substring("jdbc:".length()));
        try (CuttableTcpProxy proxy = new CuttableTcpProxy(server.getHost(), server.getPort())) {
            Map<String, String> environment = ServiceProcess.environment(
                    "jdbc:postgresql://127.0.0.1:" + proxy.port() + jdbc.substring(TestDatabase.SERVER_URL.length()),
                    KafkaBroker.bootstrapServers());
            try (ServiceProcess service = ServiceProcess.start("slot-service", environment, new File("target", "database-outage.log"))) {
                String schedule = "{\"resourceType\":\"Schedule\",\"actor\":[{\"reference\":\"Practitioner/outage\"}]}";
                assertEquals(201, send(service, "POST", "Schedule", schedule).statusCode());

                proxy.cut();
                for (String[] call : new String[][] {{"GET", "Slot?status=free"}, {"POST", "Schedule"}}) {
                    HttpResponse<String> response = send(service, call[0], call[1], call[0].equals("POST") ? schedule : null);
                    assertEquals(503, response.statusCode(), call[0] + " " + call[1] + ": " + response.body());
                    assertNotNull(response.headers().firstValue("Retry-After").orElse(null));
                    JsonNode outcome = EventJson.tree(response.body());
                    assertEquals("OperationOutcome", outcome.get("resourceType").asText());
                    assertEquals("transient", outcome.get("issue").get(0).get("code").asText());
                }

                proxy.restore();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                int status = 0;
                while (System.nanoTime() < deadline && status != 200) {
                    status = send(service, "GET", "Slot?status=free", null).statusCode();
                    Thread.sleep(250);
                }
                assertEquals(200, status, "the service serves again once the database is back");
                assertTrue(send(service, "POST", "Schedule", schedule).statusCode() == 201);
            }
        } finally {
            TestDatabase.drop(database);
        }
    }

    private static HttpResponse<String> send(ServiceProcess service, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES))
                .header("Content-Type", "application/fhir+json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
