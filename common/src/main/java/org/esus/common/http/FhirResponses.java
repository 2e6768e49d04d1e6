package org.esus.common.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Date;
import org.esus.common.error.OperationOutcomes;
import org.esus.common.fhir.FhirJson;
import org.esus.common.fhir.StoredResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** The response shapes of FHIR interactions: body, ETag, Last-Modified and Location. */
public final class FhirResponses {

    private FhirResponses() {
    }

    public static Response ok(StoredResource resource) {
        return withVersion(Response.ok(resource.json()), resource).build();
    }

    public static Response created(StoredResource resource, UriInfo uri) {
        return created(resource, uri.getBaseUri());
    }

    /** For answers built after the request's thread moved on: UriInfo is only usable on it. */
    public static Response created(StoredResource resource, URI baseUri) {
        return withVersion(Response.status(201).entity(resource.json()), resource).location(versionUrl(resource, baseUri))
                .build();
    }

    /** An update answers like HAPI FHIR servers do: Location and Content-Location name the new version. */
    public static Response updated(StoredResource resource, UriInfo uri) {
        URI location = versionUrl(resource, uri.getBaseUri());
        return withVersion(Response.ok(resource.json()), resource).location(location)
                .header("Content-Location", location).build();
    }

    private static URI versionUrl(StoredResource resource, URI baseUri) {
        return jakarta.ws.rs.core.UriBuilder.fromUri(baseUri).path(resource.resourceType()).path(resource.id())
                .path("_history").path(Long.toString(resource.versionId())).build();
    }

    public static Response deleted(String reference) {
        String body = FhirJson.write(OperationOutcomes.of(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL,
                "Deleted " + reference));
        return json(Response.ok(body)).build();
    }

    public static Response.ResponseBuilder json(Response.ResponseBuilder builder) {
        return builder.type(FhirJson.CONTENT_TYPE);
    }

    private static Response.ResponseBuilder withVersion(Response.ResponseBuilder builder, StoredResource resource) {
        return json(builder)
                .tag(new jakarta.ws.rs.core.EntityTag(Long.toString(resource.versionId()), true))
                .lastModified(Date.from(resource.lastUpdated()));
    }

}
