package org.esus.deploy.chart;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** The Kubernetes objects of one rendering, as parsed YAML documents. */
final class Manifests {

    /** A key twice in one mapping (two labels of one name, say) is an error, as for the API server. */
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final List<JsonNode> objects;

    private Manifests(List<JsonNode> objects) {
        this.objects = objects;
    }

    static Manifests parse(String rendered) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(rendered)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.hasNonNull("kind")) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered chart is not YAML", e);
        }
        return new Manifests(objects);
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    /** Deployments and StatefulSets. */
    List<JsonNode> workloads() {
        return objects.stream()
                .filter(o -> List.of("Deployment", "StatefulSet").contains(o.path("kind").asText()))
                .toList();
    }

    /** The one object of this kind (an AssertionError when there is none or more than one). */
    JsonNode only(String kind) {
        List<JsonNode> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size() + " in " + names());
        }
        return found.get(0);
    }

    boolean has(String kind, String name) {
        return objects.stream().anyMatch(o -> kind.equals(o.path("kind").asText()) && name.equals(name(o)));
    }

    JsonNode get(String kind, String name) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()) && name.equals(name(o)))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + kind + " named " + name + " in " + names()));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    Workload workload(String name) {
        return workloads().stream()
                .filter(o -> name.equals(name(o)))
                .findFirst()
                .map(o -> new Workload(o, this))
                .orElseThrow(() -> new NoSuchElementException("no Deployment or StatefulSet named " + name + " in " + names()));
    }

    List<String> names() {
        return objects.stream().map(o -> o.path("kind").asText() + "/" + name(o)).toList();
    }
}
