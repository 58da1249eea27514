package org.skynet.vms.core.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts many rows as multi-row {@code INSERT ... VALUES (...), (...)} statements of up to
 * {@code rowsPerStatement} rows, sent as JDBC batches. That is what PostgreSQL's
 * {@code reWriteBatchedInserts} does in the driver, done here so that it holds whatever the URL says, and
 * it halves H2's cost per row. Rows go out in the order they were added. Not thread-safe; close it to
 * send the rest.
 */
final class MultiRowInsert implements AutoCloseable {
    private static final int STATEMENTS_PER_BATCH = 20;

    private final Connection connection;
    private final String prefix;
    private final int columns;
    private final int rowsPerStatement;
    private final PreparedStatement full;
    private final List<Object> pending = new ArrayList<>();
    private int batched;

    MultiRowInsert(Connection connection, String table, String columnList, int columns, int rowsPerStatement)
            throws SQLException {
        this.connection = connection;
        this.prefix = "INSERT INTO " + table + " (" + columnList + ") VALUES ";
        this.columns = columns;
        this.rowsPerStatement = rowsPerStatement;
        this.full = connection.prepareStatement(sql(rowsPerStatement));
    }

    /** Adds one row; {@code values.length} must equal the column count. */
    void add(Object... values) throws SQLException {
        if (values.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values, got " + values.length);
        }
        for (Object v : values) {
            pending.add(v);
        }
        if (pending.size() == columns * rowsPerStatement) {
            bind(full, pending);
            full.addBatch();
            pending.clear();
            if (++batched == STATEMENTS_PER_BATCH) {
                full.executeBatch();
                batched = 0;
            }
        }
    }

    /** Sends every row added so far. */
    void flush() throws SQLException {
        if (batched > 0) {
            full.executeBatch();
            batched = 0;
        }
        if (!pending.isEmpty()) {
            try (PreparedStatement rest = connection.prepareStatement(sql(pending.size() / columns))) {
                bind(rest, pending);
                rest.executeUpdate();
            }
            pending.clear();
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            full.close();
        }
    }

    private String sql(int rows) {
        String one = "(" + "?, ".repeat(columns - 1) + "?)";
        StringBuilder sb = new StringBuilder(prefix.length() + rows * (one.length() + 2)).append(prefix);
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "" : ", ").append(one);
        }
        return sb.toString();
    }

    private static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v instanceof Instant instant) {
                ps.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (v == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }
}
