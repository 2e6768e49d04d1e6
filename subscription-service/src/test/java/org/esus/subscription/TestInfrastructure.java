package org.esus.subscription;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.esus.testsupport.EsusTestResources;

/**
 * Registers, for every test of this module, the real infrastructure: the in-process KRaft
 * broker, a fresh PostgreSQL database and the test token key (one Quarkus boot for all tests).
 */
@QuarkusTestResource(value = EsusTestResources.class,
        initArgs = @ResourceArg(name = "database", value = "esus_it_subscription"))
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
