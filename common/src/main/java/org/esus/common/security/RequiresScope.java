package org.esus.common.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a FHIR endpoint with the SMART permission it needs on a resource type.
 * {@link BearerTokenFilter} enforces it before the method runs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresScope {
    String resource();

    Permission value();
}
