package org.esus.slot.search;

import static org.esus.slot.Fixtures.api;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;
import org.esus.common.error.FhirError;
import org.esus.common.fhir.FhirJson;
import org.esus.common.search.SlotFacts;
import org.esus.common.search.SlotSearch;
import org.esus.common.search.SlotSearchParser;
import org.esus.common.search.TokenValue;
import org.esus.slot.Fixtures;
import org.esus.testsupport.TestTokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;

/**
 * The two interpreters of the Slot search grammar must never disagree (ARCHITECTURE): for random
 * queries over every criteria parameter, GET /Slot (SlotSearchSql + SortColumns + keyset paging on
 * PostgreSQL) must return exactly the Slots {@code SlotCriteria.matches} selects, in the order
 * {@code SortOrder.comparator()} gives, across every page of next links.
 *
 * <p>Why not {@code @Property}: jqwik properties run on the jqwik engine, which does not run the
 * Quarkus JUnit extension, so in a {@code @QuarkusTest} class they are silently not executed. This
 * is one Jupiter test that draws from jqwik generators with a fixed-seed {@link Random} (no
 * shrinking); a failure names the seed, the try and the query. Rerun one seed with
 * {@code -Desus.agreement.seed=N}, more tries with {@code -Desus.agreement.tries=N}.
 *
 * <p>The population lives in its own namespace (actor ids carry a run id; schedules are new), so
 * other tests' Slots in the same database cannot interfere: about half the queries are constrained
 * to the namespace and must return nothing else; results of the others are compared on the
 * population's ids only.
 */
@QuarkusTest
class SlotSqlAgreementTest {

    private static final long SEED = Long.getLong("esus.agreement.seed", 20260421L);
    private static final int TRIES = Integer.getInteger("esus.agreement.tries", 300);
    private static final int GEN_SIZE = 1000;
    private static final int MAX_PAGES = 400;
    private static final int MAX_REPORTED = 8;

    private static final List<String> STATUSES = List.of("free", "busy", "busy-unavailable", "busy-tentative",
            "entered-in-error");
    private static final List<String> SYSTEMS = List.of("http://terminology.hl7.org/CodeSystem/service-type",
            "urn:esus:codes", "http://snomed.info/sct", "urn:esus:pipe|sys");
    private static final List<String> IDENTIFIER_SYSTEMS = List.of("urn:esus:slot-ids", "http://example.org/ids");
    /** Codes shared by several systems and by the system-less form; some need search escaping. */
    private static final List<String> CODES = List.of("57", "124", "394814009", "checkup", "FOLLOWUP", "followup",
            "a,b", "x|y", "back\\slash", "dollar$", "sp ace", "Ümlaut", "ROUTINE", "WALKIN");
    /** Slot starts cluster around UTC day, month and year boundaries, where zones and precision matter. */
    private static final Instant RANGE_START = Instant.parse("2025-12-30T00:00:00Z");
    private static final Instant RANGE_END = Instant.parse("2027-01-03T00:00:00Z");
    private static final List<String> ZONES = List.of("", "Z", "Z", "+00:00", "-00:00", "+02:00", "-05:00", "+05:30",
            "+14:00", "-12:00");
    private static final List<String> PREFIXES = List.of("", "eq", "ne", "gt", "lt", "ge", "le", "sa", "eb");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String bearer = TestTokens.bearer(TestTokens.ALL_SCOPES);

