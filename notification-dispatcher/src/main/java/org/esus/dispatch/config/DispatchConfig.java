package org.esus.dispatch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The dispatcher's settings ({@code esus.dispatch.*}); the defaults are the production values. */
@ConfigMapping(prefix = "esus.dispatch")
public interface DispatchConfig {

    /** The consumer group every replica joins; partitions of esus.notifications are spread over it. */
    @WithDefault("notification-dispatcher")
    String groupId();

    /** POSTs per notification, the first included, before it is given up as FAILED. */
    @WithDefault("8")
    int maxAttempts();

    /** The backoff before the second attempt; it doubles per attempt up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    @WithDefault("2s")
    Duration connectTimeout();

    /** From the request being sent to the response headers arriving. */
    @WithDefault("5s")
    Duration readTimeout();

    /**
     * POSTs in flight at once across all subscriptions (each is one connection); further
     * attempts wait their turn. Slow endpoints hold a permit up to the read timeout, so keep it
     * well above the number of endpoints expected to be slow at the same time.
     */
    @WithDefault("512")
    int maxConcurrentRequests();

    /**
     * Received but unfinished notifications per partition above which the partition is paused
     * (backpressure); it resumes below half of it.
     */
    @WithDefault("1000")
    int maxBufferedPerPartition();

    /**
     * How long the group waits for a replica that stopped heartbeating (a crash) before its
     * partitions go to the others; their notifications wait that long.
     */
    @WithDefault("10s")
    Duration sessionTimeout();

    /** Bounds the commit of finished offsets: at most this long between two commits. */
    @WithDefault("200ms")
    Duration commitInterval();
}
