package org.esus.slot.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.esus.common.error.FhirError;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.fhir.FhirIds;
import org.esus.common.fhir.FhirInstants;
import org.esus.common.fhir.FhirJson;
import org.esus.common.fhir.StoredResource;
import org.esus.common.fhir.VersionTags;
import org.esus.common.search.SlotFacts;
import org.esus.common.search.TokenValue;
import org.esus.common.outbox.Outbox;
import org.esus.slot.outbox.SlotEvents;
import org.esus.slot.store.ScheduleEntity;
import org.esus.slot.store.SlotEntity;
import org.esus.slot.store.TokenColumns;
import org.hl7.fhir.r4.model.Slot;

/**
 * Creates, updates and deletes Slots; every committed change appends exactly one SlotChanged
 * event to the outbox in the same transaction (invariant 3). Updates lock the slot row first,
 * so one slot's changes, and their events, are serialized in commit order.
 */
@ApplicationScoped
public class SlotService {

    @Inject
    ScheduleService schedules;

    @Inject
    Outbox outbox;

    public StoredResource read(String id) {
        return stored(existing(SlotEntity.findById(FhirIds.require("Slot", id)), id));
    }

    @Transactional
    public StoredResource create(Slot slot) {
        return create(slot, FhirIds.newId());
    }

    @Transactional
    public StoredResource create(Slot slot, String id) {
        ScheduleEntity schedule = schedules.lockForSlotWrite(SlotRules.validate(slot));
        SlotEntity entity = new SlotEntity();
        entity.id = UUID.fromString(id);
        write(entity, slot, schedule, 1);
        entity.persist();
        SlotEvents.append(outbox, List.of(SlotEvents.of(entity, Arrays.asList(schedule.actors), ChangeType.CREATED)));
        return stored(entity);
    }

    @Transactional
    public StoredResource update(String id, Slot slot, String ifMatch) {
        SlotEntity entity = existing(SlotEntity.findById(FhirIds.require("Slot", id), LockModeType.PESSIMISTIC_WRITE), id);
        VersionTags.checkIfMatch(ifMatch, entity.versionId);
        ScheduleEntity schedule = schedules.lockForSlotWrite(SlotRules.validate(slot));
        write(entity, slot, schedule, entity.versionId + 1);
        SlotEvents.append(outbox, List.of(SlotEvents.of(entity, Arrays.asList(schedule.actors), ChangeType.UPDATED)));
        return stored(entity);
    }

    @Transactional
    public void delete(String id, String ifMatch) {
        SlotEntity entity = SlotEntity.findById(FhirIds.require("Slot", id), LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw FhirError.notFound("Slot/" + id + " is not known");
        }
        if (entity.deleted) {
            return;
        }
        VersionTags.checkIfMatch(ifMatch, entity.versionId);
        ScheduleEntity schedule = schedules.lockForSlotWrite(entity.scheduleId.toString());
        Slot last = FhirJson.parse(entity.resource, Slot.class);
        entity.deleted = true;
        entity.versionId++;
        entity.lastUpdated = FhirInstants.now();
        last.getMeta().setVersionId(Long.toString(entity.versionId)).setLastUpdated(Date.from(entity.lastUpdated));
        entity.resource = FhirJson.write(last);
        SlotEvents.append(outbox, List.of(SlotEvents.of(entity, Arrays.asList(schedule.actors), ChangeType.DELETED)));
    }

    private static void write(SlotEntity entity, Slot slot, ScheduleEntity schedule, long version) {
        Instant now = FhirInstants.now();
        slot.setId(entity.id.toString());
        slot.getSchedule().setReference("Schedule/" + schedule.id);
        slot.getMeta().setVersionId(Long.toString(version)).setLastUpdated(Date.from(now));
        SlotFacts facts = SlotFacts.of(slot, Arrays.asList(schedule.actors));
        entity.scheduleId = schedule.id;
        entity.versionId = version;
        entity.lastUpdated = now;
        entity.deleted = false;
        entity.status = facts.status();
        entity.start = facts.start();
        entity.end = slot.getEnd().toInstant();
        entity.overbooked = slot.getOverbooked();
        entity.identifiers = tokens(facts.identifiers());
        entity.serviceTypes = tokens(facts.serviceTypes());
        entity.specialties = tokens(facts.specialties());
        entity.appointmentTypes = tokens(facts.appointmentTypes());
        entity.resource = FhirJson.write(slot);
    }

    private static String[] tokens(List<TokenValue> values) {
        return values.stream().map(t -> TokenColumns.encode(t.system(), t.code())).toArray(String[]::new);
    }

    private static SlotEntity existing(SlotEntity entity, String id) {
        if (entity == null) {
            throw FhirError.notFound("Slot/" + id + " is not known");
        }
        if (entity.deleted) {
            throw FhirError.gone("Slot/" + id + " has been deleted");
        }
        return entity;
    }

    static StoredResource stored(SlotEntity entity) {
        return new StoredResource("Slot", entity.id.toString(), entity.versionId, entity.lastUpdated, entity.resource);
    }
}
