package org.esus.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void theLeadingFieldOfADecisionIsReadWithoutBindingIt() {
        SlotClaimDecision decision = new SlotClaimDecision("d-1", "s-1", "a-1", SlotClaimDecision.Outcome.CLAIMED, null, 1,
                "busy", null, null, Instant.parse("2026-12-07T09:00:00Z"), null);
        assertEquals("d-1", EventJson.leadingText(EventJson.write(decision), "decisionId"));
    }

    @Test
    void aFieldThatIsNotFirstOrNotTextOrNotJsonIsNull() {
        assertNull(EventJson.leadingText("{\"slotId\":\"s\",\"decisionId\":\"d\"}", "decisionId"));
        assertNull(EventJson.leadingText("{\"decisionId\":7}", "decisionId"));
        assertNull(EventJson.leadingText("not json", "decisionId"));
        assertNull(EventJson.leadingText("[\"decisionId\"]", "decisionId"));
    }
}
