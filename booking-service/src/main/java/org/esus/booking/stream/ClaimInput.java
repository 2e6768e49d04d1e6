package org.esus.booking.stream;

import org.esus.common.events.ClaimCommand;
import org.esus.common.events.SlotChanged;

/** One record for the claim store: a slot-service event or a booking command, never both. */
record ClaimInput(SlotChanged event, ClaimCommand command) {

    static ClaimInput of(SlotChanged event) {
        return new ClaimInput(event, null);
    }

    static ClaimInput of(ClaimCommand command) {
        return new ClaimInput(null, command);
    }
}
