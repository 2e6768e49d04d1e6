package org.esus.subscription;

import static io.restassured.RestAssured.given;
import static org.esus.subscription.Fixtures.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.junit.jupiter.api.Test;

/**
 * The Slot SubscriptionTopic as an R4 client reads it: a Basic wrapping the topic's elements as
 * cross-version extensions (Subscriptions R5 Backport IG), by id and by canonical URL.
 */
@QuarkusTest
class SubscriptionTopicTest {

    private static final String TOPIC_URL = "https://esus.org/fhir/SubscriptionTopic/slot-changes";
    private static final String R5 = "http://hl7.org/fhir/5.0/StructureDefinition/extension-SubscriptionTopic.";
    private static final String R4B = "http://hl7.org/fhir/4.3/StructureDefinition/extension-SubscriptionTopic.";
    /** The scope CONTRACT section 2 gives subscribers: read, but no search, on Subscription. */
    private static final String SUBSCRIBER = "system/Subscription.crud";

    private static final IParser STRICT = FhirContext.forR4().newJsonParser().setParserErrorHandler(new StrictErrorHandler());

    @Test
    void theTopicReadByIdDescribesSlotTriggersFiltersAndShape() {
        String body = api(SUBSCRIBER).get("/fhir/Basic/slot-changes").then().statusCode(200)
                .contentType(startsWith("application/fhir+json"))
                .header("ETag", "W/\"1\"")
                .extract().asString();
        Basic topic = STRICT.parseResource(Basic.class, body);

        assertEquals("slot-changes", topic.getIdElement().getIdPart());
        assertEquals("http://hl7.org/fhir/fhir-types", topic.getCode().getCodingFirstRep().getSystem());
        assertEquals("SubscriptionTopic", topic.getCode().getCodingFirstRep().getCode());
        assertEquals(TOPIC_URL, value(topic.getExtensionByUrl(R5 + "url")));
        assertEquals("active", value(topic.getModifierExtension().stream()
                .filter(e -> e.getUrl().equals(R5 + "status")).findFirst().orElseThrow()));

        Extension trigger = topic.getExtensionByUrl(R4B + "resourceTrigger");
        assertEquals("Slot", value(trigger.getExtensionByUrl("resource")));
        assertEquals(List.of("create", "update", "delete"), values(trigger, "supportedInteraction"));

        List<Extension> filters = topic.getExtensionsByUrl(R4B + "canFilterBy");
        assertEquals(List.of("schedule.actor", "schedule", "status", "_id"),
                filters.stream().map(f -> value(f.getExtensionByUrl("filterParameter"))).toList());
        for (Extension filter : filters) {
            assertEquals("Slot", value(filter.getExtensionByUrl("resource")));
            assertEquals(List.of("="), values(filter, "modifier"));
        }

        Extension shape = topic.getExtensionByUrl(R4B + "notificationShape");
        assertEquals("Slot", value(shape.getExtensionByUrl("resource")));
    }

    @Test
    void theTopicIsFoundByItsCanonicalUrlAndByTheSubscriptionTopicCode() {
        String body = api(SUBSCRIBER).queryParam("url", TOPIC_URL).get("/fhir/Basic").then().statusCode(200)
                .body("type", equalTo("searchset"))
                .body("total", equalTo(1))
                .body("entry[0].fullUrl", endsWith("/fhir/Basic/slot-changes"))
                .body("entry[0].search.mode", equalTo("match"))
                .extract().asString();
        Bundle bundle = STRICT.parseResource(Bundle.class, body);
        assertEquals(TOPIC_URL, value(((Basic) bundle.getEntryFirstRep().getResource()).getExtensionByUrl(R5 + "url")));

        api(SUBSCRIBER).queryParam("code", "http://hl7.org/fhir/fhir-types|SubscriptionTopic").get("/fhir/Basic")
                .then().statusCode(200).body("total", equalTo(1)).body("entry[0].resource.id", equalTo("slot-changes"));
        api(SUBSCRIBER).queryParam("url", "https://esus.org/fhir/SubscriptionTopic/other," + TOPIC_URL).get("/fhir/Basic")
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void aSearchForAnotherTopicFindsNothing() {
        api(SUBSCRIBER).queryParam("url", "https://esus.org/fhir/SubscriptionTopic/other").get("/fhir/Basic")
                .then().statusCode(200).body("total", equalTo(0)).body("entry", nullValue());
        api(SUBSCRIBER).queryParam("url", TOPIC_URL).queryParam("code", "Patient").get("/fhir/Basic")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void unknownSearchParametersAreIgnoredWithAWarningOrRefusedWhenStrict() {
        api(SUBSCRIBER).queryParam("url", TOPIC_URL).queryParam("title", "x").get("/fhir/Basic").then().statusCode(200)
                .body("total", equalTo(1))
                .body("entry.find { it.search.mode == 'outcome' }.resource.issue[0].diagnostics", containsString("title"));
        api(SUBSCRIBER).header("Prefer", "handling=strict").queryParam("title", "x").get("/fhir/Basic").then()
                .statusCode(400).body("resourceType", equalTo("OperationOutcome"));
    }

    @Test
    void anUnknownIdIsNotFound() {
        api(SUBSCRIBER).get("/fhir/Basic/slot-change").then().statusCode(404)
                .contentType(startsWith("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].code", equalTo("not-found"))
                .body("issue[0].diagnostics", containsString("slot-change"));
    }

    @Test
    void readingTheTopicNeedsABearerTokenWithSubscriptionRead() {
        for (String path : List.of("/fhir/Basic/slot-changes", "/fhir/Basic?url=" + TOPIC_URL)) {
            given().get(path).then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .body("resourceType", equalTo("OperationOutcome"))
                    .body("issue[0].code", equalTo("login"));
            api("system/Slot.rs").get(path).then().statusCode(403).body("issue[0].code", equalTo("forbidden"));
        }
    }

    private static String value(Extension extension) {
        return ((PrimitiveType<?>) extension.getValue()).getValueAsString();
    }

    private static List<String> values(Extension parent, String url) {
        return parent.getExtensionsByUrl(url).stream().map(SubscriptionTopicTest::value).toList();
    }
}
