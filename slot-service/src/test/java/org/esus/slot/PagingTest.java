package org.esus.slot;

import static org.esus.slot.Fixtures.api;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Cursor paging (keyset on (start, id)): walking the next links while slots are being inserted
 * serves every slot that existed at the start exactly once, in order.
 */
@QuarkusTest
class PagingTest {

    private static final Instant START = Instant.parse("2026-09-07T08:00:00Z");

    @Test
    void everyResultExactlyOnceWhileSlotsAreInserted() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String schedule = Fixtures.createSchedule(practitioner);
        List<String> original = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            // Pairs of equal starts: the id tie-break must keep paging exact.
            original.add(Fixtures.createSlot(schedule, "free", START.plus(Duration.ofMinutes(15L * (i / 2)))));
        }

        List<String> served = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        String url = "/fhir/Slot?status=free&schedule.actor=" + practitioner + "&_count=5&_sort=start";
        int pages = 0;
        int inserted = 0;
        while (url != null) {
            JsonPath page = api().urlEncodingEnabled(false).get(url).then().statusCode(200).extract().jsonPath();
            served.addAll(page.getList("entry.resource.id"));
            starts.addAll(page.getList("entry.resource.start"));
            pages++;
            // Between pages, insert one slot before everything already served and one far after.
            Fixtures.createSlot(schedule, "free", START.minus(Duration.ofDays(1 + inserted)));
            Fixtures.createSlot(schedule, "free", START.plus(Duration.ofDays(30 + inserted)));
            inserted++;
            String next = page.getString("link.find { it.relation == 'next' }.url");
            url = next == null ? null : next.substring(next.indexOf("/fhir/"));
            if (pages > 40) {
                throw new AssertionError("paging does not terminate");
            }
        }

        Set<String> unique = new HashSet<>(served);
        assertEquals(served.size(), unique.size(), "no slot may be served twice");
        assertEquals(true, unique.containsAll(original), "every original slot must be served");
        List<String> sorted = new ArrayList<>(starts);
        sorted.sort(null);
        assertEquals(sorted, starts, "pages continue in start order");
        assertNotNull(served);
    }

    @Test
    void cursorOfAnotherSortIsRejected() {
        String practitioner = "Practitioner/" + UUID.randomUUID();
        String schedule = Fixtures.createSchedule(practitioner);
        for (int i = 0; i < 3; i++) {
            Fixtures.createSlot(schedule, "free", START.plus(Duration.ofHours(i)));
        }
        String next = api().get("/fhir/Slot?schedule.actor=" + practitioner + "&_count=1&_sort=start")
                .then().statusCode(200).extract().path("link.find { it.relation == 'next' }.url");
        String cursor = next.substring(next.indexOf("_cursor=") + "_cursor=".length());
        api().get("/fhir/Slot?schedule.actor=" + practitioner + "&_count=1&_sort=-start&_cursor=" + cursor)
                .then().statusCode(400);
    }
}
