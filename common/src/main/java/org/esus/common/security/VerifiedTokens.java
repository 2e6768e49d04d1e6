package org.esus.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens whose signature and claims were already verified, until they expire. A
 * system client polls with one token for its whole lifetime; verifying its RSA signature and
 * parsing its claims again on every poll cost as much CPU as the search itself. Only successful
 * verifications are kept, and never past the token's {@code exp}.
 */
@ApplicationScoped
public class VerifiedTokens {

    private static final int MAX_ENTRIES = 10_000;

    record Verified(String subject, SmartScopes scopes, Instant expires) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    Verified get(String token) {
        Verified entry = verified.get(token);
        if (entry != null && !Instant.now().isBefore(entry.expires())) {
            verified.remove(token);
            return null;
        }
        return entry;
    }

    void put(String token, Verified entry) {
        if (verified.size() >= MAX_ENTRIES) {
            // Crude but bounded: many distinct live tokens means many clients; they re-verify once.
            verified.clear();
        }
        verified.put(token, entry);
    }
}
