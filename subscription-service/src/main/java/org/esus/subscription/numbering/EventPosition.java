package org.esus.subscription.numbering;

/**
 * Where an event is in esus.matches. Index keys sort by subscription, then by event number
 * (zero-padded), so one Subscription's positions are a contiguous range of the store.
 */
record EventPosition(int partition, long offset) {

    static String key(String subscriptionId, long eventNumber) {
        return subscriptionId + "|" + String.format("%019d", eventNumber);
    }

    static long number(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
    }

    static EventPosition parse(String value) {
        int colon = value.indexOf(':');
        return new EventPosition(Integer.parseInt(value.substring(0, colon)), Long.parseLong(value.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }
}
