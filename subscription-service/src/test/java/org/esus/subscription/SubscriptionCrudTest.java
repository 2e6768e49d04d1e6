package org.esus.subscription;

import static org.esus.subscription.Fixtures.api;
import static org.esus.subscription.Fixtures.assertStoredNothing;
import static org.esus.subscription.Fixtures.refused;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.esus.common.events.SubscriptionState;
import org.esus.common.events.Topics;
import org.esus.subscription.store.SubscriptionEntity;
import org.esus.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/** Subscription interactions and validation of CONTRACT section 5; publishing to esus.subscriptions. */
@QuarkusTest
class SubscriptionCrudTest {

    private static final String SECRET = "whsec-0123456789abcdefghijklmnop";

    @Test
    void theSeedSubscriptionAsWrittenIsStoredActive() {
        String id = api().body(Fixtures.SEED).post("/fhir/Subscription").then().statusCode(201)
                .header("Location", containsString("/fhir/Subscription/"))
                .header("ETag", "W/\"1\"")
                .body("status", equalTo("active"))
                .body("meta.versionId", equalTo("1"))
                .extract().path("id");
        api().get("/fhir/Subscription/" + id).then().statusCode(200)
                .body("status", equalTo("active"))
                .body("criteria", equalTo("Slot?schedule.actor=Practitioner/a7b1c2d3-e4f5-6789-abcd-ef0123456789"))
                .body("channel.type", equalTo("rest-hook"))
                .body("channel.payload", equalTo("application/fhir+json"));
    }

    @Test
    void theProductDocumentationsExampleWithoutResourceTypeIsStored() {
        // The product documentation's "Subscription (Push)" body: the URL names the type.
        String id = api().body("""
                {"status": "active", "reason": "Slot availability for practitioner",
                 "criteria": "Slot?schedule.actor=Practitioner/a7b1c2d3-e4f5-6789-abcd-ef0123456789",
                 "channel": {"type": "rest-hook", "endpoint": "https://your-app.example.com/webhooks/slots",
                             "payload": "application/fhir+json"}}""")
                .post("/fhir/Subscription").then().statusCode(201)
                .body("resourceType", equalTo("Subscription")).body("status", equalTo("active"))
                .extract().path("id");
        api().body("{\"id\": \"" + id + "\", \"status\": \"off\", \"criteria\": \"Slot?status=free\","
                + " \"channel\": {\"type\": \"rest-hook\", \"endpoint\": \"https://your-app.example.com/webhooks/slots\"}}")
                .put("/fhir/Subscription/" + id).then().statusCode(200).body("status", equalTo("off"));
        refused("{\"resourceType\": \"Appointment\", \"status\": \"active\"}", 400);
    }

    @Test
    void theSecretIsStoredAndPublishedButNeverReturned() {
        String id = api().body(Fixtures.subscription("Slot?status=free", "https://hooks.example.org/a", SECRET))
                .post("/fhir/Subscription").then().statusCode(201)
                .body(not(containsString(SECRET)))
                .body("channel.extension", nullValue())
                .extract().path("id");
        api().get("/fhir/Subscription/" + id).then().statusCode(200).body(not(containsString(SECRET)))
                .body("channel.header", hasItem("X-Client: esus-test"));
        api().get("/fhir/Subscription?url=https://hooks.example.org/a").then().statusCode(200)
                .body(not(containsString(SECRET)));
        SubscriptionEntity stored = SubscriptionEntity.findById(UUID.fromString(id));
        assertEquals(SECRET, stored.secret);

        // An update without the extension keeps the secret: a client cannot read it back to resend it.
        String update = Fixtures.subscription("Slot?status=free,busy", "https://hooks.example.org/a", null)
                .replace("{\"resourceType\":\"Subscription\",", "{\"resourceType\":\"Subscription\",\"id\":\"" + id + "\",");
        api().body(update).put("/fhir/Subscription/" + id).then().statusCode(200).header("ETag", "W/\"2\"")
                .body(not(containsString(SECRET)));
        try (TopicReader<SubscriptionState> topic = new TopicReader<>(Topics.SUBSCRIPTIONS, SubscriptionState.class)) {
            List<SubscriptionState> states = topic.valuesOf(id, 2, Duration.ofSeconds(20));
            assertEquals(2, states.size());
            assertEquals(SECRET, states.get(1).secret());
            assertEquals("Slot?status=free,busy", states.get(1).criteria());
            assertEquals(List.of("X-Client: esus-test"), states.get(1).headers());
            assertFalse(states.get(1).toString().contains(SECRET));
        }
    }

    @Test
    void aShortSecretIsRefused() {
        api().body(Fixtures.subscription("Slot?status=free", "https://hooks.example.org/short", "too-short"))
                .post("/fhir/Subscription").then().statusCode(400).body("issue[0].diagnostics", containsString("24"));
        assertStoredNothing("https://hooks.example.org/short");
    }