    @Test
    void sqlAndInMemoryEvaluatorReturnTheSameSlotsInTheSameOrder() {
        Random random = new Random(SEED);
        String runId = Long.toString(System.nanoTime() & 0xffffffL, 36) + Integer.toString(random.nextInt(1 << 20), 36);
        System.out.println("SlotSqlAgreementTest: seed=" + SEED + " tries=" + TRIES + " run=" + runId);
        long began = System.nanoTime();
        Population population = Population.create(random, runId);
        long created = System.nanoTime();

        List<String> failures = new ArrayList<>();
        int nonEmpty = 0;
        int requests = 0;
        int namespaced = 0;
        int run = 0;
        int onBoundary = 0;
        Map<String, Integer> parameterUse = new TreeMap<>();
        JqwikSession.start(Long.toString(SEED)); // generators draw from `random`; seed jqwik's own too
        try {
            Arbitrary<Query> queries = new QueryGenerator(population).queries();
            for (int attempt = 0; attempt < TRIES && failures.size() < MAX_REPORTED; attempt++) {
                Query query = queries.generator(GEN_SIZE).next(random).value();
                run++;
                for (String piece : query.raw().split("&")) {
                    parameterUse.merge(piece.substring(0, piece.indexOf('=')), 1, Integer::sum);
                }
                namespaced += query.namespaced() ? 1 : 0;
                Outcome outcome = check(population, query, attempt);
                requests += outcome.requests();
                nonEmpty += outcome.expectedSize() > 0 ? 1 : 0;
                onBoundary += outcome.onBoundary() ? 1 : 0;
                if (outcome.failure() != null) {
                    failures.add(outcome.failure());
                }
            }
        } finally {
            JqwikSession.finish();
        }
        System.out.println("SlotSqlAgreementTest: population of " + population.facts().size() + " Slots in "
                + (created - began) / 1_000_000 + " ms, queries in " + (System.nanoTime() - created) / 1_000_000 + " ms");
        System.out.println("SlotSqlAgreementTest: " + run + " queries, " + nonEmpty + " with a non-empty expected result, "
                + namespaced + " namespaced, " + onBoundary + " with a date on a stored instant, " + requests
                + " HTTP requests; parameter use " + parameterUse);
        if (!failures.isEmpty()) {
            fail("SQL and SlotCriteria.matches disagree (seed " + SEED + ", run " + runId + ", " + failures.size()
                    + " failing queries shown):\n\n" + String.join("\n\n", failures));
        }
        assertTrue(nonEmpty >= run / 3, "the generator should hit real data often, but only " + nonEmpty + " of "
                + run + " queries expected any Slot");
    }

    // ------------------------------------------------------------------ comparison

    record Query(String raw, boolean namespaced) {
    }

    record Outcome(int expectedSize, int requests, boolean onBoundary, String failure) {
    }

    private Outcome check(Population population, Query query, int attempt) {
        String header = "try " + attempt + ": GET /fhir/Slot?" + abbreviate(population, query.raw());
        SlotSearch search;
        try {
            search = SlotSearchParser.parseSearch(SlotSearchParser.decodeQuery(query.raw()));
        } catch (FhirError e) {
            // The generator should only write valid queries; the server must refuse this one too.
            Page first = get(RestAssured.baseURI + ":" + RestAssured.port + "/fhir/Slot?" + query.raw());
            return new Outcome(0, 1, false, first.status() == 400 ? null
                    : header + "\n  the parser rejects it (" + e.diagnostics() + ") but the server answered " + first.status());
        }
        List<String> expected = population.facts().stream()
                .filter(search.criteria()::matches)
                .sorted(search.sort().comparator())
                .map(SlotFacts::id)
                .toList();
        // Does some date value of the query sit exactly on a stored instant (where >= and > differ)?
        boolean onBoundary = population.facts().stream().anyMatch(f -> search.criteria().starts().stream()
                        .flatMap(List::stream).anyMatch(c -> f.start().equals(c.lower()) || f.start().equals(c.upper()))
                || search.criteria().lastUpdated().stream().flatMap(List::stream)
                        .anyMatch(c -> f.lastUpdated().equals(c.lower()) || f.lastUpdated().equals(c.upper())));

        List<String> returned = new ArrayList<>();
        Long total = null;
        String url = RestAssured.baseURI + ":" + RestAssured.port + "/fhir/Slot?" + query.raw();
        int requests = 0;
        while (url != null) {
            if (requests == MAX_PAGES) {
                return new Outcome(expected.size(), requests, onBoundary,
                        header + "\n  more than " + MAX_PAGES + " pages");
            }
            Page page = get(url);
            requests++;
            if (page.status() != 200) {
                return new Outcome(expected.size(), requests, onBoundary, header + "\n  expected 200 with "
                        + expected.size() + " Slots, the server answered " + page.status() + " on page " + requests
                        + ": " + page.body());
            }
            total = requests == 1 ? page.total() : total;
            returned.addAll(page.ids());
            url = page.next();
        }

        List<String> ours = returned.stream().filter(population.knownIds()::contains).toList();
        List<String> foreign = returned.stream().filter(id -> !population.knownIds().contains(id)).toList();
        List<String> problems = new ArrayList<>();
        if (!ours.equals(expected)) {
            problems.add(difference(population, expected, ours));
        }
        if (new HashSet<>(returned).size() != returned.size()) {
            problems.add("a Slot appears twice across pages: " + duplicates(returned));
        }
        if (query.namespaced()) {
            if (!foreign.isEmpty()) {
                problems.add("the query is confined to the population but returned other Slots " + foreign);
            }
            if (total != null && total != expected.size()) {
                problems.add("Bundle.total is " + total + ", expected " + expected.size());
            }
        }
        if (problems.isEmpty()) {
            return new Outcome(expected.size(), requests, onBoundary, null);
        }
        return new Outcome(expected.size(), requests, onBoundary, header + "\n  parsed: criteria "
                + abbreviate(population, search.criteria().toQueryString()) + ", sort " + search.sort() + ", count "
                + search.count() + "\n  " + String.join("\n  ", problems));
    }

