package org.esus.booking.stream;

import org.esus.common.events.ClaimCommand;

/** One record for the claim store: a slot-service event or a booking command, never both. */
record ClaimInput(SlotEvent event, ClaimCommand command) {

    static ClaimInput of(SlotEvent event) {
        return new ClaimInput(event, null);
    }

    static ClaimInput of(ClaimCommand command) {
        return new ClaimInput(null, command);
    }
}
