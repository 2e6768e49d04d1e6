package org.esus.slot.api;

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
import org.esus.common.fhir.FhirIds;
import org.esus.common.fhir.FhirJson;
import org.esus.common.http.FhirMediaTypes;
import org.esus.common.http.FhirResponses;
import org.esus.common.security.Permission;
import org.esus.common.security.RequiresScope;
import org.esus.slot.domain.ScheduleService;
import org.esus.slot.search.ScheduleSearch;
import org.hl7.fhir.r4.model.Schedule;

/** FHIR REST interactions on Schedule (CONTRACT section 3). */
@Path("Schedule")
public class ScheduleResource {

    @Inject
    ScheduleService schedules;

    @Inject
    ScheduleSearch search;

    @Context
    UriInfo uri;

    @POST
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.LEGACY_FHIR_JSON})
    @RequiresScope(resource = "Schedule", value = Permission.CREATE)
    public Response create(String body) {
        return FhirResponses.created(schedules.create(FhirJson.parseForEndpoint(body, Schedule.class)), uri);
    }

    @GET
    @Path("{id}")
    @RequiresScope(resource = "Schedule", value = Permission.READ)
    public Response read(@PathParam("id") String id) {
        return FhirResponses.ok(schedules.read(id));
    }

    @PUT
    @Path("{id}")
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.LEGACY_FHIR_JSON})
    @RequiresScope(resource = "Schedule", value = Permission.UPDATE)
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
        Schedule schedule = FhirJson.parseForEndpoint(body, Schedule.class);
        FhirIds.requireMatching(id, schedule.getIdElement().getIdPart());
        return FhirResponses.updated(schedules.update(id, schedule, ifMatch), uri);
    }

    @DELETE
    @Path("{id}")
    @RequiresScope(resource = "Schedule", value = Permission.DELETE)
    public Response delete(@PathParam("id") String id) {
        schedules.delete(id);
        return FhirResponses.deleted("Schedule/" + id);
    }

    @GET
    @RequiresScope(resource = "Schedule", value = Permission.SEARCH)
    public Response search() {
        return FhirResponses.json(Response.ok(search.search(uri))).build();
    }
}
