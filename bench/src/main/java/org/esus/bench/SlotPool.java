package org.esus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The booking benchmark's own view of its slots, so that it knows which answer each attempt
 * should get. A slot is free (in the free queue), taken by one client (booking or cancelling it),
 * booked (with the appointment that holds it), or set aside after an answer that left its state
 * unknown. Free slots are handed to one client at a time, so a booking of a free slot must
 * answer 201; a booked slot may be tried by several clients at once (each must get 409) but is
 * cancelled only while nobody is trying it, so a 201 on it can only be a double booking.
 */
final class SlotPool {

    private static final int FREE = 0;
    private static final int TAKEN = -1;
    private static final int SET_ASIDE = -2;

    private final List<String> ids;
    /** FREE, TAKEN, SET_ASIDE, or 1 + the number of clients trying the booked slot now. */
    private final AtomicIntegerArray states;
    private final AtomicReferenceArray<String> appointments;
    private final ConcurrentLinkedQueue<Integer> free = new ConcurrentLinkedQueue<>();
    /** Booked slots, oldest booking first: the order they are cancelled in. */
    private final ConcurrentLinkedQueue<Integer> booked = new ConcurrentLinkedQueue<>();
    private final AtomicInteger bookedCount = new AtomicInteger();
    private final AtomicInteger setAside = new AtomicInteger();

    SlotPool(List<String> slotIds, Random shuffle) {
        this.ids = List.copyOf(slotIds);
        this.states = new AtomicIntegerArray(ids.size());
        this.appointments = new AtomicReferenceArray<>(ids.size());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, shuffle);
        free.addAll(order);
    }

    String slotId(int slot) {
        return ids.get(slot);
    }

    String appointment(int slot) {
        return appointments.get(slot);
    }

    int booked() {
        return bookedCount.get();
    }

    int size() {
        return ids.size();
    }

    int setAside() {
        return setAside.get();
    }

    /** A free slot, now this client's alone; -1 when none is free. */
    int takeFree() {
        Integer slot = free.poll();
        if (slot == null) {
            return -1;
        }
        states.set(slot, TAKEN);
        return slot;
    }

    /** The taken slot was booked by {@code appointmentId}. */
    void markBooked(int slot, String appointmentId) {
        appointments.set(slot, appointmentId);
        states.set(slot, 1);
        bookedCount.incrementAndGet();
        booked.add(slot);
    }

    /** The taken slot was cancelled: free again, at the back of the queue. */
    void markFree(int slot) {
        appointments.set(slot, null);
        states.set(slot, FREE);
        free.add(slot);
    }

    /** The taken slot's state is unknown (an error, or an answer other than expected): never used again. */
    void setAside(int slot) {
        states.set(slot, SET_ASIDE);
        setAside.incrementAndGet();
    }

    /** A random booked slot, pinned (it is not cancelled until {@link #unpin}); -1 when none was found. */
    int pinBooked(Random random) {
        for (int attempt = 0; attempt < 1024; attempt++) {
            int slot = random.nextInt(ids.size());
            int state = states.get(slot);
            if (state >= 1 && states.compareAndSet(slot, state, state + 1)) {
                return slot;
            }
        }
        return -1;
    }

    void unpin(int slot) {
        states.decrementAndGet(slot);
    }

    /** The oldest booked slot nobody is trying now, taken for cancelling; -1 when there is none. */
    int takeBookedForCancel() {
        for (int tries = booked.size(); tries > 0; tries--) {
            Integer slot = booked.poll();
            if (slot == null) {
                return -1;
            }
            if (states.compareAndSet(slot, 1, TAKEN)) {
                bookedCount.decrementAndGet();
                return slot;
            }
            booked.add(slot); // being tried right now: keep it for later
        }
        return -1;
    }

    /** Slots this pool believes booked now (for the audit). */
    List<String> bookedSlotIds() {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (states.get(i) >= 1) {
                result.add(ids.get(i));
            }
        }
        return result;
    }

    List<String> slotIds() {
        return ids;
    }
}