    /** Shows the namespace constraint as a placeholder; its ids differ in every run anyway. */
    private static String abbreviate(Population population, String text) {
        return text.replace(QueryGenerator.encode(String.join(",", population.scheduleIds())), "<all population schedules>")
                .replace(QueryGenerator.encode(String.join(",", population.actors())), "<all population actors>");
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static String difference(Population population, List<String> expected, List<String> actual) {
        Set<String> expectedSet = new HashSet<>(expected);
        Set<String> actualSet = new HashSet<>(actual);
        List<String> missing = expected.stream().filter(id -> !actualSet.contains(id)).toList();
        List<String> unexpected = actual.stream().filter(id -> !expectedSet.contains(id)).toList();
        StringBuilder out = new StringBuilder("expected " + expected.size() + " Slots (in-memory), the server returned "
                + actual.size() + " of the population");
        if (!missing.isEmpty()) {
            out.append("\n  missing (matches() says yes, SQL says no): ").append(missing.size());
            missing.stream().limit(5).forEach(id -> out.append("\n    ").append(describe(population.byId().get(id))));
        }
        if (!unexpected.isEmpty()) {
            out.append("\n  unexpected (SQL says yes, matches() says no): ").append(unexpected.size());
            unexpected.stream().limit(5).forEach(id -> out.append("\n    ").append(describe(population.byId().get(id))));
        }
        if (missing.isEmpty() && unexpected.isEmpty()) {
            int i = 0;
            while (expected.get(i).equals(actual.get(i))) {
                i++;
            }
            out.append("\n  same Slots, different order; first difference at position ").append(i)
                    .append("\n    expected ").append(describe(population.byId().get(expected.get(i))))
                    .append("\n    actual   ").append(describe(population.byId().get(actual.get(i))));
        }
        return out.toString();
    }

    private static String describe(SlotFacts f) {
        if (f == null) {
            return "(a deleted Slot of the population)";
        }
        return f.id() + " status=" + f.status() + " start=" + f.start() + " lastUpdated=" + f.lastUpdated()
                + " schedule=" + f.scheduleId() + " actors=" + f.actors() + " identifiers=" + f.identifiers()
                + " serviceTypes=" + f.serviceTypes() + " specialties=" + f.specialties()
                + " appointmentTypes=" + f.appointmentTypes();
    }

    private static Set<String> duplicates(List<String> ids) {
        Set<String> seen = new HashSet<>();
        return ids.stream().filter(id -> !seen.add(id)).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    record Page(int status, String body, List<String> ids, Long total, String next) {
    }

    /** One GET of an already encoded URL, sent byte for byte (no client re-encoding). */
    private Page get(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", bearer)
                .header("Accept", Fixtures.FHIR_JSON)
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            return new Page(response.statusCode(), response.body(), List.of(), null, null);
        }
        JsonNode json = readJson(response.body());
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : json.path("entry")) {
            if ("match".equals(entry.path("search").path("mode").asText())) {
                ids.add(entry.path("resource").path("id").asText());
            }
        }
        Long total = json.has("total") ? json.get("total").asLong() : null;
        String next = null;
        for (JsonNode link : json.path("link")) {
            if ("next".equals(link.path("relation").asText())) {
                next = link.path("url").asText();
            }
        }
        return new Page(200, response.body(), ids, total, next);
    }

    // ------------------------------------------------------------------ population

