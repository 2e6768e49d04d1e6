package org.esus.dispatch.order;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The subscriptions whose last notification was given up (their endpoint is dead or broken),
 * until one of their notifications is delivered again. While a subscription is in it, its
 * notifications get one attempt each instead of the full retry policy: they still go out in
 * order and are still reported, but a dead endpoint drains its queue quickly instead of
 * buffering notification after notification until its partition has to be paused (which would
 * hold up every other subscription of the partition). Bounded, least recently failed forgotten
 * first; forgetting one only restores its full retries.
 */
final class FailingSubscriptions {

    private static final int MAX_REMEMBERED = 100_000;

    private final Set<String> failing = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_REMEMBERED;
                }
            }));

    boolean contains(String subscriptionId) {
        return failing.contains(subscriptionId);
    }

    void failed(String subscriptionId) {
        failing.add(subscriptionId);
    }

    void delivered(String subscriptionId) {
        failing.remove(subscriptionId);
    }
}
