package org.esus.dispatch;

import io.quarkus.test.common.QuarkusTestResource;
import org.esus.testsupport.EsusTestResources;

/**
 * Registers, for every test of this module, the in-process KRaft broker with the ESUS topics
 * (one Quarkus boot for all tests). The dispatcher has no database.
 */
@QuarkusTestResource(EsusTestResources.class)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
