package org.esus.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads counters out of a service's /q/metrics (Prometheus text format). */
final class PrometheusText {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusText() {
    }

    /**
     * The metrics page at {@code url}. Asks for text/plain: Quarkus answers a FHIR Accept header
     * with 406, which must not read as "every counter is 0".
     */
    static String scrape(String url) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/plain")
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + url + ": HTTP " + answer.statusCode());
        }
        return answer.body();
    }

    /** The sum of every series of {@code metric} whose labels contain {@code labelText} ("" for all); 0 when absent. */
    static double sum(String prometheus, String metric, String labelText) {
        // greedy up to the value: a label value may hold braces (uri="/Appointment/{id}")
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{.*\\})? ([0-9.eE+-]+|NaN)$").matcher(prometheus);
        double sum = 0;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            if (labels.contains(labelText) && !m.group(2).equals("NaN")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