    /**
     * The Slots the queries run against, as the server stored them: facts come from reading
     * every Slot and Schedule back, so both interpreters see the same data.
     */
    record Population(List<SlotFacts> facts, Map<String, SlotFacts> byId, Set<String> knownIds, List<String> deletedIds,
            List<String> scheduleIds, List<String> actors) {

        static Population create(Random random, String run) {
            // Actors: practitioners and locations, one id used by both types (bare-id search finds both).
            List<String> actors = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                actors.add("Practitioner/p" + i + "-" + run);
            }
            for (int i = 0; i < 3; i++) {
                actors.add("Location/l" + i + "-" + run);
            }
            actors.add("Practitioner/shared-" + run);
            actors.add("Location/shared-" + run);
            actors.add("HealthcareService/hs-" + run);

            Bundle schedulesBundle = transaction();
            int scheduleCount = 10;
            for (int i = 0; i < scheduleCount; i++) {
                Schedule schedule = new Schedule().setActive(true);
                int n = i < 4 ? 1 : i < 9 ? 2 : 3;
                Set<String> chosen = new LinkedHashSet<>();
                chosen.add(actors.get(i % actors.size()));
                while (chosen.size() < n) {
                    chosen.add(actors.get(random.nextInt(actors.size())));
                }
                for (String actor : chosen) {
                    // Spell some actors absolutely or versioned; the server stores Type/id.
                    String written = switch (random.nextInt(4)) {
                        case 0 -> "https://fhir.example.org/r4/" + actor;
                        case 1 -> actor + "/_history/3";
                        default -> actor;
                    };
                    schedule.addActor(new Reference(written));
                }
                add(schedulesBundle, schedule, HTTPVerb.POST, "Schedule");
            }
            List<String> scheduleIds = post(schedulesBundle).stream().map(l -> l.split("/")[1]).toList();
            Map<String, List<String>> actorsOfSchedule = new HashMap<>();
            for (String id : scheduleIds) {
                Schedule stored = FhirJson.parse(api().get("/fhir/Schedule/" + id).then().statusCode(200)
                        .extract().asString(), Schedule.class);
                actorsOfSchedule.put(id, stored.getActor().stream().map(Reference::getReference).toList());
            }

            List<Instant> startPool = startPool(random, 120);
            List<String> slotIds = new ArrayList<>();
            int slotCount = 320;
            for (int batch = 0; batch < 4; batch++) {
                Bundle bundle = transaction();
                for (int i = 0; i < slotCount / 4; i++) {
                    Slot slot = randomSlot(random, scheduleIds.get(random.nextInt(scheduleIds.size())), startPool);
                    add(bundle, slot, HTTPVerb.POST, "Slot");
                }
                post(bundle).forEach(location -> slotIds.add(location.split("/")[1]));
            }

            // Updates (new status, start, codings, lastUpdated, version) and deletes.
            Bundle changes = transaction();
            List<String> shuffled = new ArrayList<>(slotIds);
            Collections.shuffle(shuffled, random);
            List<String> deleted = shuffled.subList(0, 15);
            for (String id : deleted) {
                changes.addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl("Slot/" + id);
            }
            for (String id : shuffled.subList(15, 45)) {
                Slot slot = randomSlot(random, scheduleIds.get(random.nextInt(scheduleIds.size())), startPool);
                slot.setId(id);
                add(changes, slot, HTTPVerb.PUT, "Slot/" + id);
            }
            post(changes);

            // Read everything back in one search over the new schedules; it must be exactly the live Slots.
            String all = api().get("/fhir/Slot?_count=1000&schedule=" + String.join(",", scheduleIds))
                    .then().statusCode(200).extract().asString();
            List<SlotFacts> facts = new ArrayList<>();
            for (JsonNode entry : readJson(all).path("entry")) {
                Slot stored = FhirJson.parse(entry.path("resource").toString(), Slot.class);
                String scheduleId = stored.getSchedule().getReferenceElement().getIdPart();
                facts.add(SlotFacts.of(stored, actorsOfSchedule.get(scheduleId)));
            }
            Set<String> live = new HashSet<>(slotIds);
            live.removeAll(deleted);
            Set<String> found = facts.stream().map(SlotFacts::id).collect(Collectors.toSet());
            if (!found.equals(live) || found.size() != facts.size()) {
                throw new AssertionError("Reading the population back by schedule gave " + facts.size()
                        + " Slots, expected the " + live.size() + " live ones created");
            }
            Map<String, SlotFacts> byId = facts.stream().collect(Collectors.toMap(SlotFacts::id, Function.identity()));
            List<String> storedActors = actorsOfSchedule.values().stream().flatMap(List::stream).distinct().sorted().toList();
            return new Population(List.copyOf(facts), byId, Set.copyOf(slotIds), List.copyOf(deleted), scheduleIds,
                    storedActors);
        }

