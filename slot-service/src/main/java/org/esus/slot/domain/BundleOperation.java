package org.esus.slot.domain;

import org.esus.common.error.FhirError;
import org.esus.common.security.Permission;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;

/** One entry of a batch or transaction Bundle, checked and read into what to do on which resource. */
final class BundleOperation {

    private final int index;
    private final HTTPVerb method;
    private final String type;
    private String id;
    private final Resource resource;
    private final String fullUrl;
    private final String ifMatch;

    private BundleOperation(int index, HTTPVerb method, String type, String id, Resource resource,
            String fullUrl, String ifMatch) {
        this.index = index;
        this.method = method;
        this.type = type;
        this.id = id;
        this.resource = resource;
        this.fullUrl = fullUrl;
        this.ifMatch = ifMatch;
    }

    static BundleOperation of(int index, BundleEntryComponent entry) {
        String where = "Bundle.entry[" + index + "]";
        if (!entry.hasRequest() || !entry.getRequest().hasMethod() || !entry.getRequest().hasUrl()) {
            throw FhirError.invalid(where + ": request.method and request.url are required");
        }
        HTTPVerb method = entry.getRequest().getMethod();
        String[] url = entry.getRequest().getUrl().replaceFirst("^/", "").split("\\?")[0].split("/");
        String type = url[0];
        if (!type.equals("Slot") && !type.equals("Schedule")) {
            throw FhirError.invalid(where + ": only Schedule and Slot entries are accepted here, not " + type);
        }
        Resource resource = entry.getResource();
        switch (method) {
            case POST -> requireShape(url.length == 1, where, "POST url must be the resource type, e.g. Slot");
            case PUT, DELETE -> requireShape(url.length == 2, where, method + " url must be Type/id, e.g. Slot/{id}");
            default -> throw FhirError.invalid(where + ": " + method + " is not supported in a Bundle here");
        }
        if (method != HTTPVerb.DELETE) {
            if (resource == null) {
                throw FhirError.invalid(where + ": a resource is required for " + method);
            }
            if (!resource.fhirType().equals(type)) {
                throw FhirError.invalid(where + ": the resource is a " + resource.fhirType() + " but the url names " + type);
            }
        }
        return new BundleOperation(index, method, type, url.length == 2 ? url[1] : null, resource,
                entry.getFullUrl(), entry.getRequest().getIfMatch());
    }

    private static void requireShape(boolean ok, String where, String message) {
        if (!ok) {
            throw FhirError.invalid(where + ": " + message);
        }
    }

    int processingRank() {
        int methodRank = switch (method) {
            case DELETE -> 0;
            case POST -> 2;
            default -> 4;
        };
        return methodRank + (type.equals("Schedule") ? 0 : 1);
    }

    Permission permission() {
        return switch (method) {
            case POST -> Permission.CREATE;
            case PUT -> Permission.UPDATE;
            default -> Permission.DELETE;
        };
    }

    void assignId(String assigned) {
        this.id = assigned;
    }

    int index() {
        return index;
    }

    HTTPVerb method() {
        return method;
    }

    String type() {
        return type;
    }

    String id() {
        return id;
    }

    Resource resource() {
        return resource;
    }

    String fullUrl() {
        return fullUrl;
    }

    String ifMatch() {
        return ifMatch;
    }
}
