package org.esus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The options every benchmark shares: where the stack is, how slots are loaded, how the clients run. */
final class BenchOptions {

    private BenchOptions() {
    }

    /** The running stack (./esus up) and where the figures go. */
    record Stack(String base, String tokenFile, String slotMetricsUrl, String stateDir, String out) {

        static Stack of(Args args) {
            return new Stack(
                    args.text("base", "http://127.0.0.1:8080/fhir"),
                    args.text("token-file", ".esus/token"),
                    args.text("metrics", "http://127.0.0.1:8081/q/metrics"),
                    args.text("state", ".esus"),
                    args.text("out", "docs/benchmarks.md"));
        }

        /** A client of the gateway with the development token. */
        BenchClient client() throws IOException {
            return new BenchClient(base, Files.readString(Path.of(tokenFile)).trim());
        }
    }

    /** Slot loading: slots per practitioner (one Schedule each), slots per transaction Bundle, concurrent loaders. */
    record Load(int slotsPerPractitioner, int bundleSize, int loaders) {

        static Load of(Args args) {
            return new Load(args.integer("slots-per-practitioner", 500), args.integer("bundle-size", 1000),
                    args.integer("loaders", 2));
        }

        /** Slots per Bundle: whole practitioners only. */
        int bundleSlots() {
            return Math.max(1, bundleSize / slotsPerPractitioner) * slotsPerPractitioner;
        }
    }

    /** A closed-loop run: clients, warm-up and measured seconds, and the seed of the clients' choices. */
    record Run(int clients, int warmupSeconds, int seconds, long seed) {

        static Run of(Args args, int clients, int warmupSeconds, int seconds) {
            return new Run(args.integer("clients", clients), args.integer("warmup", warmupSeconds),
                    args.integer("seconds", seconds), args.number("seed", 42));
        }

        /** The same run drawing another sequence (seed + offset). */
        Run reseeded(long offset) {
            return new Run(clients, warmupSeconds, seconds, seed + offset);
        }
    }
}
