package org.esus.subscription;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.esus.subscription.store.SubscriptionEntity;
import org.esus.testsupport.TestTokens;

/** Request builders, Subscription bodies and refusal checks the tests share. */
public final class Fixtures {

    public static final String FHIR_JSON = "application/fhir+json";
    public static final String SECRET_URL = "https://esus.org/fhir/StructureDefinition/subscription-secret";

    private Fixtures() {
    }

    public static RequestSpecification api() {
        return given().header("Authorization", TestTokens.bearer(TestTokens.ALL_SCOPES)).contentType(FHIR_JSON);
    }

    public static RequestSpecification api(String scopes) {
        return given().header("Authorization", TestTokens.bearer(scopes)).contentType(FHIR_JSON);
    }

    /** The seed Subscription of CONTRACT section 5, exactly as written there. */
    public static final String SEED = """
            {
             "resourceType": "Subscription",
             "status": "active",
             "reason": "Slot availability for practitioner",
             "criteria": "Slot?schedule.actor=Practitioner/a7b1c2d3-e4f5-6789-abcd-ef0123456789",
             "channel": {"type": "rest-hook", "endpoint": "https://your-app.example.com/webhooks/slots",
                         "payload": "application/fhir+json"}
            }
            """;

    /** The topic of the Subscriptions Backport IG's topic-based Subscriptions, as clients write it. */
    public static final String TOPIC = "https://esus.org/fhir/SubscriptionTopic/slot-changes";
    public static final String BACKPORT_IG = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";

    /** The Backport IG's R4 Subscription (shaped like its Subscription-subscription-zulip example) to {@code endpoint}. */
    public static String topicSubscription(String endpoint) {
        return """
                {"resourceType": "Subscription",
                 "meta": {"profile": ["%1$sbackport-subscription"]},
                 "status": "requested", "reason": "Slots of Dr X",
                 "criteria": "%2$s",
                 "_criteria": {"extension": [{"url": "%1$sbackport-filter-criteria",
                                              "valueString": "Slot?schedule.actor=Practitioner/123"}]},
                 "channel": {"extension": [
                     {"url": "%1$sbackport-heartbeat-period", "valueUnsignedInt": 60},
                     {"url": "%1$sbackport-timeout", "valueUnsignedInt": 30},
                     {"url": "%1$sbackport-max-count", "valuePositiveInt": 1}],
                   "type": "rest-hook", "endpoint": "%3$s", "payload": "application/fhir+json",
                   "_payload": {"extension": [{"url": "%1$sbackport-payload-content", "valueCode": "full-resource"}]}}}
                """.formatted(BACKPORT_IG, TOPIC, endpoint);
    }

    /** A Subscription with these criteria and endpoint, a header, and optionally a secret. */
    public static String subscription(String criteria, String endpoint, String secret) {
        String extension = secret == null ? ""
                : "\"extension\":[{\"url\":\"" + SECRET_URL + "\",\"valueString\":\"" + secret + "\"}],";
        return "{\"resourceType\":\"Subscription\",\"status\":\"requested\",\"reason\":\"test\",\"criteria\":\""
                + criteria + "\",\"channel\":{" + extension + "\"type\":\"rest-hook\",\"endpoint\":\"" + endpoint
                + "\",\"payload\":\"application/fhir+json\",\"header\":[\"X-Client: esus-test\"]}}";
    }

    public static String create(String body) {
        return api().body(body).post("/fhir/Subscription").then().statusCode(201).extract().path("id");
    }

    /** POST {@code body}: refused with {@code status} and an OperationOutcome that says why. */
    public static ValidatableResponse refused(String body, int status) {
        return api().body(body).post("/fhir/Subscription").then().statusCode(status)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", not(equalTo("")));
    }

    public static void assertStoredNothing(String endpoint) {
        assertEquals(0, SubscriptionEntity.count("endpoint", endpoint), "nothing stored for " + endpoint);
    }
}
