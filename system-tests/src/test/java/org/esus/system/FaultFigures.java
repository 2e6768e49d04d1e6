package org.esus.system;

import java.util.List;
import java.util.Map;
import org.esus.common.events.SlotChanged;
import org.esus.testsupport.WebhookReceiver.Received;
import org.esus.testsupport.WebhookReceiver;

/**
 * The figures a fault test prints for docs/reliability.md (failsafe keeps them in
 * target/failsafe-reports/*-output.txt): what the clients saw, how many events and
 * notifications the audit covered, and how many were repeats after a crash.
 */
final class FaultFigures {

    private FaultFigures() {
    }

    static void print(String fault, String... figures) {
        System.out.println("[reliability] " + fault + ": " + String.join("; ", figures));
    }

    static String events(Map<String, List<SlotChanged>> events) {
        long total = events.values().stream().mapToLong(List::size).sum();
        long distinct = events.values().stream().flatMap(List::stream).map(e -> e.slotId() + "/" + e.version()).distinct().count();
        return String.format("%d slots, %d committed changes audited on esus.slot.events (%d records, %d published again "
                + "with the same event id)", events.size(), distinct, total, total - distinct);
    }

    static String deliveries(List<Received> received) {
        return String.format("%d notification requests received, %d distinct slot versions", received.size(),
                DeliveryAudit.distinctVersions(received));
    }

    static String clients(String who, Map<String, Integer> outcomes) {
        return who + " saw " + outcomes;
    }
}
