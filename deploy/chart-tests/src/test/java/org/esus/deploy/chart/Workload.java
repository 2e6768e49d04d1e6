package org.esus.deploy.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Deployment or StatefulSet of one rendering, read the way the kubelet reads it: the container's
 * environment is its envFrom ConfigMaps overlaid by its own env entries.
 */
record Workload(JsonNode object, Manifests manifests) {

    String name() {
        return Manifests.name(object);
    }

    String kind() {
        return object.path("kind").asText();
    }

    JsonNode podSpec() {
        return object.path("spec").path("template").path("spec");
    }

    JsonNode podLabels() {
        return object.path("spec").path("template").path("metadata").path("labels");
    }

    /** The service's container (each pod has exactly one). */
    JsonNode container() {
        JsonNode containers = podSpec().path("containers");
        if (containers.size() != 1) {
            throw new AssertionError(name() + " has " + containers.size() + " containers, expected one");
        }
        return containers.get(0);
    }

    int httpPort() {
        for (JsonNode port : container().path("ports")) {
            if ("http".equals(port.path("name").asText())) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError(name() + " has no port named http");
    }

    /** Literal environment values: the envFrom ConfigMaps, then env entries with a value. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode source : container().path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asText();
            manifests.get("ConfigMap", configMap).path("data").fields()
                    .forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        }
        for (JsonNode variable : container().path("env")) {
            if (variable.has("value")) {
                environment.put(variable.path("name").asText(), variable.path("value").asText());
            }
        }
        return environment;
    }

    /** The Secret reference (name, key) of an environment variable taken from a Secret. */
    Optional<SecretKey> secretOf(String variable) {
        for (JsonNode entry : container().path("env")) {
            JsonNode ref = entry.path("valueFrom").path("secretKeyRef");
            if (variable.equals(entry.path("name").asText()) && !ref.isMissingNode()) {
                return Optional.of(new SecretKey(ref.path("name").asText(), ref.path("key").asText()));
            }
        }
        return Optional.empty();
    }

    /** The application.properties this service reads from its ConfigMap (config/ of its working directory). */
    String mountedProperties() {
        String workingDir = container().path("workingDir").asText();
        JsonNode mount = mountAt(workingDir + "/config")
                .orElseThrow(() -> new AssertionError(name() + " mounts nothing at " + workingDir + "/config"));
        JsonNode volume = volume(mount.path("name").asText());
        String configMap = volume.path("configMap").path("name").asText();
        return manifests.get("ConfigMap", configMap).path("data").path("application.properties").asText();
    }

    Optional<JsonNode> mountAt(String path) {
        for (JsonNode mount : container().path("volumeMounts")) {
            if (path.equals(mount.path("mountPath").asText())) {
                return Optional.of(mount);
            }
        }
        return Optional.empty();
    }

    /** A volume of the pod by name, or, for a StatefulSet, one of its volumeClaimTemplates. */
    JsonNode volume(String name) {
        List<JsonNode> candidates = new ArrayList<>();
        podSpec().path("volumes").forEach(candidates::add);
        object.path("spec").path("volumeClaimTemplates").forEach(candidates::add);
        return candidates.stream()
                .filter(v -> name.equals(v.path("name").asText()) || name.equals(Manifests.name(v)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name() + " has no volume named " + name));
    }

    record SecretKey(String name, String key) {
    }
}
