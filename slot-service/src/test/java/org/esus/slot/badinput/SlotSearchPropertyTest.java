package org.esus.slot.badinput;

import static org.esus.slot.badinput.SlotServiceBodies.START;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.esus.slot.Fixtures;
import org.esus.testsupport.badinput.FhirClient;
import org.esus.testsupport.badinput.PropertyRun;
import org.esus.testsupport.badinput.QueryStrings;
import org.esus.testsupport.badinput.SearchArbitraries;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT sections 1 and 3 for GET /Slot: random and mutated query strings (see
 * {@link QueryStrings}) over the Slot search parameters, with and without
 * {@code Prefer: handling=strict}, never get a 5xx; a refusal is an OperationOutcome and an
 * answer a searchset Bundle.
 */
@QuarkusTest
class SlotSearchPropertyTest {

    @Test
    void slotSearchesAnswerABundleOrAnOutcome() {
        List<String> actors = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        List<String> schedules = new ArrayList<>();
        List<String> slots = new ArrayList<>();
        for (String actor : actors) {
            String schedule = Fixtures.createSchedule("Practitioner/" + actor);
            schedules.add(schedule);
            slots.add(Fixtures.createSlot(schedule, "free", START));
            slots.add(Fixtures.createSlot(schedule, "busy", START.plusSeconds(3600)));
        }
        PropertyRun.assertReached(PropertyRun.named("GET /fhir/Slot searches", 500).checkSearches(new FhirClient(RestAssured.port),
                "/fhir/Slot", QueryStrings.over(SearchArbitraries.slotSearch(schedules, actors, slots))), "200", "400");
    }
}
