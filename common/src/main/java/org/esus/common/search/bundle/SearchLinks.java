package org.esus.common.search.bundle;

import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The URLs of a searchset Bundle: the base for {@code fullUrl}s, {@code self} (the request as
 * sent) and {@code next} (the request again with the next page's {@code _cursor}).
 *
 * @param next null on the last page
 */
public record SearchLinks(String base, String self, String next) {

    public static SearchLinks of(UriInfo uri, String resourceType, String nextCursor) {
        String base = uri.getBaseUri().toString();
        String rawQuery = uri.getRequestUri().getRawQuery();
        String self = base + resourceType + (rawQuery == null ? "" : "?" + rawQuery);
        String next = nextCursor == null ? null
                : base + resourceType + "?" + without(uri.getQueryParameters(), "_cursor") + "_cursor=" + nextCursor;
        return new SearchLinks(base, self, next);
    }

    /** Rebuilds the query from decoded parameters: every one but {@code excluded}, each followed by '&'. */
    private static String without(Map<String, List<String>> parameters, String excluded) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, values) -> {
            if (!name.equals(excluded)) {
                for (String value : values) {
                    query.append(encode(name)).append('=').append(encode(value)).append('&');
                }
            }
        });
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
