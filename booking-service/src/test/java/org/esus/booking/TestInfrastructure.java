package org.esus.booking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.esus.testsupport.EsusTestResources;

/**
 * Registers, for every test of this module, the real infrastructure: the in-process KRaft
 * broker, a fresh PostgreSQL database, the test token key, and a fresh Kafka Streams state
 * directory (one Quarkus boot for all tests).
 */
@QuarkusTestResource(value = EsusTestResources.class,
        initArgs = @ResourceArg(name = "database", value = "esus_it_booking"))
@QuarkusTestResource(StreamsStateDirectory.class)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
