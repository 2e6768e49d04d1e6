package org.esus.slot.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.esus.common.error.FhirError;
import org.esus.common.events.SlotChanged.ChangeType;
import org.esus.common.events.SlotChanged;
import org.esus.common.fhir.FhirIds;
import org.esus.common.fhir.FhirInstants;
import org.esus.common.fhir.FhirJson;
import org.esus.common.fhir.StoredResource;
import org.esus.common.fhir.VersionTags;
import org.esus.common.outbox.Outbox;
import org.esus.slot.outbox.SlotEvents;
import org.esus.slot.store.ScheduleEntity;
import org.esus.slot.store.SlotEntity;
import org.esus.slot.store.TokenColumns;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Schedule;

/**
 * Creates, updates and deletes Schedules. A Schedule's actors decide which subscriptions its
 * Slots match, so changing them publishes a SCHEDULE_CHANGED event for each of its Slots.
 */
@ApplicationScoped
public class ScheduleService {

    private static final Object LOCKED_SCHEDULES = new Object();

    @Inject
    Outbox outbox;

    @Inject
    TransactionSynchronizationRegistry transactions;

    public StoredResource read(String id) {
        ScheduleEntity entity = ScheduleEntity.findById(FhirIds.require("Schedule", id));
        return stored(existing(entity, id));
    }

    @Transactional
    public StoredResource create(Schedule schedule) {
        return create(schedule, FhirIds.newId());
    }

    /** Creates with an id the caller assigned (transaction Bundles resolve urn:uuid references first). */
    @Transactional
    public StoredResource create(Schedule schedule, String id) {
        List<String> actors = ScheduleRules.normalizedActors(schedule);
        ScheduleEntity entity = new ScheduleEntity();
        entity.id = UUID.fromString(id);
        write(entity, schedule, actors, 1);
        entity.persist();
        return stored(entity);
    }

    @Transactional
    public StoredResource update(String id, Schedule schedule, String ifMatch) {
        ScheduleEntity entity = existing(ScheduleEntity.findById(FhirIds.require("Schedule", id),
                LockModeType.PESSIMISTIC_WRITE), id);
        VersionTags.checkIfMatch(ifMatch, entity.versionId);
        List<String> before = Arrays.asList(entity.actors);
        List<String> actors = ScheduleRules.normalizedActors(schedule);
        write(entity, schedule, actors, entity.versionId + 1);
        if (!before.equals(actors)) {
            announceNewActors(entity.id, actors);
        }
        return stored(entity);
    }

    @Transactional
    public void delete(String id) {
        ScheduleEntity entity = ScheduleEntity.findById(FhirIds.require("Schedule", id), LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw FhirError.notFound("Schedule/" + id + " is not known");
        }
        if (entity.deleted) {
            return;
        }
        long liveSlots = SlotEntity.count("scheduleId = ?1 and deleted = false", entity.id);
        if (liveSlots > 0) {
            throw FhirError.conflict("Schedule/" + id + " still has " + liveSlots + " slots; delete them first");
        }
        entity.deleted = true;
        entity.versionId++;
        entity.lastUpdated = FhirInstants.now();
    }

    /**
     * The Schedule a Slot write refers to, share-locked so its actors cannot change (and it
     * cannot be deleted) until the Slot's transaction commits with an event carrying them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScheduleEntity lockForSlotWrite(String scheduleId) {
        // A bulk Bundle writes hundreds of slots of one schedule: lock it once per transaction.
        @SuppressWarnings("unchecked")
        Map<String, ScheduleEntity> locked = (Map<String, ScheduleEntity>) transactions.getResource(LOCKED_SCHEDULES);
        if (locked == null) {
            locked = new HashMap<>();
            transactions.putResource(LOCKED_SCHEDULES, locked);
        }
        ScheduleEntity schedule = locked.get(scheduleId);
        if (schedule == null) {
            UUID uuid = FhirIds.parseOrNull(scheduleId);
            schedule = uuid == null ? null : ScheduleEntity.findById(uuid, LockModeType.PESSIMISTIC_READ);
            if (schedule == null || schedule.deleted) {
                throw FhirError.businessRule("Slot.schedule references Schedule/" + scheduleId + ", which does not exist");
            }
            locked.put(scheduleId, schedule);
        }
        return schedule;
    }

    private void announceNewActors(UUID scheduleId, List<String> actors) {
        List<SlotEntity> slots = SlotEntity.find("scheduleId = ?1 and deleted = false", scheduleId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        List<SlotChanged> events = new ArrayList<>(slots.size());
        for (SlotEntity slot : slots) {
            events.add(SlotEvents.of(slot, actors, ChangeType.SCHEDULE_CHANGED));
        }
        SlotEvents.append(outbox, events);
    }

    private static void write(ScheduleEntity entity, Schedule schedule, List<String> actors, long version) {
        Instant now = FhirInstants.now();
        schedule.setId(entity.id.toString());
        schedule.getMeta().setVersionId(Long.toString(version)).setLastUpdated(Date.from(now));
        entity.versionId = version;
        entity.lastUpdated = now;
        entity.deleted = false;
        entity.actors = actors.toArray(String[]::new);
        entity.identifiers = schedule.getIdentifier().stream().filter(Identifier::hasValue)
                .map(i -> TokenColumns.encode(i.getSystem(), i.getValue())).toArray(String[]::new);
        entity.resource = FhirJson.write(schedule);
    }

    private static ScheduleEntity existing(ScheduleEntity entity, String id) {
        if (entity == null) {
            throw FhirError.notFound("Schedule/" + id + " is not known");
        }
        if (entity.deleted) {
            throw FhirError.gone("Schedule/" + id + " has been deleted");
        }
        return entity;
    }

    static StoredResource stored(ScheduleEntity entity) {
        return new StoredResource("Schedule", entity.id.toString(), entity.versionId, entity.lastUpdated, entity.resource);
    }
}
