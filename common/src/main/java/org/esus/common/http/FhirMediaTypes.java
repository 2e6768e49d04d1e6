package org.esus.common.http;

/** The request media types FHIR endpoints read (for {@code @Consumes}). */
public final class FhirMediaTypes {

    public static final String FHIR_JSON = "application/fhir+json";
    public static final String JSON = "application/json";
    public static final String LEGACY_FHIR_JSON = "application/json+fhir";

    private FhirMediaTypes() {
    }
}
