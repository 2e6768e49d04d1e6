package org.esus.common.events;

/**
 * The Kafka topics of ESUS (ARCHITECTURE.md). The three slot topics are keyed by slot id and
 * share one partition count, so a slot's events, claims and commands meet in one stream task.
 */
public final class Topics {

    /** SlotChanged events from slot-service's outbox; key: slot id. */
    public static final String SLOT_EVENTS = "esus.slot.events";
    /** Claim and release decisions from booking-service; key: slot id. */
    public static final String SLOT_CLAIMS = "esus.slot.claims";
    /** Booking commands; key: slot id. */
    public static final String BOOKING_COMMANDS = "esus.booking.commands";
    /** Compacted: the current state of every Subscription; key: subscription id. */
    public static final String SUBSCRIPTIONS = "esus.subscriptions";
    /**
     * The matcher's NotificationRequested, one per (event, matching subscription), not numbered yet,
     * and subscription-service's handshakes; key: subscription id. Read by the event numbering.
     */
    public static final String MATCHES = "esus.matches";
    /**
     * NotificationRequested numbered per subscription, ready to POST; key: subscription id. The
     * dispatchers read it; it is also the log {@code $events} replays.
     */
    public static final String NOTIFICATIONS = "esus.notifications";
    /** Delivery outcomes from the dispatchers; key: subscription id. */
    public static final String DELIVERY_OUTCOMES = "esus.delivery.outcomes";

    private Topics() {
    }
}
