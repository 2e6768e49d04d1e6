package org.esus.slot.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.esus.common.fhir.FhirJson;
import org.esus.common.http.FhirMediaTypes;
import org.esus.common.http.FhirResponses;
import org.esus.slot.domain.BundleProcessor;
import org.hl7.fhir.r4.model.Bundle;

/** POST /fhir: batch and transaction Bundles; each entry is scope-checked by the processor. */
@Path("")
public class BundleResource {

    @Inject
    BundleProcessor processor;

    @POST
    @Consumes({FhirMediaTypes.FHIR_JSON, FhirMediaTypes.JSON, FhirMediaTypes.LEGACY_FHIR_JSON})
    public Response process(String body) {
        Bundle response = processor.process(FhirJson.parse(body, Bundle.class));
        return FhirResponses.json(Response.ok(FhirJson.write(response))).build();
    }
}
