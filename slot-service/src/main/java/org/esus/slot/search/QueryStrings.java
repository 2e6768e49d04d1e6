package org.esus.slot.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Rebuilds a query string from decoded parameters, for next links. */
final class QueryStrings {

    private QueryStrings() {
    }

    /** Every parameter but {@code excluded}, each followed by '&'. */
    static String without(Map<String, List<String>> parameters, String excluded) {
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
