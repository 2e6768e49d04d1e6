package org.esus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went between two snapshots (Linux /proc, clock ticks): each process of
 * the local stack (pid files under .esus/pids), PostgreSQL (every process named postgres), this
 * benchmark, and everything else on the machine, as percent of one core. On a shared machine the
 * "other" share says how much the figures were disturbed.
 */
record CpuShares(long machineBusy, long machineTotal, Map<String, Long> processes) {

    /** This JVM's own share: shown, but never counted as the stack's. */
    static final String BENCHMARK = "benchmark";
    /** Ticks per second of /proc/<pid>/stat and /proc/stat (USER_HZ, 100 on Linux whatever the kernel's HZ). */
    private static final double TICKS_PER_SECOND = 100;

    static CpuShares take(String stateDir, List<String> components) {
        Map<String, Long> processes = new LinkedHashMap<>();
        for (String component : components) {
            try {
                processes.put(component, ticks(Files.readString(Path.of(stateDir, "pids", component + ".pid")).trim()));
            } catch (IOException | RuntimeException e) {
                processes.put(component, 0L); // not running: no share
            }
        }
        processes.put("postgresql", postgresTicks());
        processes.put(BENCHMARK, ticks(Long.toString(ProcessHandle.current().pid())));
        long busy = 0;
        long total = 0;
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < cpu.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                long v = Long.parseLong(cpu[i]);
                total += v;
                busy += (i == 4 || i == 5) ? 0 : v;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the shares read as unknown
        }
        return new CpuShares(busy, total, processes);
    }

    /** "machine 187 % busy of 200 %: booking-service 61 %, ..., other 25 %" between {@code before} and this. */
    String since(CpuShares before) {
        Map<String, Double> percent = percentOfOneCore(before);
        if (percent.isEmpty()) {
            return "CPU shares unknown";
        }
        double scale = scale(before);
        StringBuilder text = new StringBuilder(String.format("machine %.0f %% busy of %d %%:", (machineBusy - before.machineBusy) * scale,
                100 * Runtime.getRuntime().availableProcessors()));
        long ours = 0;
        for (Map.Entry<String, Double> e : percent.entrySet()) {
            ours += used(before, e.getKey());
            text.append(String.format(" %s %.0f %%,", e.getKey(), e.getValue()));
        }
        text.append(String.format(" other processes %.0f %%", Math.max(0, machineBusy - before.machineBusy - ours) * scale));
        return text.toString();
    }

    /** Percent of one core each process used between {@code before} and this; empty when unknown (not Linux). */
    Map<String, Double> percentOfOneCore(CpuShares before) {
        Map<String, Double> percent = new LinkedHashMap<>();
        if (machineTotal - before.machineTotal > 0) {
            processes.keySet().forEach(name -> percent.put(name, used(before, name) * scale(before)));
        }
        return percent;
    }

    /**
     * "CPU per decision: total T ms (booking-service a, kafka b, ...; benchmark excluded)":
     * the CPU time the stack's processes used between {@code before} and this, per operation, busiest
     * first. The cost of an operation is the stack's, so the benchmark's own process and the
     * machine's other processes are not in the total.
     */
    String perOperation(CpuShares before, long operations, String operation) {
        if (operations <= 0) {
            return "CPU per " + operation + ": no " + operation + "s measured";
        }
        List<String> parts = new ArrayList<>();
        processes.keySet().stream().filter(name -> !name.equals(BENCHMARK))
                .sorted((a, b) -> Long.compare(used(before, b), used(before, a)))
                .forEach(name -> parts.add(String.format("%s %.2f", name, msPer(used(before, name), operations))));
        return String.format("CPU per %s: total %.2f ms (%s; benchmark excluded)", operation, stackMsPerOperation(before, operations),
                String.join(", ", parts));
    }

    /** The total of {@link #perOperation}: ms of the stack's CPU time per operation. */
    double stackMsPerOperation(CpuShares before, long operations) {
        long stack = processes.keySet().stream().filter(name -> !name.equals(BENCHMARK)).mapToLong(name -> used(before, name)).sum();
        return operations <= 0 ? Double.NaN : msPer(stack, operations);
    }

    private long used(CpuShares before, String process) {
        return processes.get(process) - before.processes.getOrDefault(process, 0L);
    }

    /** /proc/stat counts every core's ticks: a share of them times the cores is percent of one core. */
    private double scale(CpuShares before) {
        return 100.0 * Runtime.getRuntime().availableProcessors() / (machineTotal - before.machineTotal);
    }

    private static double msPer(long ticks, long operations) {
        return ticks * (1000 / TICKS_PER_SECOND) / operations;
    }

    private static long ticks(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long postgresTicks() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).mapToLong(p -> {
                try {
                    return Files.readString(p.resolve("comm")).trim().equals("postgres") ? ticks(p.getFileName().toString()) : 0;
                } catch (IOException e) {
                    return 0; // gone meanwhile
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
