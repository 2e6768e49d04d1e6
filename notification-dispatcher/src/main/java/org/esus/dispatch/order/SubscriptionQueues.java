package org.esus.dispatch.order;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One FIFO per subscription, fed by the poll thread and drained by at most one delivery at a
 * time per subscription: a subscription's next notification starts only when the previous one
 * is delivered or given up (order, CONTRACT section 6), while every other subscription drains
 * on its own, so a slow or dead endpoint holds up nobody else, even on the same partition.
 * A subscription with nothing queued and nothing in flight has no entry.
 */
public final class SubscriptionQueues {

    private static final Logger LOG = Logger.getLogger(SubscriptionQueues.class);

    private final Function<PendingNotification, CompletionStage<?>> worker;
    // One lock for all queues: every critical section is a few map and deque operations.
    private final Map<String, ArrayDeque<PendingNotification>> queues = new HashMap<>();

    public SubscriptionQueues(Function<PendingNotification, CompletionStage<?>> worker) {
        this.worker = worker;
    }

    public void enqueue(PendingNotification pending) {
        boolean idle;
        synchronized (this) {
            ArrayDeque<PendingNotification> queue = queues.get(pending.subscriptionId());
            idle = queue == null;
            if (idle) {
                queue = new ArrayDeque<>();
                queues.put(pending.subscriptionId(), queue);
            }
            // The head of a queue is the notification in flight; it leaves the queue when done.
            queue.addLast(pending);
        }
        if (idle) {
            run(pending);
        }
    }

    /** Subscriptions with work queued or in flight. */
    public synchronized int active() {
        return queues.size();
    }

    /**
     * Drains a subscription's queue from {@code first}: a delivery still running continues the
     * drain from its completion; one already finished (an invalid endpoint) continues in this
     * loop, so a long queue of those does not grow the stack.
     */
    private void run(PendingNotification first) {
        PendingNotification pending = first;
        while (pending != null) {
            CompletableFuture<?> done = start(pending);
            if (!done.isDone()) {
                PendingNotification running = pending;
                done.whenComplete((result, failure) -> {
                    PendingNotification next = next(running);
                    if (next != null) {
                        run(next);
                    }
                });
                return;
            }
            pending = next(pending);
        }
    }

    private CompletableFuture<?> start(PendingNotification pending) {
        try {
            return worker.apply(pending).toCompletableFuture().whenComplete((result, failure) -> {
                if (failure != null) {
                    LOG.errorf(failure, "Delivering notification %s failed unexpectedly", pending.notification().notificationId());
                }
            });
        } catch (RuntimeException bug) {
            LOG.errorf(bug, "Delivering notification %s failed unexpectedly", pending.notification().notificationId());
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Removes the finished head and returns the next notification of the subscription still owned. */
    private synchronized PendingNotification next(PendingNotification finished) {
        ArrayDeque<PendingNotification> queue = queues.get(finished.subscriptionId());
        queue.pollFirst();
        // Work of partitions revoked meanwhile belongs to their new owner now: drop it unsent.
        while (!queue.isEmpty() && !queue.peekFirst().partition().owned()) {
            queue.pollFirst();
        }
        if (queue.isEmpty()) {
            queues.remove(finished.subscriptionId());
            return null;
        }
        return queue.peekFirst();
    }
}
