package org.esus.booking.badinput;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.apache.kafka.streams.KafkaStreams;
import org.esus.booking.Fixtures;
import org.esus.testsupport.badinput.FhirClient;
import org.esus.testsupport.badinput.PropertyRun;
import org.esus.testsupport.badinput.QueryStrings;
import org.esus.testsupport.badinput.SearchArbitraries;
import org.junit.jupiter.api.Test;

/**
 * CONTRACT sections 1 and 4 for GET /Appointment: random and mutated query strings (see
 * {@link QueryStrings}) over the Appointment search parameters, with and without
 * {@code Prefer: handling=strict}, never get a 5xx; a refusal is an OperationOutcome and an
 * answer a searchset Bundle.
 */
@QuarkusTest
class AppointmentSearchPropertyTest {

    @Inject
    KafkaStreams streams;

    @Test
    void appointmentSearchesAnswerABundleOrAnOutcome() {
        List<String> slots = List.of(Fixtures.freeSlot(streams), Fixtures.freeSlot(streams));
        for (String slot : slots) {
            Fixtures.api().body(AppointmentBodies.appointment(slot, null, UUID.randomUUID().toString()))
                    .post("/fhir/Appointment").then().statusCode(201);
        }
        Map<String, Arbitrary<String>> parameters = new LinkedHashMap<>();
        parameters.put("slot", SearchArbitraries.references("Slot", slots));
        parameters.put("actor", SearchArbitraries.references("Practitioner", List.of("feed", "p1")));
        parameters.put("patient", SearchArbitraries.references("Patient", List.of("p1")));
        parameters.put("practitioner", SearchArbitraries.references("Practitioner", List.of("feed")));
        parameters.put("status", SearchArbitraries.codes(List.of("proposed", "pending", "booked", "arrived", "fulfilled",
                "cancelled", "noshow", "entered-in-error", "checked-in", "waitlist")));
        parameters.put("date", SearchArbitraries.dates());
        parameters.put("_sort", Arbitraries.of("date", "-date", "_lastUpdated", "-_lastUpdated", "_id", "start", "", "-"));
        parameters.put("_count", SearchArbitraries.counts());
        parameters.put("_total", Arbitraries.of("accurate", "none", "", "estimate"));
        parameters.put("_cursor", SearchArbitraries.cursors());
        parameters.put("_format", Arbitraries.of("json", "xml", ""));
        PropertyRun.assertReached(PropertyRun.named("GET /fhir/Appointment searches", 500).checkSearches(
                new FhirClient(RestAssured.port), "/fhir/Appointment", QueryStrings.over(parameters)), "200", "400");
    }
}
