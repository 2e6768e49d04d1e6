package org.esus.dispatch.deliver;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": the n-th wait is drawn uniformly from [d/2, d] where
 * d = min(max, initial * 2^(n-1)). Half of it is fixed so a retry never fires at once, the other
 * half is random so receivers that failed together are not hit again in lockstep.
 */
public record Backoff(Duration initial, Duration max) {

    /** The wait after the {@code failedAttempts}-th failed attempt (1-based). */
    public long delayMillis(int failedAttempts) {
        long ceiling = ceilingMillis(failedAttempts);
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }

    long ceilingMillis(int failedAttempts) {
        long base = Math.max(1, initial.toMillis());
        int doublings = Math.min(Math.max(0, failedAttempts - 1), 30); // 2^30 overflows no long with sane bases
        return Math.min(max.toMillis(), base << doublings);
    }
}
