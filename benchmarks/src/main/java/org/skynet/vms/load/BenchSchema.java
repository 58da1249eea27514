package org.skynet.vms.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A schema of the benchmark PostgreSQL made for one run and dropped, with everything in it, after it. */
public final class BenchSchema implements AutoCloseable {
    private final String url;
    private final String user;
    private final String name;

    private BenchSchema(String url, String user, String name) {
        this.url = url;
        this.user = user;
        this.name = name;
    }

    /** Creates {@code prefix} plus a unique suffix in the database at {@code url}, signed in as {@code user}. */
    public static BenchSchema create(String url, String user, String prefix) throws SQLException {
        BenchSchema schema = new BenchSchema(url, user, prefix + Long.toHexString(System.nanoTime()));
        schema.execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws SQLException {
        execute("DROP SCHEMA " + name + " CASCADE");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
