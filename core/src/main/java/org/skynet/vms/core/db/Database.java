package org.skynet.vms.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and schema of the server's database. Opening it runs the Flyway migrations in
 * {@code classpath:db/migration}, the same on PostgreSQL and H2. Blocking: call from worker threads,
 * never from an event loop.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final Dialect dialect;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Connects, migrates and returns the database; an unreachable database is an UNREACHABLE error. */
    public static Database open(DbSettings settings) {
        String url = settings.effectiveUrl();
        Dialect dialect = Dialect.ofUrl(url);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        if (!settings.isEmbedded()) {
            cfg.setUsername(settings.user());
            cfg.setPassword(settings.password());
        }
        if (settings.schema() != null) {
            cfg.setSchema(settings.schema());
        }
        cfg.setMaximumPoolSize(settings.maxPoolSize());
        cfg.setPoolName("vms-db");
        cfg.setConnectionTimeout(10_000);
        cfg.setInitializationFailTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            throw new VmsException(ErrorKind.UNREACHABLE, "cannot connect to the database at "
                    + redact(url) + ": " + e.getMessage(), e);
        }
        try {
            var flyway = Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true);
            if (settings.schema() != null) {
                flyway.schemas(settings.schema()).defaultSchema(settings.schema());
            }
            var result = flyway.load().migrate();
            log.info("database {} ({}) at schema version {}", redact(url), dialect, result.targetSchemaVersion);
        } catch (RuntimeException e) {
            ds.close();
            throw new VmsException(ErrorKind.INTERNAL, "database migration failed: " + e.getMessage(), e);
        }
        return new Database(ds, dialect);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** A pooled connection; close it (try-with-resources). */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }

    static String redact(String url) {
        return url.replaceAll("(?i)password=[^&;]*", "password=***");
    }
}
