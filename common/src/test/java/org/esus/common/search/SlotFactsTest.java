package org.esus.common.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.Slot.SlotStatus;
import org.junit.jupiter.api.Test;

class SlotFactsTest {

    @Test
    void factsAreExtractedFromHapiSlot() {
        Slot slot = new Slot();
        slot.setId("Slot/slot-1/_history/4");
        slot.getMeta().setLastUpdated(Date.from(Instant.parse("2026-04-01T12:00:00.123Z")));
        slot.addIdentifier().setSystem("urn:ids").setValue("S-1");
        slot.addIdentifier().setValue("no-system");
        slot.setSchedule(new Reference("Schedule/sched-9"));
        slot.setStatus(SlotStatus.BUSYTENTATIVE);
        slot.setStart(Date.from(Instant.parse("2026-04-21T09:00:00Z")));
        slot.setEnd(Date.from(Instant.parse("2026-04-21T09:15:00Z")));
        slot.addServiceCategory(new CodeableConcept(new Coding("urn:cat", "17", null)));
        slot.addServiceType(new CodeableConcept(new Coding("urn:svc", "57", null)).addCoding(new Coding("urn:svc2", "x", null)));
        slot.addSpecialty(new CodeableConcept(new Coding("urn:spec", "394814009", null)));
        slot.setAppointmentType(new CodeableConcept(new Coding("urn:apt", "ROUTINE", null)));

        SlotFacts facts = SlotFacts.of(slot, List.of("Practitioner/p1", "Location/l1"));

        assertEquals("slot-1", facts.id());
        assertEquals(List.of(new TokenValue("urn:ids", "S-1"), new TokenValue(null, "no-system")), facts.identifiers());
        assertEquals("sched-9", facts.scheduleId());
        assertEquals(List.of("Practitioner/p1", "Location/l1"), facts.actors());
        assertEquals("busy-tentative", facts.status());
        assertEquals(Instant.parse("2026-04-21T09:00:00Z"), facts.start());
        assertEquals(Instant.parse("2026-04-01T12:00:00.123Z"), facts.lastUpdated());
        assertEquals(List.of(new TokenValue("urn:svc", "57"), new TokenValue("urn:svc2", "x")), facts.serviceTypes());
        assertEquals(List.of(new TokenValue("urn:spec", "394814009")), facts.specialties());
        assertEquals(List.of(new TokenValue("urn:apt", "ROUTINE")), facts.appointmentTypes());
    }

    @Test
    void serviceCategoryIsNotSearchable() {
        Slot slot = new Slot();
        slot.setId("s");
        slot.addServiceCategory(new CodeableConcept(new Coding("urn:cat", "17", null)));
        SlotFacts facts = SlotFacts.of(slot, List.of());
        assertTrue(facts.serviceTypes().isEmpty());
        assertTrue(facts.specialties().isEmpty());
        assertTrue(facts.appointmentTypes().isEmpty());
        assertFalse(SlotSearchParser.parseCriteria("Slot?service-type=17").matches(facts));
    }

    @Test
    void absentElementsBecomeNullOrEmpty() {
        Slot slot = new Slot();
        slot.setId("bare");
        SlotFacts facts = SlotFacts.of(slot, null);
        assertEquals("bare", facts.id());
        assertNull(facts.scheduleId());
        assertNull(facts.status());
        assertNull(facts.start());
        assertNull(facts.lastUpdated());
        assertTrue(facts.actors().isEmpty());
        assertTrue(facts.identifiers().isEmpty());
    }
}
