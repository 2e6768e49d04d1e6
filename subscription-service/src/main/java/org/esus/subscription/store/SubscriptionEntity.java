package org.esus.subscription.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A Subscription's current version: its FHIR JSON as clients read it (without the secret) and
 * the columns search, publishing and outcome handling need. The secret lives only in its own
 * column, so no read path can return it by accident.
 */
@Entity
@Table(name = "subscription")
public class SubscriptionEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "version_id", nullable = false)
    public long versionId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    @Column(nullable = false)
    public boolean deleted;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String endpoint;

    public String secret;

    @Column(nullable = false)
    public String resource;
}
