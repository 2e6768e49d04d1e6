package org.esus.subscription;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import org.esus.testsupport.TestTokens;

/** Request builders and Subscription bodies the tests share. */
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
}
