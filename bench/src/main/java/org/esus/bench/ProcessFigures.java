package org.esus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RSS and start-up time of a process the local stack started (pid file and log under .esus/). */
record ProcessFigures(long rssMiB, String startedIn) {

    /** The processes of ./esus up, in its start order (PostgreSQL is not one of them). */
    static final List<String> STACK = List.of("kafka", "slot-service", "booking-service", "subscription-service",
            "notification-dispatcher", "gateway");

    /** "RSS after the run: kafka 612 MiB, slot-service 240 MiB, ..." of {@code processes}, read now. */
    static String rssAfterRun(String stateDir, List<String> processes) {
        List<String> each = processes.stream().map(process -> {
            long rss = of(stateDir, process).rssMiB();
            return process + (rss < 0 ? " not running" : " " + rss + " MiB");
        }).toList();
        return "RSS after the run: " + String.join(", ", each);
    }

    static ProcessFigures of(String stateDir, String service) {
        long rss = -1;
        String started = "unknown";
        try {
            String pid = Files.readString(Path.of(stateDir, "pids", service + ".pid")).trim();
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
            Matcher m = Pattern.compile("started in ([0-9.]+s)").matcher(Files.readString(Path.of(stateDir, "logs", service + ".log")));
            while (m.find()) {
                started = m.group(1);
            }
        } catch (IOException | RuntimeException e) {
            // reported as unknown: the figures above still stand
        }
        return new ProcessFigures(rss, started);
    }

    @Override
    public String toString() {
        return "RSS " + rssMiB + " MiB after the run, Quarkus start-up " + startedIn;
    }
}
