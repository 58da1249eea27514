package org.skynet.vms.core.db;

/**
 * The two databases we run on. Migrations and queries are written once in the SQL both accept;
 * the dialect is consulted only where they truly differ (named in each use).
 */
public enum Dialect {
    POSTGRESQL,
    H2;

    static Dialect ofUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported database URL (PostgreSQL or H2 only): "
                + jdbcUrl.replaceAll("password=[^&;]*", "password=***"));
    }
}
