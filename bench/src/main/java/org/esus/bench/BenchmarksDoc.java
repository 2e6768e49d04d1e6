package org.esus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** docs/benchmarks.md (or --out): every run appends its section, newest at the bottom. */
final class BenchmarksDoc {

    private BenchmarksDoc() {
    }

    static void append(String file, CharSequence section) throws IOException {
        Path out = Path.of(file);
        if (!Files.exists(out)) {
            Files.writeString(out, "# ESUS benchmarks\n\nFigures written by the benchmark commands; newest at the bottom.\n");
        }
        Files.writeString(out, section, StandardOpenOption.APPEND);
        System.out.println("Appended to " + out);
    }
}
