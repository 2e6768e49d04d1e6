package org.esus.deploy.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders deploy/helm/esus with helm-java (Helm's own code as a native library, in this JVM): no
 * helm binary, no cluster. A rendering is the chart's default values, optionally a values file of
 * the chart's folder (values-production.yaml), then --set overrides, as `helm template` would take
 * them.
 */
final class ChartRendering {

    static final String RELEASE = "esus";
    static final String NAMESPACE = "esus";
    /** Rendered text by rendering (toString names the values and the sets): tests render the same sets often. */
    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private final String valuesFile;
    private final Map<String, Object> sets;

    private ChartRendering(String valuesFile, Map<String, Object> sets) {
        this.valuesFile = valuesFile;
        this.sets = sets;
    }

    /** The chart with its default values. */
    static ChartRendering defaults() {
        return new ChartRendering(null, Map.of());
    }

    /** The chart with values-production.yaml on top of its defaults. */
    static ChartRendering production() {
        return new ChartRendering("values-production.yaml", Map.of());
    }

    /** The same rendering with one more --set (a dotted key, as on Helm's command line). */
    ChartRendering with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(sets);
        more.put(key, value);
        return new ChartRendering(valuesFile, more);
    }

    static Path chartDir() {
        Path dir = Path.of(System.getProperty("esus.chart.dir", "../helm/esus")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw new IllegalStateException("no Chart.yaml in " + dir + " (system property esus.chart.dir)");
        }
        return dir;
    }

    static LintResult lint() {
        return new Helm(chartDir()).lint().call();
    }

    /** The rendered manifests; a failing template (a `fail` of the chart) throws with Helm's message. */
    Manifests render() {
        return Manifests.parse(renderText());
    }

    String renderText() {
        return RENDERED.computeIfAbsent(toString(), key -> renderWithHelm());
    }

    private String renderWithHelm() {
        TemplateCommand template = new Helm(chartDir()).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            template = template.withValuesFile(chartDir().resolve(valuesFile));
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return template.call();
    }

    @Override
    public String toString() {
        return (valuesFile == null ? "default values" : valuesFile) + (sets.isEmpty() ? "" : " with " + sets);
    }
}
