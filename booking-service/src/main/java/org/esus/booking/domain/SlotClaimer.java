package org.esus.booking.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.booking.events.ClaimCommandProducer;
import org.esus.booking.events.DecisionListener;
import org.esus.common.events.ClaimCommand.Action;
import org.esus.common.events.ClaimCommand;
import org.esus.common.events.SlotClaimDecision.Outcome;
import org.esus.common.events.SlotClaimDecision.Reason;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.fhir.FhirIds;

/**
 * The claim protocol seen from one request: send commands, wait for their decisions. One slot is
 * claimed in one step; several are reserved, then all confirmed, or the reserved ones released,
 * so an appointment holds all its slots or none.
 */
@ApplicationScoped
public class SlotClaimer {

    /** How a claim attempt ended. */
    public enum Verdict {
        CLAIMED,
        UNAVAILABLE,
        UNKNOWN_SLOT,
        /** Not every decision came in time: what the appointment holds is unknown. */
        TIMED_OUT
    }

    public record Result(Verdict verdict, List<SlotClaimDecision> decisions) {
    }

    @Inject
    ClaimCommandProducer commands;

    @Inject
    DecisionListener decisions;

    @ConfigProperty(name = "esus.booking.unknown-slot-retries")
    int unknownSlotRetries;

    @ConfigProperty(name = "esus.booking.unknown-slot-backoff")
    Duration unknownSlotBackoff;

    public Result claim(String appointmentId, List<String> slotIds, Instant deadline) {
        for (int attempt = 0; ; attempt++) {
            Result result = slotIds.size() == 1
                    ? single(appointmentId, slotIds.get(0), deadline)
                    : allOrNone(appointmentId, slotIds, deadline);
            // A slot just created may still be on its way from slot-service's outbox: ask again shortly.
            if (result.verdict() != Verdict.UNKNOWN_SLOT || attempt >= unknownSlotRetries
                    || Instant.now().plus(unknownSlotBackoff).isAfter(deadline)) {
                return result;
            }
            sleep(unknownSlotBackoff.multipliedBy(attempt + 1L));
        }
    }

    /** Releases whatever the appointment holds on these slots; true when every release was decided. */
    public boolean release(String appointmentId, List<String> slotIds, Instant deadline) {
        return exchange(appointmentId, slotIds, Action.RELEASE, deadline).isPresent();
    }

    private Result single(String appointmentId, String slotId, Instant deadline) {
        Optional<List<SlotClaimDecision>> answers = exchange(appointmentId, List.of(slotId), Action.CLAIM, deadline);
        if (answers.isEmpty()) {
            return new Result(Verdict.TIMED_OUT, List.of());
        }
        return new Result(verdict(answers.get()), answers.get());
    }

    private Result allOrNone(String appointmentId, List<String> slotIds, Instant deadline) {
        Optional<List<SlotClaimDecision>> reserved = exchange(appointmentId, slotIds, Action.RESERVE, deadline);
        if (reserved.isEmpty()) {
            return new Result(Verdict.TIMED_OUT, List.of());
        }
        Verdict verdict = verdict(reserved.get());
        if (verdict != Verdict.CLAIMED) {
            List<String> held = reserved.get().stream().filter(SlotClaimDecision::holds).map(SlotClaimDecision::slotId).toList();
            if (!held.isEmpty() && exchange(appointmentId, held, Action.RELEASE, deadline).isEmpty()) {
                return new Result(Verdict.TIMED_OUT, reserved.get()); // the reconciler releases them
            }
            return new Result(verdict, reserved.get());
        }
        Optional<List<SlotClaimDecision>> confirmed = exchange(appointmentId, slotIds, Action.CONFIRM, deadline);
        if (confirmed.isEmpty()) {
            return new Result(Verdict.TIMED_OUT, List.of());
        }
        Verdict outcome = verdict(confirmed.get());
        // A slot deleted or blocked since its reservation turns its confirm down: give back the
        // ones already confirmed, so the appointment holds none.
        if (outcome != Verdict.CLAIMED && exchange(appointmentId, slotIds, Action.RELEASE, deadline).isEmpty()) {
            return new Result(Verdict.TIMED_OUT, confirmed.get()); // the reconciler releases them
        }
        return new Result(outcome, confirmed.get());
    }

    private static Verdict verdict(List<SlotClaimDecision> answers) {
        boolean unknown = false;
        for (SlotClaimDecision d : answers) {
            if (d.outcome() == Outcome.REJECTED) {
                if (d.reason() != Reason.UNKNOWN_SLOT) {
                    return Verdict.UNAVAILABLE;
                }
                unknown = true;
            }
        }
        return unknown ? Verdict.UNKNOWN_SLOT : Verdict.CLAIMED;
    }

    /** Sends one command per slot and waits for every decision; empty when the deadline passed first. */
    private Optional<List<SlotClaimDecision>> exchange(String appointmentId, List<String> slotIds, Action action,
            Instant deadline) {
        Instant now = Instant.now();
        List<ClaimCommand> batch = new ArrayList<>(slotIds.size());
        List<CompletableFuture<SlotClaimDecision>> answers = new ArrayList<>(slotIds.size());
        for (String slotId : slotIds) {
            ClaimCommand command = new ClaimCommand(FhirIds.newId(), slotId, appointmentId, action, now);
            answers.add(decisions.expect(command.commandId()));
            batch.add(command);
        }
        try {
            commands.send(batch);
            List<SlotClaimDecision> result = new ArrayList<>(answers.size());
            for (CompletableFuture<SlotClaimDecision> answer : answers) {
                long left = Duration.between(Instant.now(), deadline).toNanos();
                result.add(answer.get(Math.max(left, 0), TimeUnit.NANOSECONDS));
            }
            return Optional.of(result);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Decision wait failed", e.getCause());
        } finally {
            answers.forEach(a -> a.cancel(false)); // stop listening for what did not come
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
