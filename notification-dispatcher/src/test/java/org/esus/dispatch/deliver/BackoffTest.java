package org.esus.dispatch.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    @Test
    void doublesFromTheInitialDelayUpToTheMaximum() {
        assertEquals(200, backoff.ceilingMillis(1));
        assertEquals(400, backoff.ceilingMillis(2));
        assertEquals(25_600, backoff.ceilingMillis(8));
        assertEquals(30_000, backoff.ceilingMillis(9));
        assertEquals(30_000, backoff.ceilingMillis(1_000), "no overflow however many attempts");
    }

    @Test
    void eachWaitIsJitteredBetweenHalfAndAllOfItsCeiling() {
        for (int attempt = 1; attempt <= 12; attempt++) {
            for (int i = 0; i < 200; i++) {
                long delay = backoff.delayMillis(attempt);
                long ceiling = backoff.ceilingMillis(attempt);
                assertTrue(delay >= ceiling / 2 && delay <= ceiling, delay + " outside [" + ceiling / 2 + ", " + ceiling + "]");
            }
        }
    }
}
