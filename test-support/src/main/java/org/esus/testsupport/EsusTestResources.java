package org.esus.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The real infrastructure a service's integration tests run against: the in-process KRaft
 * broker, a fresh PostgreSQL database (init arg {@code database}) and the test token key.
 * Started once per test JVM.
 */
public class EsusTestResources implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        // One database per test JVM, so two builds on one machine never drop each other's data.
        String name = initArgs.get("database");
        database = name == null ? null : name + "_" + ProcessHandle.current().pid();
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", KafkaBroker.bootstrapServers());
        config.put("mp.jwt.verify.publickey", TestTokens.publicKeyPem());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        if (database != null) {
            config.put("quarkus.datasource.jdbc.url", TestDatabase.recreate(database));
            config.put("quarkus.datasource.username", TestDatabase.USER);
            config.put("quarkus.datasource.password", TestDatabase.PASSWORD);
        }
        return config;
    }

    @Override
    public void stop() {
        // The broker is shared by the whole JVM and stops with it.
        if (database != null) {
            TestDatabase.drop(database);
        }
    }
}
