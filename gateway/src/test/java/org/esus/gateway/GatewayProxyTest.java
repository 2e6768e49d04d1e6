package org.esus.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gateway against the two echo upstreams of {@link TestUpstreams}. */
@QuarkusTest
@WithTestResource(TestUpstreams.class)
class GatewayProxyTest {

    @Test
    void shouldRouteToTheLongestMatchingPrefix() {
        get("/fhir/Slot/123").then().statusCode(200).body("upstream", equalTo("a"));
        get("/fhir/Slot").then().statusCode(200).body("upstream", equalTo("a"));
        get("/fhir/Schedule/9").then().statusCode(200).body("upstream", equalTo("a"));
        get("/fhir/Slot/special").then().statusCode(200).body("upstream", equalTo("b"));
        get("/fhir/Slot/special/7/_history/2").then().statusCode(200).body("upstream", equalTo("b"));
        get("/fhir/Slot/specialty").then().statusCode(200).body("upstream", equalTo("a"));
    }

    @Test
    void shouldPreserveMethodPathAndQuery() {
        String query = "status=free&schedule.actor=Practitioner/abc&date=ge2026-04-21T00:00:00Z&_count=1&_sort=start";
        get("/fhir/Slot?" + query).then().statusCode(200)
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/fhir/Slot?" + query));
        given().urlEncodingEnabled(false).delete("/fhir/Slot/42?x=1").then().statusCode(200)
                .body("method", equalTo("DELETE")).body("uri", equalTo("/fhir/Slot/42?x=1"));
        given().urlEncodingEnabled(false).get("/fhir?_format=json").then().statusCode(200)
                .body("upstream", equalTo("a")).body("uri", equalTo("/fhir?_format=json"));
    }

    @Test
    void shouldKeepTheOriginalHostAndAddForwardedHeaders() {
        given().header("Host", "fhir.example.org:9443")
                .header("Authorization", "Bearer abc.def.ghi")
                .header("X-Forwarded-For", "10.1.2.3")
                .get("/fhir/Slot/1")
                .then().statusCode(200)
                .body("headers.host", equalTo("fhir.example.org:9443"))
                .body("headers.authorization", equalTo("Bearer abc.def.ghi"))
                .body("headers.x-forwarded-for", equalTo("10.1.2.3, 127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .header("Location", equalTo("http://fhir.example.org:9443/fhir/Slot/1/_history/1"));
    }

    @Test
    void shouldDropHopByHopHeaders() {
        given().header("Connection", "keep-alive, X-Hop")
                .header("X-Hop", "secret-to-this-hop")
                .header("Proxy-Authorization", "Basic Zm9vOmJhcg==")
                .header("X-End-To-End", "kept")
                .get("/fhir/Slot/1")
                .then().statusCode(200)
                .body("headers.x-hop", nullValue())
                .body("headers.proxy-authorization", nullValue())
                .body("headers.x-end-to-end", equalTo("kept"));
    }

    @Test
    void shouldStreamARequestBodyIntact() {
        byte[] body = TestUpstreams.generated(2 * 1024 * 1024 + 17);
        given().contentType("application/fhir+json").body(body)
                .post("/fhir")
                .then().statusCode(200)
                .body("upstream", equalTo("a"))
                .body("method", equalTo("POST"))
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(HexFormat.of().formatHex(TestUpstreams.sha256().digest(body))));
    }

    @Test
    void shouldLeaveBodySizeLimitsToTheServices() {
        byte[] body = TestUpstreams.generated(12 * 1024 * 1024);
        given().contentType("application/octet-stream").body(body)
                .post("/fhir/Slot/upload")
                .then().statusCode(200)
                .body("bodyLength", equalTo(body.length))
                .body("bodySha256", equalTo(HexFormat.of().formatHex(TestUpstreams.sha256().digest(body))));
    }

    @Test
    void shouldStreamAResponseBodyIntact() {
        int size = 3 * 1024 * 1024 + 5;
        byte[] received = get("/fhir/Slot/big?size=" + size).then().statusCode(200)
                .extract().asByteArray();
        assertEquals(size, received.length);
        assertArrayEquals(TestUpstreams.generated(size), received);
    }

    @Test
    void shouldPassUpstreamStatusAndHeadersThrough() {
        given().contentType("application/fhir+json").body("{\"resourceType\":\"Slot\"}")
                .post("/fhir/Slot?echoStatus=201")
                .then().statusCode(201)
                .header("ETag", equalTo("W/\"1\""))
                .header("Content-Type", equalTo("application/fhir+json;charset=utf-8"));
        get("/fhir/Slot/1?echoStatus=503").then().statusCode(503).body("upstream", equalTo("a"));
    }

    @Test
    void shouldAnswerNotFoundWithAnOperationOutcomeForUnroutedPaths() {
        for (String path : new String[] {"/fhir/Slotty", "/fhir/Patient/1", "/elsewhere", "/"}) {
            get(path).then().statusCode(404)
                    .header("Content-Type", equalTo("application/fhir+json;charset=utf-8"))
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].severity", equalTo("error"))
                    .body("issue[0].code", equalTo("not-found"))
                    .body("issue[0].diagnostics", containsString(path));
        }
    }

    @Test
    void shouldAnswerServiceUnavailableWhenTheUpstreamIsDown() {
        given().contentType("application/fhir+json").body("{\"resourceType\":\"Subscription\"}")
                .post("/fhir/Subscription")
                .then().statusCode(503)
                .header("Retry-After", equalTo("5"))
                .header("Content-Type", equalTo("application/fhir+json;charset=utf-8"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("transient"))
                .body("issue[0].diagnostics", startsWith("The service for this path (subscription)"));
    }

    @Test
    void shouldRouteTheSubscriptionTopicsAsBasicToSubscriptionService() {
        get("/fhir/Basic/slot-changes").then().statusCode(503)
                .body("issue[0].diagnostics", startsWith("The service for this path (subscription)"));
        // R4 has no SubscriptionTopic type: "/fhir/Subscription" must not swallow it at a non-"/" boundary.
        get("/fhir/SubscriptionTopic/slot-changes").then().statusCode(404).body("issue[0].code", equalTo("not-found"));
    }

    @Test
    void shouldAnswerServiceUnavailableWhenTheUpstreamDoesNotAnswerInTime() {
        get("/fhir/Slot/hang").then().statusCode(503)
                .header("Retry-After", equalTo("5"))
                .body("issue[0].code", equalTo("transient"));
    }

    @Test
    void shouldServeItsOwnHealthChecks() {
        get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static Response get(String pathAndQuery) {
        return given().urlEncodingEnabled(false).get(pathAndQuery);
    }
}
