package org.esus.booking.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One Appointment row; {@link #resource} is the FHIR JSON served to clients. */
@Entity
@Table(name = "appointment")
public class AppointmentEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "identifier_key")
    public String identifierKey;

    @Enumerated(EnumType.STRING)
    public BookingState state;

    public String status;

    public boolean deleted;

    @Column(name = "version_id")
    public long versionId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_updated")
    public Instant lastUpdated;

    @Column(name = "start_at")
    public Instant start;

    @Column(name = "end_at")
    public Instant end;

    @Column(name = "slot_ids")
    public String[] slotIds;

    public String[] actors;

    public String resource;
}
