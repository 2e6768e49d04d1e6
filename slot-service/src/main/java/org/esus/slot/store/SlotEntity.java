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

/**
 * A Slot's current version: its FHIR JSON plus the search columns ({@code SlotSearchSql}
 * queries them). Token columns hold {@link TokenColumns} strings.
 */
@Entity
@Table(name = "slot")
public class SlotEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "schedule_id", nullable = false)
    public UUID scheduleId;

    @Column(name = "version_id", nullable = false)
    public long versionId;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    @Column(nullable = false)
    public boolean deleted;

    @Column(nullable = false)
    public String status;

    @Column(name = "start_at", nullable = false)
    public Instant start;

    @Column(name = "end_at", nullable = false)
    public Instant end;

    @Column(nullable = false)
    public boolean overbooked;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] identifiers;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "service_types", nullable = false)
    public String[] serviceTypes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] specialties;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "appointment_types", nullable = false)
    public String[] appointmentTypes;

    @Column(nullable = false)
    public String resource;
}
