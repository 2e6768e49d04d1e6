package org.esus.common.search.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.esus.common.error.OperationOutcomes;
import org.esus.common.fhir.FhirInstants;
import org.esus.common.fhir.FhirJson;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Writes a searchset Bundle around stored resource JSON without parsing it again: the hot path
 * of every poll ("next 10 free slots") is a query plus string assembly.
 */
public final class SearchBundleWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private SearchBundleWriter() {
    }

    public static String write(SearchPage page, SearchLinks links) {
        StringWriter out = new StringWriter(256 + page.matches().size() * 700);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("resourceType", "Bundle");
            json.writeStringField("id", UUID.randomUUID().toString());
            json.writeObjectFieldStart("meta");
            json.writeStringField("lastUpdated", FhirInstants.now().toString());
            json.writeEndObject();
            json.writeStringField("type", "searchset");
            if (page.total() != null) {
                json.writeNumberField("total", page.total());
            }
            json.writeArrayFieldStart("link");
            link(json, "self", links.self());
            if (links.next() != null) {
                link(json, "next", links.next());
            }
            json.writeEndArray();
            if (!page.matches().isEmpty() || !page.includes().isEmpty() || !page.warnings().isEmpty()) {
                json.writeArrayFieldStart("entry");
                for (SearchPage.Row row : page.matches()) {
                    entry(json, links.base(), row, "match");
                }
                for (SearchPage.Row row : page.includes()) {
                    entry(json, links.base(), row, "include");
                }
                if (!page.warnings().isEmpty()) {
                    outcome(json, String.join("; ", page.warnings()));
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void link(JsonGenerator json, String relation, String url) throws IOException {
        json.writeStartObject();
        json.writeStringField("relation", relation);
        json.writeStringField("url", url);
        json.writeEndObject();
    }

    private static void entry(JsonGenerator json, String base, SearchPage.Row row, String mode) throws IOException {
        json.writeStartObject();
        json.writeStringField("fullUrl", base + row.resourceType() + "/" + row.id());
        json.writeFieldName("resource");
        json.writeRawValue(row.json());
        json.writeObjectFieldStart("search");
        json.writeStringField("mode", mode);
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void outcome(JsonGenerator json, String diagnostics) throws IOException {
        json.writeStartObject();
        json.writeFieldName("resource");
        json.writeRawValue(FhirJson.write(OperationOutcomes.of(IssueSeverity.WARNING, IssueType.NOTSUPPORTED, diagnostics)));
        json.writeObjectFieldStart("search");
        json.writeStringField("mode", "outcome");
        json.writeEndObject();
        json.writeEndObject();
    }
}
