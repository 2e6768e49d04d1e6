package org.esus.subscription.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.esus.common.error.FhirError;
import org.junit.jupiter.api.Test;

/** The address policy of CONTRACT section 2, with and without the loopback and private allowances. */
class EndpointPolicyTest {

    private final EndpointPolicy strict = new EndpointPolicy(false, false);
    private final EndpointPolicy localStack = new EndpointPolicy(true, false);
    private final EndpointPolicy privateAllowed = new EndpointPolicy(false, true);

    @Test
    void loopbackIsRefusedUnlessAllowed() {
        for (String url : new String[] {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook",
                "http://127.9.9.9/hook"}) {
            assertEquals(422, assertThrows(FhirError.class, () -> strict.check(url)).status(), url);
            localStack.check(url);
            assertEquals(422, assertThrows(FhirError.class, () -> privateAllowed.check(url)).status(), url);
        }
    }

    @Test
    void privateRangesAreRefusedUnlessAllowedAndLoopbackAllowanceDoesNotOpenThem() {
        for (String url : new String[] {"http://10.0.0.1/", "http://172.31.255.1/", "http://192.168.0.1/",
                "http://100.64.0.1/", "http://[fd12:3456::1]/", "http://[fc00::1]/"}) {
            assertEquals(422, assertThrows(FhirError.class, () -> strict.check(url)).status(), url);
            assertEquals(422, assertThrows(FhirError.class, () -> localStack.check(url)).status(), url);
            privateAllowed.check(url);
        }
    }

    @Test
    void linkLocalAnyLocalMulticastAndBroadcastAreAlwaysRefused() {
        EndpointPolicy lenient = new EndpointPolicy(true, true);
        for (String url : new String[] {"http://169.254.169.254/latest/meta-data", "http://[fe80::1]/", "http://0.0.0.0/",
                "http://[::]/", "http://224.0.0.251/", "http://[ff02::1]/", "http://255.255.255.255/"}) {
            assertEquals(422, assertThrows(FhirError.class, () -> lenient.check(url)).status(), url);
        }
    }

    @Test
    void ipv4MappedIpv6AddressesAreJudgedAsTheirIpv4Address() {
        for (String url : new String[] {"http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/"}) {
            assertEquals(422, assertThrows(FhirError.class, () -> strict.check(url)).status(), url);
        }
    }

    @Test
    void publicAddressesAndUnresolvableNamesPass() {
        strict.check("https://93.184.215.14/webhooks/slots");
        strict.check("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook");
        strict.check("https://your-app.example.com/webhooks/slots");
    }

    @Test
    void onlyAbsoluteHttpUrlsWithoutCredentials() {
        for (String url : new String[] {"ftp://example.org/x", "/relative", "mailto:a@example.org", "http://",
                "https://user:pw@example.org/hook", "not a url"}) {
            assertEquals(400, assertThrows(FhirError.class, () -> strict.check(url)).status(), url);
        }
        assertEquals(400, assertThrows(FhirError.class, () -> strict.check(null)).status());
    }

    @Test
    void urlsTooLongToIndexAreBadValues() {
        String path = "a".repeat(EndpointPolicy.MAX_ENDPOINT_BYTES);
        FhirError error = assertThrows(FhirError.class, () -> strict.check("https://hooks.example.org/" + path));
        assertEquals(400, error.status());
        assertEquals("value", error.code().toCode());
    }
}