    @Test
    void updateHonoursIfMatchAndDeleteLeavesATombstone() {
        String id = Fixtures.create(Fixtures.subscription("Slot?status=free", "https://hooks.example.org/b", null));
        String update = "{\"resourceType\":\"Subscription\",\"id\":\"" + id + "\",\"status\":\"off\",\"reason\":\"x\","
                + "\"criteria\":\"Slot?status=free\",\"channel\":{\"type\":\"rest-hook\","
                + "\"endpoint\":\"https://hooks.example.org/b\"}}";
        api().header("If-Match", "W/\"1\"").body(update).put("/fhir/Subscription/" + id).then().statusCode(200)
                .body("status", equalTo("off")).header("ETag", "W/\"2\"");
        api().header("If-Match", "W/\"1\"").body(update).put("/fhir/Subscription/" + id).then().statusCode(412);
        api().body(update.replace(id, UUID.randomUUID().toString())).put("/fhir/Subscription/" + id).then().statusCode(400);
        api().body(update.replace("\"off\"", "\"error\"")).put("/fhir/Subscription/" + id).then().statusCode(422);
        api().delete("/fhir/Subscription/" + id).then().statusCode(200);
        api().get("/fhir/Subscription/" + id).then().statusCode(410).body("issue[0].code", equalTo("deleted"));
        api().get("/fhir/Subscription/" + UUID.randomUUID()).then().statusCode(404);
        try (TopicReader<SubscriptionState> topic = new TopicReader<>(Topics.SUBSCRIPTIONS, SubscriptionState.class)) {
            List<SubscriptionState> states = topic.valuesOf(id, 3, Duration.ofSeconds(20));
            assertEquals(3, states.size());
            assertEquals("off", states.get(1).status());
            assertNull(states.get(2), "a delete publishes a tombstone");
        }
    }

    @Test
    void searchByStatusAndUrl() {
        String endpoint = "https://hooks.example.org/search-" + UUID.randomUUID();
        String active = Fixtures.create(Fixtures.subscription("Slot?status=free", endpoint, null));
        String off = Fixtures.create(Fixtures.subscription("Slot?status=busy", endpoint, null).replace("requested", "off"));
        api().get("/fhir/Subscription?url=" + endpoint).then().statusCode(200)
                .body("resourceType", equalTo("Bundle")).body("type", equalTo("searchset"))
                .body("total", equalTo(2)).body("entry.resource.id", hasItem(active)).body("entry.resource.id", hasItem(off))
                .body("entry.search.mode", everyItem(equalTo("match")));
        api().get("/fhir/Subscription?status=off&url=" + endpoint).then().statusCode(200)
                .body("total", equalTo(1)).body("entry[0].resource.id", equalTo(off));
        api().get("/fhir/Subscription?status=active").then().statusCode(200)
                .body("entry.resource.status", everyItem(equalTo("active")));
        api().get("/fhir/Subscription?status=sleeping").then().statusCode(400);
        api().get("/fhir/Subscription?criteria=Slot").then().statusCode(400);
        // _count=0: the total only, no entries (a client counting its requested Subscriptions).
        api().get("/fhir/Subscription?status=active&_count=0").then().statusCode(200)
                .body("total", greaterThan(0)).body("entry", nullValue());
    }

    @Test
    void invalidSubscriptionsAreRefusedAndNothingIsStored() {
        String endpoint = "https://hooks.example.org/invalid-" + UUID.randomUUID();
        refused(Fixtures.subscription("Slot?colour=blue", endpoint, null), 400);
        refused(Fixtures.subscription("Slot?status=free&_count=10", endpoint, null), 400);
        refused(Fixtures.subscription("Slot?_sort=start", endpoint, null), 400);
        refused(Fixtures.subscription("Slot?date=soon", endpoint, null), 400);
        refused(Fixtures.subscription("Appointment?status=booked", endpoint, null), 422);
        refused(Fixtures.subscription("Slot?status=free", endpoint, null).replace("rest-hook", "websocket"), 422);
        refused(Fixtures.subscription("Slot?status=free", endpoint, null).replace("rest-hook", "email"), 422);
        refused(Fixtures.subscription("Slot?status=free", endpoint, null).replace("application/fhir+json", "application/xml"), 422);
        refused(Fixtures.subscription("Slot?status=free", endpoint, null).replace("\"requested\"", "\"error\""), 422);
        refused(Fixtures.subscription("Slot?status=free", endpoint, null).replace("X-Client: esus-test", "no colon"), 400);
        refused("{\"resourceType\":\"Subscription\",\"status\":\"active\",\"reason\":\"x\",\"criteria\":\"Slot?status=free\","
                + "\"channel\":{\"type\":\"rest-hook\"}}", 400);
        refused(Fixtures.subscription("Slot?status=free", "ftp://hooks.example.org/x", null), 400);
        refused(Fixtures.subscription("Slot?status=free", "/relative/hook", null), 400);
        refused("{\"resourceType\":\"Slot\"}", 400);
        refused("{not json", 400);
        assertStoredNothing(endpoint);
    }

    @Test
    void privateAddressesAreRefusedLoopbackIsAllowedInTests() {
        for (String endpoint : List.of("http://10.1.2.3/hook", "http://192.168.1.10:8080/hook", "http://172.16.0.1/hook",
                "http://169.254.169.254/latest/meta-data", "http://[fd00::1]/hook", "http://0.0.0.0/hook",
                "http://224.0.0.1/hook")) {
            api().body(Fixtures.subscription("Slot?status=free", endpoint, null)).post("/fhir/Subscription")
                    .then().statusCode(422).body("issue[0].diagnostics", containsString("address"));
            assertStoredNothing(endpoint);
        }
        // %test sets esus.subscription.allow-loopback=true, as ./esus up does
        Fixtures.create(Fixtures.subscription("Slot?status=free", "http://127.0.0.1:9/hook", null));
    }

    @Test
    void scopesAreChecked() {
        api("system/Slot.rs").get("/fhir/Subscription?status=active").then().statusCode(403)
                .body("issue[0].code", equalTo("forbidden"));
        api("system/Subscription.rs").body(Fixtures.SEED).post("/fhir/Subscription").then().statusCode(403);
        io.restassured.RestAssured.given().get("/fhir/Subscription?status=active").then().statusCode(401);
        api(TestTokens.ALL_SCOPES).get("/fhir/Subscription?status=active").then().statusCode(200);
    }
}
