package org.esus.testsupport.badinput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.esus.testsupport.badinput.RawHttp.Reply;

/**
 * Runs a property over inputs drawn from a jqwik {@link Arbitrary}, inside an ordinary Jupiter
 * test. jqwik's own engine does not run JUnit extensions, so a {@code @Property} in a
 * {@code @QuarkusTest} class would never see the application; drawing from the generators here
 * keeps the one Quarkus boot of the module's suite (see SlotSqlAgreementTest, which does the same).
 *
 * <p>Inputs come from a fixed seed, so a run is reproducible; there is no shrinking, so the
 * generators describe each input (its {@code toString}) well enough to read the failure. The
 * seed is {@code -Desus.properties.seed=N} (default {@value #DEFAULT_SEED}); {@code
 * -Desus.properties.tries=N} replaces every property's number of tries.
 */
public final class PropertyRun {

    public static final long DEFAULT_SEED = 20261126L;

    private static final int GEN_SIZE = 1000;
    private static final int MAX_REPORTED = 5;

    private final String name;
    private final long seed;
    private final int tries;

    private PropertyRun(String name, long seed, int tries) {
        this.name = name;
        this.seed = seed;
        this.tries = tries;
    }

    /** A property called {@code name} (for the report) with this many tries unless overridden. */
    public static PropertyRun named(String name, int tries) {
        return new PropertyRun(name, Long.getLong("esus.properties.seed", DEFAULT_SEED),
                Integer.getInteger("esus.properties.tries", tries));
    }

    /**
     * Checks {@code property} for each input; it answers a label for the summary (e.g. the
     * status) or throws an AssertionError. Fails with the first few failing inputs, the seed and
     * the try numbers; answers how often each label came up.
     */
    public <T> Map<String, Integer> check(Arbitrary<T> inputs, Function<T, String> property) {
        Random random = new Random(seed ^ name.hashCode());
        Map<String, Integer> labels = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long began = System.nanoTime();
        JqwikSession.start(Long.toString(seed));
        try {
            var generator = inputs.generator(GEN_SIZE);
            for (int attempt = 0; attempt < tries && failures.size() < MAX_REPORTED; attempt++) {
                T input = generator.next(random).value();
                try {
                    labels.merge(property.apply(input), 1, Integer::sum);
                } catch (AssertionError | RuntimeException e) {
                    labels.merge("FAILED", 1, Integer::sum);
                    failures.add("try " + attempt + ": " + input + "\n    " + e.getMessage());
                }
            }
        } finally {
            JqwikSession.finish();
        }
        System.out.printf("%s: seed=%d, %d tries in %d ms: %s%n", name, seed, labels.values().stream()
                .mapToInt(Integer::intValue).sum(), (System.nanoTime() - began) / 1_000_000, labels);
        if (!failures.isEmpty()) {
            throw new AssertionError(name + " failed (seed " + seed + ", rerun with -Desus.properties.seed=" + seed
                    + "; first " + failures.size() + " failures):\n  " + String.join("\n  ", failures));
        }
        return labels;
    }

    /**
     * The bad-input property of a write interaction: every reply passes {@link FhirReplies#classify}
     * (never a 5xx, a 4xx is an OperationOutcome), and after a refused request (4xx)
     * {@code storedState} reads as it did before it.
     */
    public <T> Map<String, Integer> checkRequests(Arbitrary<T> inputs, Function<T, Reply> send, Supplier<?> storedState) {
        return check(inputs, input -> {
            Object before = storedState.get();
            Reply reply = send.apply(input);
            String label = FhirReplies.classify(reply);
            if (reply.status() >= 400) {
                Object after = storedState.get();
                if (!before.equals(after)) {
                    throw new AssertionError("a refused request (" + label + ") changed what is stored: " + before + " -> " + after);
                }
            }
            return label;
        });
    }

    /** A search as a client sends it: the query (already encoded), perhaps with {@code Prefer: handling=strict}. */
    public record Search(String path, String query, boolean strict) {

        String target() {
            return path + (query.isEmpty() ? "" : "?" + query);
        }

        @Override
        public String toString() {
            return "GET " + target() + (strict ? " with Prefer: handling=strict" : "");
        }
    }

    /**
     * The bad-input property of a search on {@code path}: for each query (one in four sent with
     * {@code Prefer: handling=strict}), the reply passes {@link FhirReplies#classifySearch}.
     */
    public Map<String, Integer> checkSearches(FhirClient client, String path, Arbitrary<String> queries) {
        Arbitrary<Search> searches = Combinators.combine(queries, Arbitraries.of(false, false, false, true))
                .as((query, strict) -> new Search(path, query, strict));
        return check(searches, search -> FhirReplies.classifySearch(
                client.get(search.target(), search.strict() ? Map.of("Prefer", "handling=strict") : Map.of())));
    }

    /**
     * A generator is worth something only if it reaches both sides of validation: for each
     * prefix (e.g. "2" and "400"), some label of the run starts with it.
     */
    public static void assertReached(Map<String, Integer> labels, String... prefixes) {
        for (String prefix : prefixes) {
            if (labels.keySet().stream().noneMatch(label -> label.startsWith(prefix))) {
                throw new AssertionError("no input was answered " + prefix + "..: " + labels);
            }
        }
    }
}
