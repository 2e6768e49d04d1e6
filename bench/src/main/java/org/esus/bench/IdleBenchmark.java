package org.esus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 12's idle figure: with the stack up (./esus up) and no requests, how much CPU it uses
 * anyway (Kafka, the services' pollers and timers, the outbox relays, PostgreSQL's background
 * workers). Samples /proc over {@code --seconds} (30) for every process with a pid file under
 * .esus/pids and every process named postgres, prints percent of one core per process and in
 * total, and appends them to docs/benchmarks.md. Run it with {@code ./esus bench idle [--seconds N]}.
 */
public final class IdleBenchmark {

    private static final double TARGET_PERCENT = 5;

    private IdleBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        Args args = Args.parse(arguments);
        BenchOptions.Stack stack = BenchOptions.Stack.of(args);
        int seconds = args.integer("seconds", 30);
        List<String> components = components(stack.stateDir());
        if (components.isEmpty()) {
            System.err.println("no pid files under " + stack.stateDir() + "/pids: start the stack with ./esus up first");
            System.exit(1);
        }
        System.out.printf("Sampling the CPU of %s and postgresql for %d s, sending nothing ...%n", String.join(", ", components),
                seconds);
        CpuShares before = CpuShares.take(stack.stateDir(), components);
        Thread.sleep(seconds * 1000L);
        CpuShares after = CpuShares.take(stack.stateDir(), components);

        Map<String, Double> percent = after.percentOfOneCore(before);
        percent.remove(CpuShares.BENCHMARK); // this JVM sleeping: not the stack's
        double total = percent.values().stream().mapToDouble(Double::doubleValue).sum();
        List<String> each = new ArrayList<>();
        percent.forEach((process, p) -> each.add(String.format("%s %.1f", process, p)));
        String idle = String.format("Idle stack: %.1f %% of one core (%s); target <= %.0f %%: %s", total, String.join(", ", each),
                TARGET_PERCENT, total <= TARGET_PERCENT ? "met" : "NOT met");
        String report = "\n## Idle stack (" + Instant.now() + ")\n\n"
                + "Machine: " + MachineInfo.describe() + "\n\n"
                + "Command: `./esus bench idle" + (arguments.length == 0 ? "" : " " + String.join(" ", arguments))
                + "` with `./esus up` running and no requests; CPU time from /proc over " + seconds + " s.\n\n"
                + "- " + idle + "\n"
                + "- the whole machine meanwhile (percent of one core; the other processes say how quiet it was): "
                + after.since(before) + "\n"
                + "- " + ProcessFigures.rssAfterRun(stack.stateDir(), components) + "\n";
        System.out.println(report);
        BenchmarksDoc.append(stack.out(), report);
    }

    /** The names of the pid files under .esus/pids: ./esus up's processes in its start order, then any others (replicas). */
    static List<String> components(String stateDir) throws IOException {
        Path pids = Path.of(stateDir, "pids");
        if (!Files.isDirectory(pids)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pids)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".pid"))
                    .map(f -> f.substring(0, f.length() - ".pid".length()))
                    .sorted(Comparator.comparingInt((String name) -> ProcessFigures.STACK.contains(name)
                            ? ProcessFigures.STACK.indexOf(name) : ProcessFigures.STACK.size()).thenComparing(name -> name))
                    .toList();
        }
    }
}
