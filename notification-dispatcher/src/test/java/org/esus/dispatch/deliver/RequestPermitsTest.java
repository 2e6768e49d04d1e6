package org.esus.dispatch.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPermitsTest {

    @Test
    void beyondTheBoundAttemptsWaitAndGoInTurn() {
        RequestPermits permits = new RequestPermits(2);
        List<String> sent = new ArrayList<>();
        for (String attempt : List.of("a", "b", "c", "d")) {
            permits.submit(() -> sent.add(attempt));
        }
        assertEquals(List.of("a", "b"), sent);
        assertEquals(2, permits.waiting());
        permits.release();
        assertEquals(List.of("a", "b", "c"), sent, "a finished request hands its permit to the oldest waiting");
        permits.release();
        permits.release();
        permits.release();
        assertEquals(List.of("a", "b", "c", "d"), sent);
        permits.submit(() -> sent.add("e"));
        permits.submit(() -> sent.add("f"));
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), sent, "all permits back: both go at once");
    }
}
