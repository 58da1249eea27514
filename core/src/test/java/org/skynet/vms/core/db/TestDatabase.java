package org.skynet.vms.core.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One migrated, empty database for one test: an in-memory H2, or a fresh schema in the PostgreSQL at
 * 127.0.0.1:5432 that is dropped again on close. Closed automatically by JUnit when used as a
 * parameterized-test argument.
 */
public final class TestDatabase implements AutoCloseable {
    private final String label;
    private final Database database;
    private final Runnable cleanup;

    TestDatabase(String label, Database database, Runnable cleanup) {
        this.label = label;
        this.database = database;
        this.cleanup = cleanup;
    }

    public Database database() {
        return database;
    }

    public Jdbc jdbc() {
        return new Jdbc(database);
    }

    public Dialect dialect() {
        return database.dialect();
    }

    @Override
    public void close() {
        database.close();
        cleanup.run();
    }

    @Override
    public String toString() {
        return label;
    }

    static void execute(String url, String user, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url, e);
        }
    }
}
