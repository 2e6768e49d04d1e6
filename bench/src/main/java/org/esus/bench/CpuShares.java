package org.esus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        processes.put("benchmark", ticks(Long.toString(ProcessHandle.current().pid())));
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
        int cores = Runtime.getRuntime().availableProcessors();
        long total = machineTotal - before.machineTotal;
        if (total <= 0) {
            return "CPU shares unknown";
        }
        // /proc/stat counts every core's ticks: a share of it times the cores is percent of one core
        double scale = 100.0 * cores / total;
        StringBuilder text = new StringBuilder(String.format("machine %.0f %% busy of %d %%:", (machineBusy - before.machineBusy) * scale,
                100 * cores));
        long ours = 0;
        for (Map.Entry<String, Long> e : processes.entrySet()) {
            long used = e.getValue() - before.processes.getOrDefault(e.getKey(), 0L);
            ours += used;
            text.append(String.format(" %s %.0f %%,", e.getKey(), used * scale));
        }
        text.append(String.format(" other processes %.0f %%", Math.max(0, machineBusy - before.machineBusy - ours) * scale));
        return text.toString();
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
