package org.esus.testsupport.badinput;

import java.util.LinkedHashMap;
import java.util.Map;
import org.esus.testsupport.TestTokens;
import org.esus.testsupport.badinput.JsonMutants.Mutant;
import org.esus.testsupport.badinput.RawHttp.Reply;

/** Bad-input requests to the service under test on 127.0.0.1, with a token that has every scope. */
public final class FhirClient {

    private final RawHttp http;
    private final String bearer = TestTokens.bearer(TestTokens.ALL_SCOPES);

    public FhirClient(int port) {
        http = new RawHttp("127.0.0.1", port);
    }

    /** Sends the mutant's bytes with its Content-Type (none when null). */
    public Reply send(String method, String path, Mutant body) {
        Map<String, String> headers = headers();
        if (body.contentType() != null) {
            headers.put("Content-Type", body.contentType());
        }
        return http.send(method, path, headers, body.body());
    }

    /** A GET of this exact request target, plus {@code extra} headers. */
    public Reply get(String target, Map<String, String> extra) {
        Map<String, String> headers = headers();
        headers.putAll(extra);
        return http.get(target, headers);
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", bearer);
        headers.put("Accept", "application/fhir+json");
        return headers;
    }
}
