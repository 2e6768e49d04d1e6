package org.esus.subscription.topic;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.esus.common.error.FhirError;
import org.esus.common.http.FhirResponses;
import org.esus.common.search.bundle.SearchBundleWriter;
import org.esus.common.search.bundle.SearchLinks;
import org.esus.common.security.Permission;
import org.esus.common.security.RequiresScope;

/**
 * Read and search of the subscription topic definitions (today only {@link SlotTopicDefinition}),
 * which R4 clients read as Basic resources. Only reading is offered: topics are defined by ESUS,
 * not by clients. A client that may read Subscriptions may read the topics they refer to, so both
 * interactions need the Subscription read scope; search needs no {@code s} because
 * {@code system/Subscription.crud}, the usual scope of a subscriber, has none.
 */
@Path("Basic")
public class SlotTopicResource {

    @Context
    UriInfo uri;

    @GET
    @Path("{id}")
    @RequiresScope(resource = "Subscription", value = Permission.READ)
    public Response read(@PathParam("id") String id) {
        if (!SlotTopicDefinition.ID.equals(id)) {
            throw FhirError.notFound("Basic/" + id + " is not known");
        }
        return FhirResponses.ok(SlotTopicDefinition.STORED);
    }

    @GET
    @RequiresScope(resource = "Subscription", value = Permission.READ)
    public Response search(@HeaderParam("Prefer") String prefer) {
        String bundle = SearchBundleWriter.write(SlotTopicSearch.search(uri.getQueryParameters(), prefer),
                SearchLinks.of(uri, "Basic", null));
        return FhirResponses.json(Response.ok(bundle)).build();
    }
}
