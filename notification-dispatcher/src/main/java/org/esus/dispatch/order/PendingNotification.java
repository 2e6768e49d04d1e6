package org.esus.dispatch.order;

import org.esus.common.events.NotificationRequested;
import org.esus.dispatch.consume.PartitionProgress;

/** A received notification, with the partition offset to finish once it is delivered or given up. */
public record PendingNotification(NotificationRequested notification, long offset, PartitionProgress partition) {

    public String subscriptionId() {
        return notification.subscriptionId();
    }
}
