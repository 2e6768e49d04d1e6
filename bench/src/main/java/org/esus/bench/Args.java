package org.esus.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} command-line options, read with a default each. */
final class Args {

    private final Map<String, String> given;

    private Args(Map<String, String> given) {
        this.given = given;
    }

    static Args parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return new Args(options);
    }

    String text(String name, String otherwise) {
        return given.getOrDefault(name, otherwise);
    }

    int integer(String name, int otherwise) {
        return given.containsKey(name) ? Integer.parseInt(given.get(name)) : otherwise;
    }

    long number(String name, long otherwise) {
        return given.containsKey(name) ? Long.parseLong(given.get(name)) : otherwise;
    }

    double fraction(String name, double otherwise) {
        return given.containsKey(name) ? Double.parseDouble(given.get(name)) : otherwise;
    }

    boolean flag(String name, boolean otherwise) {
        return given.containsKey(name) ? Boolean.parseBoolean(given.get(name)) : otherwise;
    }
}
