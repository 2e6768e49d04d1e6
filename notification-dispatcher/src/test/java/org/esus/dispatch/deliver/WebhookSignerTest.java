package org.esus.dispatch.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    /** The example of the Standard Webhooks reference libraries: our signatures pass their verifiers. */
    @Test
    void matchesTheStandardWebhooksReferenceVector() {
        String signature = WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    @Test
    void aPlainSecretSignsWithItsUtf8Bytes() {
        byte[] body = new byte[0];
        assertNotEquals(WebhookSigner.sign("secret-a", "id", 1L, body), WebhookSigner.sign("secret-b", "id", 1L, body));
        assertEquals(WebhookSigner.sign("secret-a", "id", 1L, body), WebhookSigner.sign("secret-a", "id", 1L, body));
    }
}
