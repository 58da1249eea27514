package org.skynet.vms.core.db;

import java.nio.file.Path;

/**
 * Where the data lives. With a JDBC URL, that database (PostgreSQL in production); without one, an
 * embedded H2 file database under {@code dataDir} in PostgreSQL mode, so a new user needs no set-up.
 *
 * @param url       JDBC URL or {@code null} for the embedded database
 * @param user      database user (ignored for the embedded database)
 * @param password  database password, never logged
 * @param dataDir   the server's data directory
 * @param schema    schema to use and migrate (tests use one per test), or {@code null} for the default
 * @param maxPoolSize connection pool size
 */
public record DbSettings(String url, String user, String password, Path dataDir, String schema, int maxPoolSize) {

    /** The database of a configuration: keys {@code db.url}, {@code db.user}, {@code db.password}, {@code db.schema}. */
    public static DbSettings from(org.skynet.vms.core.config.VmsConfig config, Path dataDir, int maxPoolSize) {
        return new DbSettings(config.string("db.url", null), config.string("db.user", null),
                config.string("db.password", null), dataDir, config.string("db.schema", null), maxPoolSize);
    }

    public static DbSettings embedded(Path dataDir) {
        return new DbSettings(null, null, null, dataDir, null, 10);
    }

    public boolean isEmbedded() {
        return url == null || url.isBlank();
    }

    /**
     * The JDBC URL actually used: the configured one, or the embedded H2 file under the data directory.
     * H2's own shutdown hook is off ({@code DB_CLOSE_ON_EXIT=FALSE}): it raced the server's, closing the
     * database before the last catalogue and state rows were written; the pool's close closes it.
     */
    public String effectiveUrl() {
        if (!isEmbedded()) {
            return url;
        }
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("vms")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
    }
}
