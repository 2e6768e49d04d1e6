package org.esus.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.gclient.DateClientParam;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.esus.common.fhir.FhirJson;
import org.esus.testsupport.TestTokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;

/**
 * Drives the API with HAPI FHIR's generic client exactly as an external system would: create,
 * read, the seed searches (fluent and by URL), and paging with loadPage().next().
 */
@QuarkusTest
class HapiClientTest {

    private static final Instant START = Instant.parse("2026-04-22T07:00:00Z");

    @TestHTTPResource("fhir")
    URL base;

    @Test
    void externalSystemWorkflow() {
        IGenericClient client = FhirJson.context().newRestfulGenericClient(base.toString());
        client.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.token("system/Slot.* system/Schedule.*")));

        CapabilityStatement capabilities = client.capabilities().ofType(CapabilityStatement.class).execute();
        assertEquals("4.0.1", capabilities.getFhirVersion().toCode());

        String practitioner = "Practitioner/" + UUID.randomUUID();
        Schedule schedule = new Schedule();
        schedule.addActor(new Reference(practitioner));
        MethodOutcome createdSchedule = client.create().resource(schedule).execute();
        assertTrue(createdSchedule.getCreated());
        String scheduleId = createdSchedule.getId().getIdPart();

        List<String> created = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            Slot slot = new Slot();
            slot.setSchedule(new Reference("Schedule/" + scheduleId));
            slot.setStatus(i % 4 == 3 ? Slot.SlotStatus.BUSY : Slot.SlotStatus.FREE);
            slot.setStart(Date.from(START.plus(Duration.ofMinutes(30L * i))));
            slot.setEnd(Date.from(START.plus(Duration.ofMinutes(30L * i + 30))));
            MethodOutcome outcome = client.create().resource(slot).execute();
            assertEquals("1", outcome.getId().getVersionIdPart());
            if (slot.getStatus() == Slot.SlotStatus.FREE) {
                created.add(outcome.getId().getIdPart());
            }
        }

        Slot read = client.read().resource(Slot.class).withId(created.get(0)).execute();
        assertEquals(Slot.SlotStatus.FREE, read.getStatus());
        assertEquals("Schedule/" + scheduleId, read.getSchedule().getReference());
        assertEquals("1", read.getMeta().getVersionId());

        // Seed query 1, fluent: next 10 free slots.
        Bundle nextTen = client.search().forResource(Slot.class)
                .where(Slot.STATUS.exactly().code("free"))
                .and(Slot.SCHEDULE.hasChainedProperty(Schedule.ACTOR.hasId(practitioner)))
                .count(10)
                .sort().ascending(Slot.START)
                .returnBundle(Bundle.class)
                .execute();
        assertEquals(created.subList(0, 10), ids(nextTen));

        // Seed query 2, exactly as written: nearest free slot on or after a date.
        Bundle nearest = client.search()
                .byUrl("Slot?status=free&schedule.actor=" + practitioner + "&date=ge2026-04-22T10:00:00Z&_count=1&_sort=start")
                .returnBundle(Bundle.class).execute();
        Slot first = (Slot) nearest.getEntryFirstRep().getResource();
        assertEquals(Date.from(Instant.parse("2026-04-22T10:00:00Z")), first.getStart());

        // The same with HAPI's date parameter builder.
        Bundle nearestFluent = client.search().forResource(Slot.class)
                .where(Slot.STATUS.exactly().code("free"))
                .and(Slot.SCHEDULE.hasChainedProperty(Schedule.ACTOR.hasId(practitioner)))
                .and(new DateClientParam("date").afterOrEquals().second(Date.from(Instant.parse("2026-04-22T10:00:00Z"))))
                .count(1).sort().ascending(Slot.START).returnBundle(Bundle.class).execute();
        assertEquals(ids(nearest), ids(nearestFluent));

        // Paging through every free slot with loadPage().next().
        List<String> all = new ArrayList<>(ids(nextTen));
        Bundle page = nextTen;
        int pages = 1;
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            page = client.loadPage().next(page).execute();
            all.addAll(ids(page));
            pages++;
        }
        assertEquals(2, pages);
        assertEquals(created, all);
        assertEquals(all.size(), new HashSet<>(all).size());
        assertNull(page.getLink(Bundle.LINK_NEXT));

        // Update through the client keeps versions.
        read.setStatus(Slot.SlotStatus.BUSY);
        MethodOutcome updated = client.update().resource(read).execute();
        assertEquals("2", updated.getId().getVersionIdPart());
        assertNotNull(client.read().resource(Slot.class).withId(new IdType("Slot", created.get(0))).execute());
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                .map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }
}
