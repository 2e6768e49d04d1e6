package org.esus.common.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmartScopesTest {

    @Test
    void v2LettersGrantExactlyTheirInteractions() {
        SmartScopes scopes = SmartScopes.parse("system/Slot.rs");
        assertTrue(scopes.permits("Slot", Permission.READ));
        assertTrue(scopes.permits("Slot", Permission.SEARCH));
        assertFalse(scopes.permits("Slot", Permission.CREATE));
        assertFalse(scopes.permits("Slot", Permission.UPDATE));
        assertFalse(scopes.permits("Schedule", Permission.READ));
    }

    @Test
    void wildcardsCoverTypesAndInteractions() {
        assertTrue(SmartScopes.parse("system/*.*").permits("Appointment", Permission.DELETE));
        assertTrue(SmartScopes.parse("system/Schedule.*").permits("Schedule", Permission.UPDATE));
        assertFalse(SmartScopes.parse("system/Schedule.*").permits("Slot", Permission.READ));
        assertTrue(SmartScopes.parse("system/*.rs").permits("Slot", Permission.SEARCH));
        assertFalse(SmartScopes.parse("system/*.rs").permits("Slot", Permission.CREATE));
    }

    @Test
    void v1ReadAndWriteMapToTheirV2Letters() {
        SmartScopes read = SmartScopes.parse("system/Slot.read");
        assertTrue(read.permits("Slot", Permission.READ) && read.permits("Slot", Permission.SEARCH));
        assertFalse(read.permits("Slot", Permission.CREATE));
        SmartScopes write = SmartScopes.parse("system/Slot.write");
        assertTrue(write.permits("Slot", Permission.CREATE) && write.permits("Slot", Permission.UPDATE)
                && write.permits("Slot", Permission.DELETE));
        assertFalse(write.permits("Slot", Permission.READ));
    }

    @Test
    void malformedOrForeignScopesGrantNothing() {
        for (String scope : new String[] {"patient/Slot.rs", "user/*.*", "system/Slot.sr", "system/Slot.rr",
                "system/Slot.x", "system/Slot", "system/.rs", "system/Slot.rs?status=free", "openid", "", "   "}) {
            SmartScopes scopes = SmartScopes.parse(scope);
            for (Permission p : Permission.values()) {
                assertFalse(scopes.permits("Slot", p), scope + " must not grant " + p);
            }
        }
        assertFalse(SmartScopes.parse(null).permits("Slot", Permission.READ));
    }

    @Test
    void severalScopesAddUp() {
        SmartScopes scopes = SmartScopes.parse("openid  system/Slot.rs\tsystem/Schedule.c");
        assertTrue(scopes.permits("Slot", Permission.READ));
        assertTrue(scopes.permits("Schedule", Permission.CREATE));
        assertFalse(scopes.permits("Schedule", Permission.READ));
    }
}
