package org.esus.slot.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.esus.common.error.FhirError;
import org.esus.common.error.OperationOutcomes;
import org.esus.common.fhir.FhirIds;
import org.esus.common.fhir.StoredResource;
import org.esus.common.fhir.VersionTags;
import org.esus.common.security.Caller;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;

/**
 * POST /fhir with a batch or transaction Bundle: bulk creation (and updates, deletes) of
 * Schedules and Slots. A transaction runs in one database transaction, all or nothing, and
 * resolves {@code urn:uuid:} references between its entries (a new Schedule and its Slots in
 * one request); a batch runs each entry on its own and reports each outcome.
 */
@ApplicationScoped
public class BundleProcessor {

    @Inject
    ScheduleService schedules;

    @Inject
    SlotService slots;

    @Inject
    Caller caller;

    public Bundle process(Bundle request) {
        if (request.getType() == BundleType.TRANSACTION) {
            return transaction(request);
        }
        if (request.getType() == BundleType.BATCH) {
            return batch(request);
        }
        throw FhirError.invalid("Only batch and transaction Bundles can be posted to the base URL");
    }

    private Bundle transaction(Bundle request) {
        List<BundleOperation> operations = operations(request);
        resolvePlaceholders(operations);
        StoredResource[] results = new StoredResource[operations.size()];
        List<BundleOperation> inProcessingOrder = new ArrayList<>(operations);
        // FHIR transaction order: deletes, then creates, then updates; Schedules before the Slots citing them.
        inProcessingOrder.sort(Comparator.comparingInt(BundleOperation::processingRank));
        QuarkusTransaction.requiringNew().run(() -> {
            for (BundleOperation operation : inProcessingOrder) {
                try {
                    results[operation.index()] = execute(operation);
                } catch (FhirError e) {
                    throw new FhirError(e.status(), e.code(), "Bundle.entry[" + operation.index() + "]: " + e.diagnostics());
                }
            }
        });
        Bundle response = new Bundle().setType(BundleType.TRANSACTIONRESPONSE);
        for (BundleOperation operation : operations) {
            response.addEntry().setResponse(success(operation, results[operation.index()]));
        }
        return response;
    }

    private Bundle batch(Bundle request) {
        Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
        for (int i = 0; i < request.getEntry().size(); i++) {
            BundleEntryComponent entry = response.addEntry();
            try {
                BundleOperation operation = BundleOperation.of(i, request.getEntry().get(i));
                StoredResource result = QuarkusTransaction.requiringNew().call(() -> execute(operation));
                entry.setResponse(success(operation, result));
            } catch (FhirError e) {
                entry.getResponse().setStatus(e.status() + " " + reason(e.status()))
                        .setOutcome(OperationOutcomes.of(OperationOutcome.IssueSeverity.ERROR, e.code(), e.diagnostics()));
            }
        }
        return response;
    }

    private List<BundleOperation> operations(Bundle request) {
        List<BundleOperation> operations = new ArrayList<>();
        for (int i = 0; i < request.getEntry().size(); i++) {
            operations.add(BundleOperation.of(i, request.getEntry().get(i)));
        }
        return operations;
    }

    /**
     * Gives every created entry its id up front and points Slot.schedule references at the
     * urn:uuid fullUrl of a Schedule created in the same transaction to that Schedule. Only
     * Slot.schedule is resolved: it is the one reference between resources this service stores,
     * and walking every element of every entry for others cost more than the inserts.
     */
    private static void resolvePlaceholders(List<BundleOperation> operations) {
        Map<String, String> assigned = new HashMap<>();
        for (BundleOperation operation : operations) {
            if (operation.method() == HTTPVerb.POST) {
                operation.assignId(FhirIds.newId());
                if (operation.fullUrl() != null && operation.fullUrl().startsWith("urn:uuid:")) {
                    assigned.put(operation.fullUrl(), operation.type() + "/" + operation.id());
                }
            }
        }
        if (assigned.isEmpty()) {
            return;
        }
        for (BundleOperation operation : operations) {
            if (operation.resource() instanceof Slot slot && slot.hasSchedule()) {
                String target = assigned.get(slot.getSchedule().getReference());
                if (target != null) {
                    slot.getSchedule().setReference(target);
                }
            }
        }
    }

    private StoredResource execute(BundleOperation operation) {
        caller.require(operation.type(), operation.permission());
        return switch (operation.method()) {
            case POST -> create(operation);
            case PUT -> update(operation);
            case DELETE -> delete(operation);
            default -> throw FhirError.methodNotAllowed(operation.method() + " is not supported in a Bundle here");
        };
    }

    private StoredResource create(BundleOperation operation) {
        String id = operation.id() != null ? operation.id() : FhirIds.newId();
        Resource resource = operation.resource();
        if (resource instanceof Slot slot) {
            return slots.create(slot, id);
        }
        return schedules.create((Schedule) resource, id);
    }

    private StoredResource update(BundleOperation operation) {
        Resource resource = operation.resource();
        if (!operation.id().equals(resource.getIdElement().getIdPart())) {
            throw FhirError.invalid("The resource id must equal the id in request.url");
        }
        if (resource instanceof Slot slot) {
            return slots.update(operation.id(), slot, operation.ifMatch());
        }
        return schedules.update(operation.id(), (Schedule) resource, operation.ifMatch());
    }

    private StoredResource delete(BundleOperation operation) {
        if (operation.type().equals("Slot")) {
            slots.delete(operation.id(), operation.ifMatch());
        } else {
            schedules.delete(operation.id());
        }
        return null;
    }

    private static Bundle.BundleEntryResponseComponent success(BundleOperation operation, StoredResource result) {
        Bundle.BundleEntryResponseComponent response = new Bundle.BundleEntryResponseComponent();
        if (result == null) {
            return response.setStatus("204 No Content");
        }
        response.setStatus(operation.method() == HTTPVerb.POST ? "201 Created" : "200 OK")
                .setLocation(result.resourceType() + "/" + result.id() + "/_history/" + result.versionId())
                .setEtag(VersionTags.etag(result.versionId()))
                .setLastModified(Date.from(result.lastUpdated()));
        return response;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 412 -> "Precondition Failed";
            case 422 -> "Unprocessable Entity";
            default -> "Error";
        };
    }
}
