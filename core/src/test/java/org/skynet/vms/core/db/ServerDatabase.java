package org.skynet.vms.core.db;

import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The database a test of the whole server runs on, as the server's config keys: the embedded H2 (no keys), or a
 * fresh schema in the test PostgreSQL ({@code db.url}, {@code db.user}, {@code db.schema}), dropped on close.
 */
public final class ServerDatabase implements AutoCloseable {
    private final Map<String, String> flags;
    private final String schema;

    private ServerDatabase(Map<String, String> flags, String schema) {
        this.flags = flags;
        this.schema = schema;
    }

    /** The server's default, the embedded H2 in its data folder. */
    public static ServerDatabase h2() {
        return new ServerDatabase(Map.of(), null);
    }

    /**
     * A fresh schema in the test PostgreSQL; the test is skipped (an assumption) where PostgreSQL is not reachable
     * outside CI ({@link TestDatabases#postgresAvailable}).
     */
    public static ServerDatabase postgres() {
        Assumptions.assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL not reachable");
        String schema = TestDatabases.createPostgresSchema();
        return new ServerDatabase(Map.of("db.url", TestDatabases.PG_URL, "db.user", TestDatabases.PG_USER,
                "db.schema", schema), schema);
    }

    /** The config keys that put the server on this database. */
    public Map<String, String> flags() {
        return flags;
    }

    /** Drops the PostgreSQL schema with everything in it; nothing for H2. */
    @Override
    public void close() {
        if (schema != null) {
            TestDatabases.dropPostgresSchema(schema);
        }
    }
}
