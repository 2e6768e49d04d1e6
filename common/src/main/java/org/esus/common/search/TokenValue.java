package org.esus.common.search;

import java.util.List;

/**
 * A FHIR token search value, or (in {@link SlotFacts}) one stored coding/identifier.
 *
 * <p>As a search value: {@code system == null} matches any system, {@code system == ""} matches
 * only values without a system, {@code code == null} matches any code in that system.
 * The four query forms are {@code code}, {@code system|code}, {@code |code} and {@code system|}.
 * Comparison is exact (case-sensitive), as FHIR codes and identifier values are.
 */
public record TokenValue(String system, String code) {

    public TokenValue {
        if (system == null && code == null) {
            throw new IllegalArgumentException("a token needs a system or a code");
        }
    }

    /** Parses one (comma-free) token value of {@code parameter}; escapes are honoured. */
    public static TokenValue parse(String parameter, String value) {
        List<String> parts = SearchValues.splitUnescaped(parameter, value, '|');
        if (parts.size() == 1) {
            String code = SearchValues.unescape(parts.get(0));
            if (code.isEmpty()) {
                throw SearchValues.badValue(parameter, value, "is empty");
            }
            return new TokenValue(null, code);
        }
        if (parts.size() > 2) {
            throw SearchValues.badValue(parameter, value, "has more than one unescaped '|'");
        }
        String system = SearchValues.unescape(parts.get(0));
        String code = SearchValues.unescape(parts.get(1));
        if (system.isEmpty() && code.isEmpty()) {
            throw SearchValues.badValue(parameter, value, "has neither a system nor a code");
        }
        return new TokenValue(system, code.isEmpty() ? null : code);
    }

    /** Does a stored (system, code) pair satisfy this search value? A blank system counts as none. */
    public boolean matches(String factSystem, String factCode) {
        if (code != null && !code.equals(factCode)) {
            return false;
        }
        if (system == null) {
            return true;
        }
        if (system.isEmpty()) {
            return factSystem == null || factSystem.isEmpty();
        }
        return system.equals(factSystem);
    }

    /** True when any of {@code facts} (stored codings) satisfies this search value. */
    public boolean matchesAny(List<TokenValue> facts) {
        for (TokenValue fact : facts) {
            if (matches(fact.system(), fact.code())) {
                return true;
            }
        }
        return false;
    }

    /** The query form, escaped, such that {@code parse(p, format())} gives this value back. */
    public String format() {
        String escapedCode = code == null ? "" : SearchValues.escape(code);
        return system == null ? escapedCode : SearchValues.escape(system) + "|" + escapedCode;
    }
}
