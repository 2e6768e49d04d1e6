package org.esus.gateway;

/**
 * The gateway's own error bodies: minimal FHIR OperationOutcome JSON written by hand, so the
 * gateway needs no FHIR library.
 */
final class OperationOutcomes {

    static final String CONTENT_TYPE = "application/fhir+json;charset=utf-8";

    private OperationOutcomes() {
    }

    static String of(String code, String diagnostics) {
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
                + code + "\",\"diagnostics\":\"" + escape(diagnostics) + "\"}]}";
    }

    /** JSON string escaping (RFC 8259, section 7). */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
