package org.esus.subscription.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.esus.common.fhir.FhirIds;
import org.esus.common.fhir.FhirJson;
import org.esus.common.fhir.StoredResource;
import org.esus.common.http.FhirMediaTypes;
import org.esus.common.http.FhirResponses;
import org.esus.common.security.Permission;
import org.esus.common.security.RequiresScope;
import org.esus.subscription.domain.SubscriptionEvents;
import org.esus.subscription.domain.SubscriptionService;
import org.esus.subscription.numbering.SubscriptionEventLog;
import org.esus.subscription.search.SubscriptionSearch;
import org.hl7.fhir.r4.model.Subscription;

/**
 * FHIR REST interactions on Subscription (CONTRACT section 5), and the Backport IG's operations on
 * one: {@code $status} and {@code $events}, answered from the numbering's event log by the replica
 * that holds it (a request reaching another replica is passed on by {@link ReplicaForwarder}).
 */
@Path("Subscription")
public class SubscriptionResource {

    @Inject
    SubscriptionService subscriptions;

    @Inject
    SubscriptionSearch search;

    @Inject
    SubscriptionEvents events;

    @Inject
    SubscriptionEventLog log;

    @Inject
    ReplicaForwarder forwarder;

    @Context
    UriInfo uri;

    @POST
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.LEGACY_FHIR_JSON})
    @RequiresScope(resource = "Subscription", value = Permission.CREATE)
    public Response create(String body) {
        return FhirResponses.created(subscriptions.create(FhirJson.parseForEndpoint(body, Subscription.class)), uri);
    }

    @GET
    @Path("{id}")
    @RequiresScope(resource = "Subscription", value = Permission.READ)
    public Response read(@PathParam("id") String id) {
        return FhirResponses.ok(subscriptions.read(id));
    }

    @PUT
    @Path("{id}")
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.LEGACY_FHIR_JSON})
    @RequiresScope(resource = "Subscription", value = Permission.UPDATE)
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, String body) {
        Subscription subscription = FhirJson.parseForEndpoint(body, Subscription.class);
        FhirIds.requireMatching(id, subscription.getIdElement().getIdPart());
        return FhirResponses.updated(subscriptions.update(id, subscription, ifMatch), uri);
    }

    @DELETE
    @Path("{id}")
    @RequiresScope(resource = "Subscription", value = Permission.DELETE)
    public Response delete(@PathParam("id") String id) {
        subscriptions.delete(id);
        return FhirResponses.deleted("Subscription/" + id);
    }

    @GET
    @RequiresScope(resource = "Subscription", value = Permission.SEARCH)
    public Response search() {
        return FhirResponses.json(Response.ok(search.search(uri))).build();
    }

    @GET
    @Path("{id}/$status")
    @RequiresScope(resource = "Subscription", value = Permission.READ)
    public Response status(@PathParam("id") String id, @HeaderParam(ReplicaForwarder.FORWARDED) String forwarded,
            @HeaderParam("Authorization") String authorization) {
        StoredResource subscription = subscriptions.read(id); // 404 before any hop
        Optional<HostInfo> owner = log.owner(id);
        if (owner.isPresent()) {
            return forwarder.forward(owner.get(), uri, authorization, forwarded);
        }
        return FhirResponses.json(Response.ok(events.status(subscription))).build();
    }

    @GET
    @Path("{id}/$events")
    @RequiresScope(resource = "Subscription", value = Permission.READ)
    public Response events(@PathParam("id") String id, @QueryParam("eventsSinceNumber") String since,
            @QueryParam("eventsUntilNumber") String until, @QueryParam("content") String content,
            @HeaderParam(ReplicaForwarder.FORWARDED) String forwarded, @HeaderParam("Authorization") String authorization) {
        SubscriptionEvents.Range range = SubscriptionEvents.Range.parse(since, until, content); // 400 before any hop
        StoredResource subscription = subscriptions.read(id);
        Optional<HostInfo> owner = log.owner(id);
        if (owner.isPresent()) {
            return forwarder.forward(owner.get(), uri, authorization, forwarded);
        }
        return FhirResponses.json(Response.ok(events.events(subscription, range))).build();
    }
}
