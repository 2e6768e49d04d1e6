package org.esus.slot.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A Schedule's current version: its FHIR JSON and the columns search and matching need. */
@Entity
@Table(name = "schedule")
public class ScheduleEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "version_id", nullable = false)
    public long versionId;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    @Column(nullable = false)
    public boolean deleted;

    /** Normalized actor references, e.g. {@code Practitioner/abc}. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] actors;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] identifiers;

    @Column(nullable = false)
    public String resource;
}
