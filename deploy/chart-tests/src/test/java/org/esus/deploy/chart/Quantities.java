package org.esus.deploy.chart;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes memory quantities (512Mi, 1Gi, 1G, 1536Mi) in bytes. */
final class Quantities {

    private static final Pattern QUANTITY = Pattern.compile("([0-9.]+)([KMGT]i?)?");
    private static final Map<String, Long> UNITS = Map.of(
            "K", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L, "T", 1_000_000_000_000L,
            "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40);

    private Quantities() {
    }

    static long bytes(String quantity) {
        Matcher matcher = QUANTITY.matcher(quantity);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a memory quantity: " + quantity);
        }
        long unit = matcher.group(2) == null ? 1 : UNITS.get(matcher.group(2));
        return new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit)).longValueExact();
    }
}
