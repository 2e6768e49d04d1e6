package org.esus.slot.lifecycle;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.esus.common.fhir.FhirJson;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.jboss.logging.Logger;

/**
 * HAPI FHIR builds its model of each resource type on first use, which takes over a second.
 * Doing that in the background right after start keeps it off the first client's request
 * without delaying readiness.
 */
@ApplicationScoped
public class FhirModelWarmUp {

    private static final Logger LOG = Logger.getLogger(FhirModelWarmUp.class);

    void onStart(@Observes StartupEvent event) {
        Thread warmUp = new Thread(FhirModelWarmUp::warmUp, "fhir-model-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static void warmUp() {
        long started = System.nanoTime();
        for (Class<? extends org.hl7.fhir.r4.model.Resource> type : java.util.List.of(Slot.class, Schedule.class, Bundle.class)) {
            FhirJson.context().getResourceDefinition(type);
        }
        String slot = "{\"resourceType\":\"Slot\",\"schedule\":{\"reference\":\"Schedule/x\"},\"status\":\"free\","
                + "\"start\":\"2026-01-01T09:00:00Z\",\"end\":\"2026-01-01T09:15:00Z\"}";
        FhirJson.write(FhirJson.parse(slot, Slot.class));
        LOG.debugf("FHIR model warmed up in %d ms", (System.nanoTime() - started) / 1_000_000);
    }
}
