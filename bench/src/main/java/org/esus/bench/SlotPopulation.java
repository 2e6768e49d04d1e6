package org.esus.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The benchmark's data, the same for every run (fixed seed): practitioners with one Schedule
 * each and their Slots, 15-minute slots on working days from 2026-04-20, about 70 % free (or
 * all free: {@link #allFree}). Written as transaction Bundles, the way a scheduler publishes
 * slots in bulk.
 */
final class SlotPopulation {

    static final Instant FIRST_DAY = Instant.parse("2026-04-20T07:00:00Z");
    private static final String[] MIXED = {"free", "free", "free", "free", "free", "free", "free",
            "busy", "busy", "busy-tentative"};
    private static final String[] FREE = {"free"};

    final List<String> practitioners = new ArrayList<>();
    private final int slotsPerPractitioner;
    private final long seed;
    private final String[] statuses;

    SlotPopulation(int practitionerCount, int slotsPerPractitioner, long seed) {
        this(practitionerCount, slotsPerPractitioner, seed, MIXED);
    }

    private SlotPopulation(int practitionerCount, int slotsPerPractitioner, long seed, String[] statuses) {
        this.statuses = statuses;
        Random random = new Random(seed);
        for (int i = 0; i < practitionerCount; i++) {
            practitioners.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        this.slotsPerPractitioner = slotsPerPractitioner;
        this.seed = seed;
    }

    /** Every slot free: what a booking benchmark starts from. */
    static SlotPopulation allFree(int practitionerCount, int slotsPerPractitioner, long seed) {
        return new SlotPopulation(practitionerCount, slotsPerPractitioner, seed, FREE);
    }

    /** One transaction creating the Schedules of practitioners [from, to). Placeholders are their fullUrls. */
    String schedulesBundle(int from, int to) {
        StringBuilder entries = new StringBuilder();
        for (int i = from; i < to; i++) {
            entries.append(entries.length() == 0 ? "" : ",")
                    .append("{\"fullUrl\":\"urn:uuid:").append(UUID.randomUUID()).append("\",\"resource\":")
                    .append("{\"resourceType\":\"Schedule\",\"active\":true,\"actor\":[{\"reference\":\"Practitioner/")
                    .append(practitioners.get(i)).append("\"}]}")
                    .append(",\"request\":{\"method\":\"POST\",\"url\":\"Schedule\"}}");
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}";
    }

    /** One transaction with all slots of the given practitioners (index → schedule id). */
    String slotsBundle(List<Integer> practitionerIndexes, List<String> scheduleIds) {
        StringBuilder entries = new StringBuilder(300 * slotsPerPractitioner * practitionerIndexes.size());
        for (int p = 0; p < practitionerIndexes.size(); p++) {
            appendSlots(entries, practitionerIndexes.get(p), scheduleIds.get(p));
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}";
    }

    private void appendSlots(StringBuilder entries, int practitioner, String scheduleId) {
        Random random = new Random(seed * 31 + practitioner * 1_000_003L);
        for (int i = 0; i < slotsPerPractitioner; i++) {
            entries.append(entries.length() == 0 ? "" : ",")
                    .append("{\"resource\":").append(slot(null, scheduleId, i, statuses[random.nextInt(statuses.length)]))
                    .append(",\"request\":{\"method\":\"POST\",\"url\":\"Slot\"}}");
        }
    }

    /** The i-th slot of a practitioner's Schedule as Slot JSON, with {@code id} when it is not null (an update). */
    static String slot(String id, String scheduleId, int i, String status) {
        Instant start = start(i);
        return "{\"resourceType\":\"Slot\"" + (id == null ? "" : ",\"id\":\"" + id + "\"")
                + ",\"schedule\":{\"reference\":\"Schedule/" + scheduleId + "\"},\"status\":\"" + status
                + "\",\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(15)) + "\"}";
    }

    /** 32 slots a day (07:00-15:00), weekdays only, so a practitioner's slots span months. */
    static Instant start(int i) {
        int day = i / 32;
        return FIRST_DAY.plus(Duration.ofDays(day / 5 * 7L + day % 5)).plus(Duration.ofMinutes(15L * (i % 32)));
    }

    int slotsPerPractitioner() {
        return slotsPerPractitioner;
    }
}
