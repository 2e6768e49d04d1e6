package org.esus.booking;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A state directory of its own for the test JVM's claim store: the broker is new in every test
 * JVM, so a store left on disk by an earlier run would describe topics that no longer exist.
 */
public class StreamsStateDirectory implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("esus-booking-streams-");
            return Map.of("kafka-streams.state.dir", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // the temp directory is small and the OS cleans it; Streams may still hold files open here
    }
}
