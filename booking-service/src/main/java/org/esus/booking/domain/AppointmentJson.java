package org.esus.booking.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Server-side changes to stored Appointment JSON that need no HAPI round trip: a new version's
 * meta, and the status a cancellation sets. Fields keep their order, with resourceType, id and
 * meta first as FHIR servers write them; the client's meta tags and profiles stay.
 */
final class AppointmentJson {

    private AppointmentJson() {
    }

    static ObjectNode stamped(ObjectNode source, long versionId, Instant lastUpdated) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("resourceType", source.get("resourceType"));
        out.set("id", source.get("id"));
        ObjectNode meta = out.putObject("meta");
        meta.put("versionId", Long.toString(versionId));
        meta.put("lastUpdated", lastUpdated.toString());
        if (source.get("meta") instanceof ObjectNode given) {
            given.fields().forEachRemaining(f -> {
                if (!meta.has(f.getKey())) {
                    meta.set(f.getKey(), f.getValue());
                }
            });
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = source.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!out.has(field.getKey())) {
                out.set(field.getKey(), field.getValue());
            }
        }
        return out;
    }
}
