package org.skynet.vms.core.cluster.routing;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.skynet.vms.core.db.TestDatabases;

/** {@link RoutedLiveIT} with core on PostgreSQL (a fresh schema); skipped when it is not reachable outside CI. */
class RoutedLivePostgresIT extends RoutedLiveIT {
    private String schema;

    @Override
    Map<String, String> databaseFlags() {
        Assumptions.assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL not reachable");
        schema = TestDatabases.createPostgresSchema();
        return Map.of("db.url", TestDatabases.PG_URL, "db.user", TestDatabases.PG_USER, "db.schema", schema);
    }

    @Override
    void databaseClosed() {
        if (schema != null) {
            TestDatabases.dropPostgresSchema(schema);
        }
    }
}
