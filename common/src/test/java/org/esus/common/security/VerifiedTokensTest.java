package org.esus.common.security;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    @Test
    void aRememberedTokenIsForgottenOnceItExpires() {
        VerifiedTokens tokens = new VerifiedTokens();
        VerifiedTokens.Verified live = new VerifiedTokens.Verified("a", SmartScopes.parse("system/*.*"),
                Instant.now().plusSeconds(60));
        VerifiedTokens.Verified expired = new VerifiedTokens.Verified("b", SmartScopes.parse("system/*.*"),
                Instant.now().minusSeconds(1));
        tokens.put("live", live);
        tokens.put("expired", expired);
        assertSame(live, tokens.get("live"));
        assertNull(tokens.get("expired"));
        assertNull(tokens.get("never-seen"));
    }
}
