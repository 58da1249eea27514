package org.skynet.vms.core.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/**
 * The databases every repository test runs on: the embedded H2 always, and PostgreSQL when it is
 * reachable at {@code VMS_TEST_DB_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code VMS_TEST_DB_USER} or {@code postgres}). With {@code CI=true} an unreachable PostgreSQL is a
 * failure, not a skip: CI must prove both legs.
 *
 * <p>Use with {@code @ParameterizedTest @ArgumentsSource(TestDatabases.class)} and a
 * {@link TestDatabase} parameter, or call {@link #all()} for a list of factories.
 */
public final class TestDatabases implements ArgumentsProvider {
    public static final String PG_URL = envOr("VMS_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = envOr("VMS_TEST_DB_USER", "postgres");
    private static volatile Boolean pgReachable;

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        return all().stream().map(f -> Arguments.of(Named.of(f.name(), f.open())));
    }

    /** Factories for every database leg of this run, in a stable order (H2 first). */
    public static List<Factory> all() {
        List<Factory> out = new ArrayList<>();
        out.add(new Factory("h2", TestDatabases::h2));
        if (postgresAvailable()) {
            out.add(new Factory("postgresql", TestDatabases::postgres));
        }
        return out;
    }

    /** A named way to get a fresh database. */
    public record Factory(String name, Supplier<TestDatabase> opener) {
        public TestDatabase open() {
            return opener.get();
        }
    }

    public static TestDatabase h2() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        String url = "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Database db = Database.open(new DbSettings(url, null, null, Path.of("target"), null, 4));
        return new TestDatabase("h2", db, () -> TestDatabase.execute(url, "", "SHUTDOWN"));
    }

    public static TestDatabase postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        TestDatabase.execute(PG_URL, PG_USER, "CREATE SCHEMA " + schema);
        Database db = Database.open(new DbSettings(PG_URL, PG_USER, null, Path.of("target"), schema, 4));
        return new TestDatabase("postgresql", db,
                () -> TestDatabase.execute(PG_URL, PG_USER, "DROP SCHEMA " + schema + " CASCADE"));
    }

    /**
     * A fresh, empty schema in the test PostgreSQL, for tests that start the whole server on it
     * (config keys {@code db.url}, {@code db.user}, {@code db.schema}); drop it with {@link #dropPostgresSchema}.
     */
    public static String createPostgresSchema() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        TestDatabase.execute(PG_URL, PG_USER, "CREATE SCHEMA " + schema);
        return schema;
    }

    /** Drops a schema made by {@link #createPostgresSchema} with everything in it. */
    public static void dropPostgresSchema(String schema) {
        TestDatabase.execute(PG_URL, PG_USER, "DROP SCHEMA " + schema + " CASCADE");
    }

    public static synchronized boolean postgresAvailable() {
        if (pgReachable == null) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null)) {
                pgReachable = c.isValid(5);
            } catch (SQLException e) {
                pgReachable = false;
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException("CI=true but PostgreSQL is not reachable at " + PG_URL
                            + " as " + PG_USER + ": " + e.getMessage(), e);
                }
                System.err.println("PostgreSQL not reachable at " + PG_URL + " (" + e.getMessage()
                        + "): database tests run on H2 only");
            }
        }
        return pgReachable;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
