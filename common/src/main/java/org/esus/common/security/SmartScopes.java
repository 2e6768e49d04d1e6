package org.esus.common.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a token's {@code scope} claim allows, read as SMART system scopes: v2
 * ({@code system/Slot.rs}, {@code system/Schedule.*}, {@code system/*.cruds}) and v1
 * ({@code system/Slot.read}, {@code system/Slot.write}, {@code system/*.*}). Patient and user
 * scopes and scopes with query restrictions grant nothing here: ESUS serves systems, and a
 * restriction we do not evaluate must not widen access.
 */
public final class SmartScopes {

    private record Grant(String resourceType, Set<Permission> permissions) {
    }

    private final List<Grant> grants;

    private SmartScopes(List<Grant> grants) {
        this.grants = grants;
    }

    public static SmartScopes parse(String scopeClaim) {
        List<Grant> grants = new ArrayList<>();
        if (scopeClaim != null) {
            for (String scope : scopeClaim.trim().split("\\s+")) {
                Grant grant = parseOne(scope);
                if (grant != null) {
                    grants.add(grant);
                }
            }
        }
        return new SmartScopes(grants);
    }

    public boolean permits(String resourceType, Permission permission) {
        for (Grant grant : grants) {
            if ((grant.resourceType.equals("*") || grant.resourceType.equals(resourceType))
                    && grant.permissions.contains(permission)) {
                return true;
            }
        }
        return false;
    }

    private static Grant parseOne(String scope) {
        if (!scope.startsWith("system/") || scope.contains("?")) {
            return null;
        }
        int dot = scope.indexOf('.', "system/".length());
        if (dot < 0) {
            return null;
        }
        String type = scope.substring("system/".length(), dot);
        Set<Permission> permissions = permissionsOf(scope.substring(dot + 1));
        if (type.isEmpty() || permissions.isEmpty()) {
            return null;
        }
        return new Grant(type, permissions);
    }

    private static Set<Permission> permissionsOf(String action) {
        switch (action) {
            case "*":
                return EnumSet.allOf(Permission.class);
            case "read":
                return EnumSet.of(Permission.READ, Permission.SEARCH);
            case "write":
                return EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
            default:
                return v2Letters(action);
        }
    }

    /** v2 letters must appear in "cruds" order, each at most once; anything else grants nothing. */
    private static Set<Permission> v2Letters(String action) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        int next = 0;
        Permission[] order = Permission.values();
        for (char c : action.toCharArray()) {
            while (next < order.length && order[next].letter() != c) {
                next++;
            }
            if (next == order.length) {
                return EnumSet.noneOf(Permission.class);
            }
            permissions.add(order[next++]);
        }
        return permissions;
    }
}
