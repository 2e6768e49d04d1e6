package org.esus.booking.api;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.concurrent.CompletionStage;
import org.esus.booking.domain.AppointmentChanges;
import org.esus.booking.domain.BookingService;
import org.esus.booking.search.AppointmentSearch;
import org.esus.common.fhir.FhirIds;
import org.esus.common.fhir.FhirJson;
import org.esus.common.http.FhirMediaTypes;
import org.esus.common.http.FhirResponses;
import org.esus.common.security.Permission;
import org.esus.common.security.RequiresScope;
import org.hl7.fhir.r4.model.Appointment;

/** FHIR REST interactions on Appointment (CONTRACT section 4). */
@Path("Appointment")
public class AppointmentResource {

    @Inject
    BookingService booking;

    @Inject
    AppointmentChanges changes;

    @Inject
    AppointmentSearch search;

    @Context
    UriInfo uri;

    /**
     * Parsing and the idempotency lookup run on a worker thread; the wait for the claim store's
     * decisions holds none (the answer is written when the stage completes).
     */
    @POST
    @Blocking
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.LEGACY_FHIR_JSON})
    @RequiresScope(resource = "Appointment", value = Permission.CREATE)
    public CompletionStage<Response> book(@HeaderParam("If-None-Exist") String ifNoneExist, String body) {
        URI base = uri.getBaseUri();
        return booking.book(FhirJson.parseForEndpoint(body, Appointment.class), ifNoneExist)
                // A retried request finds its first result: 200, as for a FHIR conditional create that matched.
                .thenApply(result -> result.created() ? FhirResponses.created(result.appointment(), base)
                        : FhirResponses.ok(result.appointment()));
    }

    @GET
    @Path("{id}")
    @RequiresScope(resource = "Appointment", value = Permission.READ)
    public Response read(@PathParam("id") String id) {
        return FhirResponses.ok(changes.read(id));
    }

    @PUT
    @Path("{id}")
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.LEGACY_FHIR_JSON})
    @RequiresScope(resource = "Appointment", value = Permission.UPDATE)
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
        Appointment appointment = FhirJson.parseForEndpoint(body, Appointment.class);
        FhirIds.requireMatching(id, appointment.getIdElement().getIdPart());
        return FhirResponses.updated(changes.update(id, appointment, ifMatch), uri);
    }

    @DELETE
    @Path("{id}")
    @RequiresScope(resource = "Appointment", value = Permission.DELETE)
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        changes.delete(id, ifMatch);
        return FhirResponses.deleted("Appointment/" + id);
    }

    @GET
    @RequiresScope(resource = "Appointment", value = Permission.SEARCH)
    public Response search(@HeaderParam("Prefer") String prefer) {
        return FhirResponses.json(Response.ok(search.search(uri, prefer))).build();
    }
}