        private static List<Instant> startPool(Random random, int size) {
            List<Instant> boundaries = List.of(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"),
                    Instant.parse("2026-06-30T23:59:59Z"), Instant.parse("2026-07-01T00:00:00Z"),
                    Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
                    Instant.parse("2026-12-31T23:59:59.999Z"));
            List<Instant> pool = new ArrayList<>();
            long span = RANGE_END.toEpochMilli() - RANGE_START.toEpochMilli();
            for (int i = 0; i < size; i++) {
                Instant t = switch (random.nextInt(5)) {
                    // Near a boundary, a few minutes or milliseconds either side.
                    case 0 -> boundaries.get(random.nextInt(boundaries.size()))
                            .plusMillis((random.nextBoolean() ? 1 : -1) * (random.nextBoolean()
                                    ? random.nextInt(1000) : 60_000L * random.nextInt(180)));
                    // A working-hours slot on a quarter hour.
                    case 1, 2 -> Instant.ofEpochMilli(RANGE_START.toEpochMilli() + (long) (random.nextDouble() * span))
                            .truncatedTo(ChronoUnit.HOURS).plus(15L * random.nextInt(4), ChronoUnit.MINUTES);
                    // Anywhere, with a millisecond fraction.
                    default -> Instant.ofEpochMilli(RANGE_START.toEpochMilli() + (long) (random.nextDouble() * span));
                };
                pool.add(t);
            }
            return pool;
        }

        private static Slot randomSlot(Random random, String scheduleId, List<Instant> startPool) {
            Slot slot = new Slot();
            slot.setSchedule(new Reference("Schedule/" + scheduleId));
            slot.setStatus(Slot.SlotStatus.fromCode(STATUSES.get(random.nextInt(STATUSES.size()))));
            Instant start = startPool.get(random.nextInt(startPool.size()));
            Instant end = start.plus(5L + random.nextInt(60), ChronoUnit.MINUTES);
            // Write some starts with an offset: the stored instant is what counts.
            ZoneOffset offset = random.nextInt(4) == 0 ? ZoneOffset.ofHoursMinutes(5, 30) : ZoneOffset.UTC;
            slot.setStartElement(new InstantType(instantText(start, offset)));
            slot.setEndElement(new InstantType(instantText(end, ZoneOffset.UTC)));
            int identifiers = random.nextInt(3);
            for (int i = 0; i < identifiers; i++) {
                String value = random.nextInt(3) == 0 ? CODES.get(random.nextInt(CODES.size())) : "ID-" + random.nextInt(40);
                var identifier = slot.addIdentifier().setValue(value);
                if (random.nextInt(3) > 0) {
                    identifier.setSystem(IDENTIFIER_SYSTEMS.get(random.nextInt(IDENTIFIER_SYSTEMS.size())));
                }
            }
            for (int i = random.nextInt(3); i > 0; i--) {
                slot.addServiceType(concept(random));
            }
            for (int i = random.nextInt(3); i > 0; i--) {
                slot.addSpecialty(concept(random));
            }
            if (random.nextBoolean()) {
                slot.setAppointmentType(concept(random));
            }
            return slot;
        }

