package org.esus.booking.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.booking.events.ClaimCommandProducer;
import org.esus.booking.events.DecisionListener;
import org.esus.common.events.AppointmentDraft;
import org.esus.common.events.ClaimCommand.Action;
import org.esus.common.events.ClaimCommand;
import org.esus.common.events.SlotClaimDecision.Outcome;
import org.esus.common.events.SlotClaimDecision.Reason;
import org.esus.common.events.SlotClaimDecision;
import org.esus.common.fhir.FhirIds;

/**
 * The claim protocol seen from one request: send commands, wait for their decisions. One slot is
 * claimed in one step; several are reserved, then all confirmed, or the reserved ones released,
 * so an appointment holds all its slots or none. Waiting is a chain of stages completed by the
 * decision listener, so a request waiting for its decisions holds no thread.
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

    /** Claims every slot for the appointment, or none of them. */
    public CompletableFuture<Result> claim(String appointmentId, List<String> slotIds, AppointmentDraft draft,
            Instant deadline) {
        return attempt(appointmentId, slotIds, draft, deadline, 0);
    }

    /** Releases whatever the appointment holds on these slots; true when every release was decided. */
    public boolean release(String appointmentId, List<String> slotIds, Instant deadline) {
        try {
            return exchange(appointmentId, slotIds, Action.RELEASE, null, deadline).get().isPresent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private CompletableFuture<Result> attempt(String appointmentId, List<String> slotIds, AppointmentDraft draft,
            Instant deadline, int attempt) {
        CompletableFuture<Result> result = slotIds.size() == 1
                ? single(appointmentId, slotIds.get(0), draft, deadline)
                : allOrNone(appointmentId, slotIds, draft, deadline);
        return result.thenCompose(r -> {
            // A slot just created may still be on its way from slot-service's outbox: ask again shortly.
            Duration pause = unknownSlotBackoff.multipliedBy(attempt + 1L);
            if (r.verdict() != Verdict.UNKNOWN_SLOT || attempt >= unknownSlotRetries
                    || Instant.now().plus(pause).isAfter(deadline)) {
                return CompletableFuture.completedFuture(r);
            }
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(later -> attempt(appointmentId, slotIds, draft, deadline, attempt + 1));
        });
    }

    private CompletableFuture<Result> single(String appointmentId, String slotId, AppointmentDraft draft, Instant deadline) {
        return exchange(appointmentId, List.of(slotId), Action.CLAIM, draft, deadline)
                .thenApply(answers -> answers.map(a -> new Result(verdict(a), a))
                        .orElseGet(() -> new Result(Verdict.TIMED_OUT, List.of())));
    }

    private CompletableFuture<Result> allOrNone(String appointmentId, List<String> slotIds, AppointmentDraft draft,
            Instant deadline) {
        return exchange(appointmentId, slotIds, Action.RESERVE, null, deadline).thenCompose(reserved -> {
            if (reserved.isEmpty()) {
                return done(Verdict.TIMED_OUT, List.of()); // unconfirmed reservations expire in the claim store
            }
            Verdict verdict = verdict(reserved.get());
            if (verdict != Verdict.CLAIMED) {
                List<String> held = reserved.get().stream().filter(SlotClaimDecision::holds).map(SlotClaimDecision::slotId)
                        .toList();
                if (held.isEmpty()) {
                    return done(verdict, reserved.get());
                }
                return exchange(appointmentId, held, Action.RELEASE, null, deadline)
                        .thenApply(released -> new Result(released.isPresent() ? verdict : Verdict.TIMED_OUT, reserved.get()));
            }
            return exchange(appointmentId, slotIds, Action.CONFIRM, draft, deadline).thenCompose(confirmed -> {
                if (confirmed.isEmpty()) {
                    return done(Verdict.TIMED_OUT, List.of()); // the appointment projection releases what was confirmed
                }
                Verdict outcome = verdict(confirmed.get());
                if (outcome == Verdict.CLAIMED) {
                    return done(outcome, confirmed.get());
                }
                // A slot deleted or blocked since its reservation turns its confirm down: give back the
                // ones already confirmed, so the appointment holds none.
                return exchange(appointmentId, slotIds, Action.RELEASE, null, deadline)
                        .thenApply(released -> new Result(released.isPresent() ? outcome : Verdict.TIMED_OUT, confirmed.get()));
            });
        });
    }

    private static CompletableFuture<Result> done(Verdict verdict, List<SlotClaimDecision> decisions) {
        return CompletableFuture.completedFuture(new Result(verdict, decisions));
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

    /**
     * Sends one command per slot; the stage completes with every decision, or empty when the
     * deadline passed first. A broker that does not take the commands fails it with a 503.
     */
    private CompletableFuture<Optional<List<SlotClaimDecision>>> exchange(String appointmentId, List<String> slotIds,
            Action action, AppointmentDraft draft, Instant deadline) {
        Instant now = Instant.now();
        List<ClaimCommand> batch = new ArrayList<>(slotIds.size());
        List<CompletableFuture<SlotClaimDecision>> answers = new ArrayList<>(slotIds.size());
        for (String slotId : slotIds) {
            ClaimCommand command = new ClaimCommand(FhirIds.newId(), slotId, appointmentId, action, now, null, draft);
            answers.add(decisions.expect(command.commandId()));
            batch.add(command);
        }
        long left = Math.max(Duration.between(now, deadline).toNanos(), 0);
        CompletableFuture<Void> all = CompletableFuture.allOf(answers.toArray(CompletableFuture<?>[]::new))
                .orTimeout(left, TimeUnit.NANOSECONDS);
        return commands.send(batch).thenCompose(sent -> all).handle((complete, failure) -> {
            answers.forEach(a -> a.cancel(false)); // stop listening for what did not come
            if (failure == null) {
                return Optional.of(answers.stream().map(CompletableFuture::join).toList());
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                return Optional.empty();
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        });
    }
}
