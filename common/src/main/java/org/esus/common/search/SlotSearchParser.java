package org.esus.common.search;

import static org.esus.common.search.SlotSearchParameters.*;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.esus.common.error.FhirError;

/**
 * The one entry point from text to the Slot search model: GET /Slot query parameters
 * ({@link #parseSearch}) and Subscription criteria ({@link #parseCriteria}). Both read filter
 * values through {@link CriteriaBuilder}, so a search and a Subscription with the same
 * parameters mean the same thing. Every client mistake is a {@link FhirError} (400) whose
 * diagnostics name the parameter.
 */
public final class SlotSearchParser {

    private SlotSearchParser() {
    }

    /**
     * Parses GET /Slot. {@code queryParameters} is name → values of each occurrence, already
     * URL-decoded (JAX-RS {@code UriInfo.getQueryParameters()}); pass a map with a defined
     * iteration order, e.g. {@link #decodeQuery}, to get unknown parameters in request order.
     * Unknown names are collected, not rejected; a known name with a modifier ({@code status:not})
     * is rejected because silently ignoring the modifier would return wrong results.
     */
    public static SlotSearch parseSearch(Map<String, List<String>> queryParameters) {
        CriteriaBuilder criteria = new CriteriaBuilder();
        PagingParameters paging = new PagingParameters();
        SortOrder sort = SortOrder.ID;
        boolean includeSchedule = false;
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : queryParameters.entrySet()) {
            String name = parameter.getKey();
            List<String> values = parameter.getValue();
            if (name == null || IGNORED.contains(name)) {
                continue;
            }
            ResultParameters.rejectModifierOfKnown(name, SlotSearchParser::isKnown);
            if (CriteriaBuilder.isCriteriaParameter(name)) {
                criteria.addAll(name, values);
            } else if (!paging.read(name, values)) {
                switch (name) {
                    case SORT -> sort = SortOrder.parse(ResultParameters.single(name, values));
                    case INCLUDE -> includeSchedule = includeSchedule(values);
                    default -> unknown.add(name);
                }
            }
        }
        return new SlotSearch(criteria.build(), sort, paging.count(), paging.totalAccurate(), includeSchedule,
                paging.cursor(), unknown);
    }

    /**
     * Parses Subscription.criteria: {@code Slot} (every Slot) or {@code Slot?} + a query string of
     * filter parameters, URL-encoded as in a request URL. Result parameters ({@code _sort},
     * {@code _count}, ...), ignored ones ({@code _format}, ...) and unknown names are rejected:
     * a Subscription must never be silently broader than its author wrote.
     */
    public static SlotCriteria parseCriteria(String criteria) {
        if (criteria == null || criteria.isBlank()) {
            throw FhirError.invalid("Subscription criteria is empty; expected 'Slot?' followed by Slot search parameters");
        }
        String text = criteria.strip();
        int question = text.indexOf('?');
        String resourceType = question < 0 ? text : text.substring(0, question);
        if (!resourceType.equals("Slot")) {
            throw FhirError.invalid("Subscription criteria must search Slot ('Slot?...'), not '" + resourceType
                    + "': only Slot subscriptions are supported");
        }
        CriteriaBuilder builder = new CriteriaBuilder();
        Map<String, List<String>> parameters = decodeQuery(question < 0 ? "" : text.substring(question + 1));
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            ResultParameters.rejectModifierOfKnown(name, SlotSearchParser::isKnown);
            if (RESULT.contains(name) || IGNORED.contains(name)) {
                throw FhirError.invalid("Parameter '" + name + "' is not allowed in Subscription criteria: "
                        + "only Slot search parameters " + CRITERIA + " are");
            }
            if (!CriteriaBuilder.isCriteriaParameter(name)) {
                throw FhirError.invalid("Unknown Slot search parameter '" + name + "' in Subscription criteria; "
                        + "supported: " + CRITERIA);
            }
            builder.addAll(name, parameter.getValue());
        }
        return builder.build();
    }

    /**
     * Splits a raw query string (no leading '?') into name → values in request order, URL-decoding
     * names and values as UTF-8 ('+' becomes a space, which date offsets tolerate). Empty segments
     * ({@code a=1&&b=2}) are skipped; a segment without '=' has the empty value.
     */
    public static Map<String, List<String>> decodeQuery(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String segment : rawQuery.split("&")) {
            if (segment.isEmpty()) {
                continue;
            }
            int equals = segment.indexOf('=');
            String name = decode(equals < 0 ? segment : segment.substring(0, equals));
            String value = equals < 0 ? "" : decode(segment.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FhirError.invalid("Malformed URL encoding in query string near '" + encoded + "'");
        }
    }

    private static boolean isKnown(String name) {
        return CriteriaBuilder.isCriteriaParameter(name) || RESULT.contains(name);
    }

    private static boolean includeSchedule(List<String> values) {
        if (values == null || values.isEmpty()) {
            throw SearchValues.badValue(INCLUDE, "", "is empty");
        }
        for (String value : values) {
            if (!value.equals("Slot:schedule") && !value.equals("Slot:schedule:Schedule")) {
                throw SearchValues.badValue(INCLUDE, value, "is not supported (only Slot:schedule)");
            }
        }
        return true;
    }
}