        private static CodeableConcept concept(Random random) {
            CodeableConcept concept = new CodeableConcept();
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                Coding coding = concept.addCoding().setCode(CODES.get(random.nextInt(CODES.size())));
                if (random.nextInt(3) > 0) {
                    coding.setSystem(SYSTEMS.get(random.nextInt(SYSTEMS.size())));
                }
            }
            if (random.nextInt(4) == 0) {
                concept.setText("text is not searched");
            }
            return concept;
        }

        private static String instantText(Instant t, ZoneOffset offset) {
            OffsetDateTime local = t.atOffset(offset);
            String fraction = t.getNano() == 0 ? "" : "." + String.format("%03d", t.getNano() / 1_000_000);
            return String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", local.getYear(), local.getMonthValue(),
                    local.getDayOfMonth(), local.getHour(), local.getMinute(), local.getSecond(), fraction,
                    offset.equals(ZoneOffset.UTC) ? "Z" : offset.getId());
        }

        private static Bundle transaction() {
            return new Bundle().setType(BundleType.TRANSACTION);
        }

        private static void add(Bundle bundle, Resource resource, HTTPVerb method, String url) {
            bundle.addEntry().setResource(resource).getRequest().setMethod(method).setUrl(url);
        }

        /** Posts a transaction; returns the response locations (Type/id/_history/n) of its entries. */
        private static List<String> post(Bundle bundle) {
            String response = api().body(FhirJson.write(bundle)).post("/fhir").then().statusCode(200).extract().asString();
            List<String> locations = new ArrayList<>();
            for (JsonNode entry : readJson(response).path("entry")) {
                if (entry.path("response").has("location")) {
                    locations.add(entry.path("response").path("location").asText());
                }
            }
            return locations;
        }

        Set<TokenValue> tokens(Function<SlotFacts, List<TokenValue>> field) {
            return facts.stream().flatMap(f -> field.apply(f).stream()).collect(Collectors.toCollection(LinkedHashSet::new));
        }
    }

    // ------------------------------------------------------------------ query generator

    /** jqwik generators of GET /Slot query strings whose values are drawn from the population. */
    static final class QueryGenerator {

        private final Population population;

        QueryGenerator(Population population) {
            this.population = population;
        }

        Arbitrary<Query> queries() {
            Arbitrary<String> criterion = Arbitraries.frequencyOf(
                    Tuple.of(2, param("_id", ids())),
                    Tuple.of(3, param("identifier", tokens(population.tokens(SlotFacts::identifiers), IDENTIFIER_SYSTEMS))),
                    Tuple.of(3, param("schedule", schedules())),
                    Tuple.of(4, param("schedule.actor", actors())),
                    Tuple.of(4, param("status", Arbitraries.of(STATUSES).map(QueryGenerator::encode))),
                    Tuple.of(8, param("start", dates(starts(), false, false))),
                    Tuple.of(5, param("date", dates(starts(), false, false))),
                    Tuple.of(3, param("service-type", tokens(population.tokens(SlotFacts::serviceTypes), SYSTEMS))),
                    Tuple.of(3, param("specialty", tokens(population.tokens(SlotFacts::specialties), SYSTEMS))),
                    Tuple.of(3, param("appointment-type", tokens(population.tokens(SlotFacts::appointmentTypes), SYSTEMS))),
                    Tuple.of(4, param("_lastUpdated", dates(lastUpdated(), true, false))));
            Arbitrary<List<String>> criteria = Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.just(List.<String>of())),
                    Tuple.of(4, boundaryProbe().map(List::of)),
                    Tuple.of(6, criterion.list().ofSize(1)),
                    Tuple.of(3, criterion.list().ofSize(2)),
                    Tuple.of(2, criterion.list().ofMinSize(3).ofMaxSize(4)));
            Arbitrary<String> namespace = Arbitraries.frequencyOf(
                    Tuple.of(2, Arbitraries.just("")),
                    Tuple.of(1, Arbitraries.just("schedule=" + encode(String.join(",", population.scheduleIds())))),
                    Tuple.of(1, Arbitraries.just("schedule.actor=" + encode(String.join(",", population.actors())))));
            Arbitrary<String> sort = Arbitraries.of("", "_sort=_id", "_sort=start", "_sort=-start", "_sort=_lastUpdated",
                    "_sort=-_lastUpdated");
            Arbitrary<String> count = Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.just("")),
                    Tuple.of(4, Arbitraries.just("_count=1000")),
                    Tuple.of(2, Arbitraries.of("_count=7", "_count=25", "_count=60")));
            Arbitrary<String> total = Arbitraries.of("", "", "_total=accurate");
            return Combinators.combine(criteria, namespace, sort, count, total, Arbitraries.randoms())
                    .as((pieces, ns, s, c, t, shuffle) -> {
                        List<String> all = new ArrayList<>(pieces);
                        if (!ns.isEmpty()) {
                            all.add(ns);
                        }
                        Collections.shuffle(all, shuffle);
                        for (String extra : List.of(s, c, t)) {
                            if (!extra.isEmpty()) {
                                all.add(shuffle.nextInt(all.size() + 1), extra);
                            }
                        }
                        if (all.isEmpty()) {
                            all.add("_count=1000");
                        }
                        return new Query(String.join("&", all), !ns.isEmpty());
                    });
        }

        /** {@code name=v1,v2,...}: one occurrence, 1-3 OR'ed values (already search-escaped and URL-encoded). */
        private static Arbitrary<String> param(String name, Arbitrary<String> value) {
            return Arbitraries.frequencyOf(
                            Tuple.of(6, value.list().ofSize(1)),
                            Tuple.of(3, value.list().ofMinSize(2).ofMaxSize(3)))
                    .map(values -> name + "=" + String.join("%2C", values));
        }

        private Arbitrary<String> ids() {
            List<String> live = population.facts().stream().map(SlotFacts::id).toList();
            return Arbitraries.frequencyOf(
                    Tuple.of(10, Arbitraries.of(live)),
                    Tuple.of(2, Arbitraries.of(population.deletedIds())),
                    Tuple.of(1, Arbitraries.of(live).map(id -> id.toUpperCase(Locale.ROOT))),
                    Tuple.of(1, Arbitraries.of("not-a-slot", "00000000-0000-0000-0000-000000000000",
                            population.scheduleIds().get(0))))
                    .map(QueryGenerator::encode);
        }

        private Arbitrary<String> schedules() {
            return Combinators.combine(Arbitraries.of(population.scheduleIds()), Arbitraries.integers().between(0, 4))
                    .as((id, form) -> switch (form) {
                        case 0 -> "Schedule/" + id;
                        case 1 -> "https://fhir.example.org/r4/Schedule/" + id;
                        case 2 -> "Schedule/" + id + "/_history/1";
                        default -> id;
                    })
                    .map(QueryGenerator::encode);
        }

        private Arbitrary<String> actors() {
            List<String> typed = population.actors();
            return Combinators.combine(Arbitraries.of(typed), Arbitraries.of(typed), Arbitraries.integers().between(0, 6))
                    .as((actor, other, form) -> {
                        String type = actor.substring(0, actor.indexOf('/'));
                        String id = actor.substring(actor.indexOf('/') + 1);
                        return switch (form) {
                            case 0, 1 -> id; // bare id: any type
                            case 2 -> "http://fhir.example.org/base/" + actor;
                            case 3 -> actor + "/_history/2";
                            // another actor's type with this id: matches only where both exist (shared-*)
                            case 4 -> other.substring(0, other.indexOf('/')) + "/" + id;
                            default -> type + "/" + id;
                        };
                    })
                    .map(QueryGenerator::encode);
        }

        /** The four token forms over stored (system, code) pairs, plus near misses. */
        private static Arbitrary<String> tokens(Set<TokenValue> stored, List<String> systems) {
            List<TokenValue> values = stored.isEmpty() ? List.of(new TokenValue(null, "none")) : List.copyOf(stored);
            Arbitrary<String> otherSystems = Arbitraries.of(systems);
            Arbitrary<String> otherCodes = Arbitraries.of(CODES);
            return Combinators.combine(Arbitraries.of(values), otherSystems, otherCodes, Arbitraries.integers().between(0, 9))
                    .as((token, system, code, form) -> {
                        String storedSystem = token.system();
                        return switch (form) {
                            case 0, 1 -> escape(token.code());
                            case 2, 3 -> storedSystem == null ? "|" + escape(token.code())
                                    : escape(storedSystem) + "|" + escape(token.code());
                            case 4 -> "|" + escape(token.code());
                            case 5 -> escape(storedSystem == null ? system : storedSystem) + "|";
                            case 6 -> escape(system) + "|" + escape(token.code()); // maybe another system
                            case 7 -> escape(system) + "|" + escape(code);
                            case 8 -> escape(code);
                            default -> "|" + escape(code);
                        };
                    })
                    .map(QueryGenerator::encode);
        }

        private Arbitrary<Instant> starts() {
            List<Instant> stored = population.facts().stream().map(SlotFacts::start).distinct().toList();
            Arbitrary<Instant> anywhere = Arbitraries.longs().between(RANGE_START.toEpochMilli(), RANGE_END.toEpochMilli())
                    .map(Instant::ofEpochMilli);
            return Arbitraries.frequencyOf(Tuple.of(8, near(Arbitraries.of(stored))), Tuple.of(2, anywhere));
        }

        private Arbitrary<Instant> lastUpdated() {
            List<Instant> stored = population.facts().stream().map(SlotFacts::lastUpdated).distinct().sorted().toList();
            return near(Arbitraries.of(stored));
        }

        /** A precision meaning: the finest the instant needs (minute, second or a fraction). */
        static final int OWN_PRECISION = -1;

        /** A stored instant, often exactly, else moved by one unit of some precision. */
        private static Arbitrary<Instant> near(Arbitrary<Instant> stored) {
            Arbitrary<Duration> shift = Arbitraries.frequencyOf(
                    Tuple.of(24, Arbitraries.just(Duration.ZERO)),
                    Tuple.of(6, Arbitraries.of(Duration.ofMillis(1), Duration.ofMillis(-1), Duration.ofNanos(1),
                            Duration.ofNanos(-1), Duration.ofNanos(500), Duration.ofNanos(-1500))),
                    Tuple.of(6, Arbitraries.of(Duration.ofSeconds(1), Duration.ofSeconds(-1), Duration.ofMinutes(1),
                            Duration.ofMinutes(-1), Duration.ofHours(1), Duration.ofHours(-3), Duration.ofDays(1),
                            Duration.ofDays(-1), Duration.ofDays(31), Duration.ofDays(-40))));
            return Combinators.combine(stored, shift).as(Instant::plus);
        }

        /**
         * One date value written exactly at a stored instant (or one unit before it), so the
         * instant sits on the value's lower (or upper) bound, where each prefix's {@code <} versus
         * {@code <=} matters. Alone, so no other criterion hides the boundary Slot.
         */
        private Arbitrary<String> boundaryProbe() {
            List<Instant> starts = population.facts().stream().map(SlotFacts::start).distinct().toList();
            List<Instant> updated = population.facts().stream().map(SlotFacts::lastUpdated).distinct().toList();
            return Arbitraries.frequencyOf(
                    Tuple.of(3, dates(Arbitraries.of(starts), false, true).map(v -> "start=" + v)),
                    Tuple.of(1, dates(Arbitraries.of(starts), false, true).map(v -> "date=" + v)),
                    Tuple.of(2, dates(Arbitraries.of(updated), true, true).map(v -> "_lastUpdated=" + v)));
        }

        /**
         * A date search value: a prefix and the instant written at some precision (or exactly at
         * its own when {@code exact}), in UTC or in a zone; a '+' offset is sent either as %2B or
         * raw (decoded to a space, which the grammar reads as '+').
         */
        private static Arbitrary<String> dates(Arbitrary<Instant> instants, boolean lastUpdated, boolean exact) {
            Arbitrary<Integer> precision = exact ? Arbitraries.just(OWN_PRECISION) : lastUpdated
                    ? Arbitraries.frequency(Tuple.of(12, OWN_PRECISION), Tuple.of(1, 0), Tuple.of(1, 2), Tuple.of(3, 3),
                            Tuple.of(3, 4), Tuple.of(5, 5))
                    : Arbitraries.frequency(Tuple.of(12, OWN_PRECISION), Tuple.of(1, 0), Tuple.of(1, 1), Tuple.of(2, 2),
                            Tuple.of(3, 3), Tuple.of(3, 4), Tuple.of(5, 5));
            Arbitrary<Integer> digits = Arbitraries.frequency(Tuple.of(2, 1), Tuple.of(2, 2), Tuple.of(5, 3),
                    Tuple.of(1, 4), Tuple.of(1, 6), Tuple.of(1, 7), Tuple.of(1, 9));
            // One unit earlier puts the written value's exclusive upper bound on the instant.
            Arbitrary<Boolean> unitEarlier = Arbitraries.frequency(Tuple.of(exact ? 1 : 2, false), Tuple.of(1, true));
            return Combinators.combine(Arbitraries.of(PREFIXES), instants, precision, digits, Arbitraries.of(ZONES),
                            Arbitraries.of(true, false), unitEarlier)
                    .as(QueryGenerator::writeDate);
        }

        static String writeDate(String prefix, Instant instant, int precision, int digits, String zone, boolean rawPlus,
                boolean unitEarlier) {
            if (precision == OWN_PRECISION) {
                // Written exactly at the instant's own precision, so a bound lands on it.
                int nanos = instant.getNano();
                if (nanos != 0) {
                    precision = 5;
                    digits = Math.max(digits, nanos % 1_000_000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9);
                } else {
                    precision = instant.getEpochSecond() % 60 != 0 ? 4 : 3;
                }
            }
            Instant t = instant;
            if (unitEarlier) {
                OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
                t = switch (precision) {
                    case 0 -> utc.minusYears(1).toInstant();
                    case 1 -> utc.minusMonths(1).toInstant();
                    case 2 -> utc.minusDays(1).toInstant();
                    case 3 -> instant.minus(1, ChronoUnit.MINUTES);
                    case 4 -> instant.minus(1, ChronoUnit.SECONDS);
                    default -> instant.minusNanos((long) Math.pow(10, 9 - digits));
                };
            }
            if (precision <= 2) {
                LocalDateTime utc = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
                String text = String.format("%04d", utc.getYear());
                if (precision >= 1) {
                    text += String.format("-%02d", utc.getMonthValue());
                }
                if (precision >= 2) {
                    text += String.format("-%02d", utc.getDayOfMonth());
                }
                return prefix + text;
            }
            ZoneOffset offset = zone.isEmpty() || zone.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone);
            OffsetDateTime local = t.atOffset(offset);
            StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d", local.getYear(),
                    local.getMonthValue(), local.getDayOfMonth(), local.getHour(), local.getMinute()));
            if (precision >= 4) {
                text.append(String.format(":%02d", local.getSecond()));
            }
            if (precision >= 5) {
                text.append('.').append(String.format("%09d", local.getNano()), 0, digits);
            }
            text.append(zone.startsWith("+") ? (rawPlus ? "+" : "%2B") + zone.substring(1) : zone);
            return prefix + text;
        }

        /** FHIR search escaping of one value: \ , | $ get a backslash. */
        static String escape(String literal) {
            StringBuilder out = new StringBuilder();
            for (char c : literal.toCharArray()) {
                if (c == '\\' || c == ',' || c == '|' || c == '$') {
                    out.append('\\');
                }
                out.append(c);
            }
            return out.toString();
        }

        /** URL-encodes a value; a space becomes %20, never '+'. */
        static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
