package org.esus.testsupport;

import io.smallrye.jwt.build.Jwt;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

/**
 * Mints bearer tokens for tests with a key pair made fresh in each test JVM (no key material in
 * the repository). {@link EsusTestResources} hands the public key to the service under test.
 */
public final class TestTokens {

    public static final String ISSUER = "esus-test";
    public static final String ALL_SCOPES = "system/*.*";

    // Quarkus tests load this class in more than one class loader; the key pair lives in system
    // properties so every copy signs with the key the service under test was given.
    private static final KeyPair KEYS = shared("esus.test.jwt.key");
    private static final KeyPair OTHER_KEYS = generate();

    private TestTokens() {
    }

    public static String token(String scopes) {
        return Jwt.issuer(ISSUER).subject("test-client").claim("scope", scopes)
                .expiresIn(3600).sign(KEYS.getPrivate());
    }

    public static String allScopes() {
        return token(ALL_SCOPES);
    }

    public static String bearer(String scopes) {
        return "Bearer " + token(scopes);
    }

    public static String expired() {
        Instant past = Instant.now().minusSeconds(7200);
        return Jwt.issuer(ISSUER).subject("test-client").claim("scope", ALL_SCOPES)
                .issuedAt(past).expiresAt(past.plusSeconds(60)).sign(KEYS.getPrivate());
    }

    public static String notYetValid() {
        return Jwt.issuer(ISSUER).subject("test-client").claim("scope", ALL_SCOPES)
                .claim("nbf", Instant.now().plusSeconds(3600).getEpochSecond())
                .expiresIn(7200).sign(KEYS.getPrivate());
    }

    public static String wrongIssuer() {
        return Jwt.issuer("someone-else").subject("test-client").claim("scope", ALL_SCOPES)
                .expiresIn(3600).sign(KEYS.getPrivate());
    }

    public static String signedByAnotherKey() {
        return Jwt.issuer(ISSUER).subject("test-client").claim("scope", ALL_SCOPES)
                .expiresIn(3600).sign(OTHER_KEYS.getPrivate());
    }

    /** The verification key in PEM, as {@code mp.jwt.verify.publickey} takes it. */
    public static String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----";
    }

    private static synchronized KeyPair shared(String property) {
        synchronized (System.class) {
            String encoded = System.getProperty(property);
            if (encoded == null) {
                KeyPair generated = generate();
                Base64.Encoder b64 = Base64.getEncoder();
                System.setProperty(property, b64.encodeToString(generated.getPrivate().getEncoded()) + ":"
                        + b64.encodeToString(generated.getPublic().getEncoded()));
                return generated;
            }
            try {
                String[] parts = encoded.split(":");
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new KeyPair(
                        rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1]))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0]))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
