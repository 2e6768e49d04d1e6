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
import org.esus.slot.domain.SlotService;
import org.esus.slot.search.SlotSearchService;
import org.hl7.fhir.r4.model.Slot;

/** FHIR REST interactions on Slot (CONTRACT section 3). */
@Path("Slot")
public class SlotResource {

    @Inject
    SlotService slots;

    @Inject
    SlotSearchService search;

    @Context
    UriInfo uri;

    @POST
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.LEGACY_FHIR_JSON})
    @RequiresScope(resource = "Slot", value = Permission.CREATE)
    public Response create(String body) {
        return FhirResponses.created(slots.create(FhirJson.parseForEndpoint(body, Slot.class)), uri);
    }

    @GET
    @Path("{id}")
    @RequiresScope(resource = "Slot", value = Permission.READ)
    public Response read(@PathParam("id") String id) {
        return FhirResponses.ok(slots.read(id));
    }

    @PUT
    @Path("{id}")
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.LEGACY_FHIR_JSON})
    @RequiresScope(resource = "Slot", value = Permission.UPDATE)
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
        Slot slot = FhirJson.parseForEndpoint(body, Slot.class);
        FhirIds.requireMatching(id, slot.getIdElement().getIdPart());
        return FhirResponses.updated(slots.update(id, slot, ifMatch), uri);
    }

    @DELETE
    @Path("{id}")
    @RequiresScope(resource = "Slot", value = Permission.DELETE)
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        slots.delete(id, ifMatch);
        return FhirResponses.deleted("Slot/" + id);
    }

    @GET
    @RequiresScope(resource = "Slot", value = Permission.SEARCH)
    public Response search(@HeaderParam("Prefer") String prefer) {
        return FhirResponses.json(Response.ok(search.search(uri, prefer))).build();
    }
}
