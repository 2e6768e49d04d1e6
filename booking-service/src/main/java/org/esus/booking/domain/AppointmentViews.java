package org.esus.booking.domain;

import org.esus.booking.store.AppointmentEntity;
import org.esus.common.fhir.StoredResource;

/** The client's view of an appointment row. */
public final class AppointmentViews {

    private AppointmentViews() {
    }

    public static StoredResource stored(AppointmentEntity row) {
        return new StoredResource("Appointment", row.id.toString(), row.versionId, row.lastUpdated, row.resource);
    }
}
