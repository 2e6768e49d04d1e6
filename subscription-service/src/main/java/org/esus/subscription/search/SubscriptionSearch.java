package org.esus.subscription.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.esus.common.error.FhirError;
import org.esus.common.events.EventJson;
import org.esus.subscription.store.SubscriptionEntity;

/**
 * GET /Subscription?status=&url= (CONTRACT section 5): status is a token (comma = OR), url is
 * Subscription.channel.endpoint (exact). Other parameters are refused with 400 rather than
 * ignored, so a client never mistakes a broader answer for a filtered one.
 */
@ApplicationScoped
public class SubscriptionSearch {

    private static final Set<String> STATUSES = Set.of("requested", "active", "error", "off");
    private static final Set<String> IGNORED = Set.of("_format", "_pretty");
    private static final int DEFAULT_COUNT = 100;
    private static final int MAX_COUNT = 1000;

    public String search(UriInfo uri) {
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        StringBuilder query = new StringBuilder("deleted = false");
        Map<String, Object> values = new HashMap<>();
        int count = DEFAULT_COUNT;
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            List<String> occurrences = parameter.getValue();
            switch (name) {
                case "status" -> {
                    for (int i = 0; i < occurrences.size(); i++) {
                        List<String> statuses = List.of(occurrences.get(i).split(","));
                        if (!STATUSES.containsAll(statuses)) {
                            throw FhirError.badValue("status must be requested, active, error or off: " + occurrences.get(i));
                        }
                        query.append(" and status in :status").append(i);
                        values.put("status" + i, statuses);
                    }
                }
                case "url" -> {
                    for (int i = 0; i < occurrences.size(); i++) {
                        query.append(" and endpoint in :url").append(i);
                        values.put("url" + i, List.of(occurrences.get(i).split(",")));
                    }
                }
                case "_count" -> count = count(occurrences);
                default -> {
                    if (!IGNORED.contains(name)) {
                        throw FhirError.badValue("Unknown Subscription search parameter " + name + " (use status or url)");
                    }
                }
            }
        }
        // _count=0 asks for the total only (FHIR search): no page to read.
        List<SubscriptionEntity> found = count == 0 ? List.of() : SubscriptionEntity.<SubscriptionEntity>find(
                query.toString(), Sort.by("lastUpdated").and("id"), values).page(0, count).list();
        long total = found.size() < count ? found.size() : SubscriptionEntity.count(query.toString(), values);
        return bundle(uri, found, total);
    }

    private static int count(List<String> occurrences) {
        try {
            int count = Integer.parseInt(occurrences.get(0));
            if (count < 0) {
                throw new NumberFormatException();
            }
            return Math.min(count, MAX_COUNT);
        } catch (NumberFormatException e) {
            throw FhirError.badValue("_count must be a non-negative integer");
        }
    }

    private static String bundle(UriInfo uri, List<SubscriptionEntity> found, long total) {
        ObjectNode bundle = JsonNodeFactory.instance.objectNode()
                .put("resourceType", "Bundle").put("type", "searchset").put("total", total);
        bundle.putArray("link").addObject().put("relation", "self").put("url", uri.getRequestUri().toString());
        if (found.isEmpty()) {
            return bundle.toString(); // FHIR JSON has no empty arrays: no entry at all
        }
        ArrayNode entries = bundle.putArray("entry");
        for (SubscriptionEntity entity : found) {
            ObjectNode entry = entries.addObject()
                    .put("fullUrl", uri.getBaseUriBuilder().path("Subscription").path(entity.id.toString()).build().toString());
            entry.set("resource", EventJson.tree(entity.resource));
            entry.putObject("search").put("mode", "match");
        }
        return bundle.toString();
    }
}
