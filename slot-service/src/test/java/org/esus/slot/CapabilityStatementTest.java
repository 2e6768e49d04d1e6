package org.esus.slot;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.junit.jupiter.api.Test;

/**
 * What a topic-based Subscription client learns from GET /metadata (Subscriptions R5 Backport
 * IG 1.1.0): the IG, the topic it can subscribe to, and where to read that topic's definition.
 */
@QuarkusTest
class CapabilityStatementTest {

    private static final String TOPIC_CANONICAL =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/capabilitystatement-subscriptiontopic-canonical";

    private static CapabilityStatement statement() {
        String body = given().get("/fhir/metadata").then().statusCode(200).extract().asString();
        return FhirContext.forR4().newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                .parseResource(CapabilityStatement.class, body);
    }

    private static CapabilityStatementRestResourceComponent entry(CapabilityStatement statement, String type) {
        return statement.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " entry"));
    }

    @Test
    void theSubscriptionEntryAdvertisesTheSlotTopicAndTheStatementTheBackportIg() {
        CapabilityStatement statement = statement();

        List<String> topics = entry(statement, "Subscription").getExtensionsByUrl(TOPIC_CANONICAL).stream()
                .map(Extension::getValue).map(value -> ((CanonicalType) value).getValue()).toList();
        assertEquals(List.of("https://esus.org/fhir/SubscriptionTopic/slot-changes"), topics);
        assertTrue(statement.getImplementationGuide().stream().map(PrimitiveType::getValue).anyMatch(
                "http://hl7.org/fhir/uv/subscriptions-backport/ImplementationGuide/hl7.fhir.uv.subscriptions-backport|1.1.0"::equals));
        // The IG's SHALL for R4 servers: $status (and ESUS also serves $events).
        assertEquals(List.of("status", "events"), entry(statement, "Subscription").getOperation().stream()
                .map(o -> o.getName()).toList());
    }

    @Test
    void topicsAreReadOnlyBasicResourcesSearchableByUrl() {
        CapabilityStatementRestResourceComponent basic = entry(statement(), "Basic");

        assertEquals(List.of("read", "search-type"), basic.getInteraction().stream().map(i -> i.getCode().toCode()).toList());
        assertTrue(basic.getSearchParam().stream().anyMatch(p -> p.getName().equals("url")));
    }
}
