package org.esus.common.fhir;

import java.time.Instant;

/** A resource as stored: what reads and writes answer with (body, ETag, Last-Modified, Location). */
public record StoredResource(String resourceType, String id, long versionId, Instant lastUpdated, String json) {
}
