package org.esus.booking.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import org.esus.common.error.FhirError;

/** Appointment search (CONTRACT section 4). */
@ApplicationScoped
public class AppointmentSearch {

    public String search(UriInfo uri) {
        throw new FhirError(501, org.hl7.fhir.r4.model.OperationOutcome.IssueType.NOTSUPPORTED,
                "Appointment search is being built");
    }
}
