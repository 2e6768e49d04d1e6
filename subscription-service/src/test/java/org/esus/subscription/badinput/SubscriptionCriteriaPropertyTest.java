package org.esus.subscription.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.esus.common.search.SlotSearchParser;
import org.esus.subscription.Fixtures;
import org.esus.testsupport.badinput.BadValues;
import org.esus.testsupport.badinput.FhirClient;
import org.esus.testsupport.badinput.JsonMutants.Mutant;
import org.esus.testsupport.badinput.PropertyRun;
import org.esus.testsupport.badinput.QueryStrings;
import org.esus.testsupport.badinput.RawHttp.Reply;
import org.esus.testsupport.badinput.SearchArbitraries;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT section 5 for Subscription.criteria: random and mutated criteria (Slot filter
 * parameters, result parameters that criteria may not carry, other resource types, junk, raw
 * characters anywhere) in an otherwise valid Subscription. A created Subscription has criteria
 * the Slot search parser reads (never a silently dead one); a refusal is a 400 or 422
 * OperationOutcome and stores and publishes nothing; every created one, and only those, is
 * found by its endpoint.
 */
@QuarkusTest
class SubscriptionCriteriaPropertyTest {

    private static final List<String> PREFIXES = List.of("Slot", "slot?", "SLOT?", "Appointment?", "Schedule?", "Slot/?",
            "/Slot?", "Slot??", " Slot?", "Slot ?", "http://fhir.example.org/fhir/Slot?", "Slot?&", "", "?", "Slot?#",
            "Subscription?", "Slot/_search?", "Slot?_type=Slot&");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void criteriaAreReadByTheSlotParserOrRefusedWithAnOutcome() {
        String endpoint = "https://hooks.example.org/criteria-" + UUID.randomUUID();
        List<String> ids = List.of(UUID.randomUUID().toString());
        Arbitrary<String> filters = QueryStrings.over(SearchArbitraries.slotCriteria(ids, ids, ids));
        Arbitrary<String> written = Arbitraries.frequencyOf(
                Tuple.of(6, filters.map("Slot?"::concat)),
                Tuple.of(2, QueryStrings.over(SearchArbitraries.slotSearch(ids, ids, ids)).map("Slot?"::concat)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(PREFIXES), filters).as(String::concat)),
                Tuple.of(1, BadValues.strings()));
        // Criteria live in JSON, not on a request line: any character may turn up anywhere.
        Arbitrary<String> criteria = Arbitraries.frequencyOf(
                Tuple.of(4, written),
                Tuple.of(1, Combinators.combine(written, BadValues.strings(), Arbitraries.doubles().between(0, 1))
                        .as((text, inserted, where) -> {
                            int at = (int) (text.length() * where);
                            return text.substring(0, at) + inserted + text.substring(at);
                        })));
        FhirClient client = new FhirClient(RestAssured.port);
        Map<String, Integer> seen = PropertyRun.named("Subscription criteria", 400).checkRequests(criteria, text -> {
            Reply reply = client.send("POST", "/fhir/Subscription", new Mutant("criteria", "application/fhir+json",
                    SubscriptionBodies.subscription(text, endpoint, null).getBytes(StandardCharsets.UTF_8)));
            if (reply.status() == 201) {
                SlotSearchParser.parseCriteria(text); // throws when the server stored criteria it cannot match
            } else if (reply.status() != 400 && reply.status() != 422) {
                throw new AssertionError("criteria answered neither 201 nor 400/422: " + reply);
            }
            return reply;
        }, SubscriptionBodies.stored(dataSource)::read);
        PropertyRun.assertReached(seen, "201", "400");
        int created = Fixtures.api().queryParam("url", endpoint).queryParam("_count", 1000).get("/fhir/Subscription")
                .then().statusCode(200).extract().path("total");
        assertEquals(seen.get("201"), created, "the Subscriptions found by endpoint are exactly the created ones");
    }
}
