package org.esus.dispatch.deliver;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature: {@code v1,<base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))>}.
 * A secret of the form {@code whsec_<base64>} is used as the Standard Webhooks libraries use it
 * (the key is the decoded base64 after the prefix), so their verifiers accept our signatures;
 * any other secret is used as its UTF-8 bytes.
 */
public final class WebhookSigner {

    private static final String PREFIX = "whsec_";

    private WebhookSigner() {
    }

    public static String sign(String secret, String webhookId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static byte[] key(String secret) {
        if (secret.startsWith(PREFIX)) {
            try {
                return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                // a whsec_ secret that is not base64 still signs, with its plain bytes (documented)
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
