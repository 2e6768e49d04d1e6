package org.esus.common.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.esus.common.error.FhirError;

/**
 * FHIR search value escaping: inside a value {@code \,} {@code \|} {@code \$} and {@code \\}
 * stand for the literal character, so a comma or bar can appear in a code without splitting it.
 * Splitting keeps the escapes (a second split level still needs them); {@link #unescape} runs
 * last, on the final piece.
 */
public final class SearchValues {

    /** A FHIR id (R4 datatype "id"). Server ids are lowercase UUIDs, which this admits. */
    static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private SearchValues() {
    }

    /** Splits on every {@code separator} not preceded by a backslash; pieces keep their escapes. */
    static List<String> splitUnescaped(String parameter, String value, char separator) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (i + 1 == value.length()) {
                    throw badValue(parameter, value, "ends with a lone escape character '\\'");
                }
                current.append(c).append(value.charAt(++i));
            } else if (c == separator) {
                pieces.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        pieces.add(current.toString());
        return pieces;
    }

    public static String unescape(String piece) {
        if (piece.indexOf('\\') < 0) {
            return piece;
        }
        StringBuilder out = new StringBuilder(piece.length());
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c == '\\' && i + 1 < piece.length()) {
                c = piece.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    static String escape(String literal) {
        StringBuilder out = new StringBuilder(literal.length());
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '\\' || c == ',' || c == '|' || c == '$') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    static String requireFhirId(String parameter, String value, String id) {
        if (id == null || !FHIR_ID.matcher(id).matches()) {
            throw badValue(parameter, value, "is not a valid FHIR id (1-64 of A-Z a-z 0-9 - .)");
        }
        return id;
    }

    /**
     * The comma-separated alternatives of one parameter occurrence (OR), escapes kept; an empty
     * value or an empty alternative ({@code a,,b}) is a 400.
     */
    public static List<String> alternatives(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            throw badValue(parameter, "", "is empty");
        }
        List<String> pieces = splitUnescaped(parameter, value, ',');
        if (pieces.stream().anyMatch(String::isEmpty)) {
            throw badValue(parameter, value, "has an empty value in its comma-separated list");
        }
        return pieces;
    }

    /** The one shape of value diagnostics: names the parameter and quotes the value. */
    public static FhirError badValue(String parameter, String value, String problem) {
        return FhirError.badValue("Invalid value for search parameter '" + parameter + "': '" + value + "' " + problem);
    }
}
