package org.esus.subscription.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.esus.common.error.FhirError;
import org.esus.common.events.SubscriptionState;
import org.esus.common.fhir.FhirIds;
import org.esus.common.fhir.FhirInstants;
import org.esus.common.fhir.FhirJson;
import org.esus.common.fhir.StoredResource;
import org.esus.common.fhir.VersionTags;
import org.esus.subscription.outbox.SubscriptionOutbox;
import org.esus.subscription.store.SubscriptionEntity;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;

/**
 * Creates, updates and deletes Subscriptions, and moves them between active and error on
 * delivery outcomes (and a topic-based one from requested to active on its first delivery).
 * Every committed change writes the new state (or a tombstone) to the outbox in the same
 * transaction, so esus.subscriptions, and through it every matcher, sees exactly the committed
 * Subscriptions (invariant 5: a refused request stores and publishes nothing).
 */
@ApplicationScoped
public class SubscriptionService {

    @Inject
    SubscriptionRules rules;

    @Inject
    SubscriptionOutbox outbox;

    public StoredResource read(String id) {
        return stored(existing(SubscriptionEntity.findById(FhirIds.require("Subscription", id)), id));
    }

    @Transactional
    public StoredResource create(Subscription subscription) {
        AcceptedSubscription accepted = rules.accept(subscription, null);
        SubscriptionEntity entity = new SubscriptionEntity();
        entity.id = UUID.fromString(FhirIds.newId());
        entity.createdAt = FhirInstants.now();
        entity.secret = accepted.secret();
        write(entity, subscription, accepted, 1);
        entity.persist();
        return stored(entity);
    }

    @Transactional
    public StoredResource update(String id, Subscription subscription, String ifMatch) {
        SubscriptionEntity entity = existing(lockedOrNull(id), id);
        VersionTags.checkIfMatch(ifMatch, entity.versionId);
        AcceptedSubscription accepted = rules.accept(subscription, entity.status);
        if (accepted.secret() != null) {
            // Without the extension the stored secret stays: clients cannot read it back to resend it.
            entity.secret = accepted.secret();
        }
        if ("error".equals(accepted.status())) {
            subscription.setError(FhirJson.parse(entity.resource, Subscription.class).getError());
        } else {
            subscription.setErrorElement(null);
        }
        write(entity, subscription, accepted, entity.versionId + 1);
        return stored(entity);
    }

    @Transactional
    public void delete(String id) {
        SubscriptionEntity entity = lockedOrNull(id);
        if (entity == null) {
            throw FhirError.notFound("Subscription/" + id + " is not known");
        }
        if (entity.deleted) {
            return;
        }
        entity.deleted = true;
        entity.versionId++;
        entity.lastUpdated = FhirInstants.now();
        outbox.deleted(entity.id.toString());
    }

    /** A delivery gave up (esus.delivery.outcomes FAILED): status error with the reason, unless off or gone. */
    @Transactional
    public void deliveryFailed(String id, String reason) {
        SubscriptionEntity entity = lockedOrNull(id);
        if (entity == null || entity.deleted || "off".equals(entity.status)) {
            return;
        }
        Subscription subscription = FhirJson.parse(entity.resource, Subscription.class);
        String error = reason == null || reason.isBlank() ? "Notifications could not be delivered" : reason;
        if ("error".equals(entity.status) && error.equals(subscription.getError())) {
            return; // the same failure again: no new version
        }
        subscription.setStatus(SubscriptionStatus.ERROR).setError(error);
        rewrite(entity, subscription, "error");
    }

    /**
     * Of these Subscription ids, the ones in error or requested now: only they change when a
     * notification arrives.
     */
    @Transactional
    public List<String> inErrorOrRequested(Collection<String> ids) {
        List<String> known = ids.stream().map(FhirIds::parseOrNull).filter(Objects::nonNull).map(UUID::toString).toList();
        if (known.isEmpty()) {
            return List.of();
        }
        // One array parameter: an IN list of hundreds of parameters costs Hibernate a new SQL translation per size.
        @SuppressWarnings("unchecked")
        List<String> found = SubscriptionEntity.getEntityManager().createNativeQuery("SELECT id::text FROM subscription "
                + "WHERE id = ANY(CAST(?1 AS uuid[])) AND status IN ('error', 'requested') AND NOT deleted")
                .setParameter(1, "{" + String.join(",", known) + "}").getResultList();
        return found;
    }

    /**
     * A notification arrived (DELIVERED): a Subscription in error is active again, and a
     * requested (topic-based) one is active, its handshake having succeeded.
     */
    @Transactional
    public void delivered(String id) {
        SubscriptionEntity entity = lockedOrNull(id);
        if (entity == null || entity.deleted || !("error".equals(entity.status) || "requested".equals(entity.status))) {
            return;
        }
        Subscription subscription = FhirJson.parse(entity.resource, Subscription.class);
        subscription.setStatus(SubscriptionStatus.ACTIVE).setErrorElement(null);
        rewrite(entity, subscription, "active");
    }

    private void rewrite(SubscriptionEntity entity, Subscription subscription, String status) {
        AcceptedSubscription accepted = SubscriptionStates.accepted(subscription, status, entity.secret);
        write(entity, subscription, accepted, entity.versionId + 1);
    }

    private void write(SubscriptionEntity entity, Subscription subscription, AcceptedSubscription accepted, long version) {
        Instant now = FhirInstants.now();
        // A topic-based Subscription that becomes requested (created, or turned on again) or moves
        // to another endpoint while requested is greeted there with a handshake.
        boolean handshake = accepted.backport() != null && "requested".equals(accepted.status())
                && (!"requested".equals(entity.status) || !accepted.endpoint().equals(entity.endpoint));
        subscription.setId(entity.id.toString());
        subscription.getMeta().setVersionId(Long.toString(version)).setLastUpdated(Date.from(now));
        entity.versionId = version;
        entity.lastUpdated = now;
        entity.deleted = false;
        entity.status = accepted.status();
        entity.endpoint = accepted.endpoint();
        entity.resource = FhirJson.write(subscription);
        SubscriptionState state = SubscriptionStates.of(entity, accepted);
        outbox.changed(state);
        if (handshake) {
            outbox.handshake(state);
        }
    }

    private static SubscriptionEntity lockedOrNull(String id) {
        return SubscriptionEntity.findById(FhirIds.require("Subscription", id), LockModeType.PESSIMISTIC_WRITE);
    }

    private static SubscriptionEntity existing(SubscriptionEntity entity, String id) {
        if (entity == null) {
            throw FhirError.notFound("Subscription/" + id + " is not known");
        }
        if (entity.deleted) {
            throw FhirError.gone("Subscription/" + id + " has been deleted");
        }
        return entity;
    }

    public static StoredResource stored(SubscriptionEntity entity) {
        return new StoredResource("Subscription", entity.id.toString(), entity.versionId, entity.lastUpdated,
                entity.resource);
    }
}
