package org.skynet.vms.core.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Writes the append-only, hash-chained audit log. There is no update and no delete: rows only ever get
 * inserted, each with the next {@code seq}, the previous entry's hash and its own (see
 * {@link AuditChain}). Appends are serialized: in this process by a lock, across processes by
 * {@code SELECT ... FOR UPDATE} on the one {@code audit_chain} row, which is updated to the new head in
 * the same transaction. The first append after migration V6 chains the entries written before it
 * (once; the only time existing rows are updated). Over-long values are cut to the column sizes rather
 * than rejected, so recording never fails because of what a client sent. Blocking (one short
 * transaction): call from worker threads, never from an event loop. Thread-safe.
 */
public final class AuditLog {
    /** Longest {@code detail} stored; longer text is cut and ends with an ellipsis. */
    public static final int MAX_DETAIL_CHARS = 4000;
    static final int MAX_ACTOR_CHARS = 64;
    static final int MAX_ACTION_CHARS = 64;
    static final int MAX_TARGET_CHARS = 500;
    static final int MAX_ADDRESS_CHARS = 100;

    private final Jdbc jdbc;
    private final Clock clock;
    private final ReentrantLock appendLock = new ReentrantLock();

    public AuditLog(Jdbc jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Appends one entry stamped with the current time.
     *
     * @param actor         username, or {@code null} for the system itself
     * @param action        dotted verb, required, e.g. {@code camera.update}
     * @param target        what it was done to, or {@code null}
     * @param detail        free text or {@code null}; never put passwords or tokens here
     * @param remoteAddress the client's address, or {@code null}
     * @throws VmsException INTERNAL/UNREACHABLE when the database fails
     */
    public void record(String actor, String action, String target, String detail, String remoteAddress) {
        if (action == null || action.isBlank()) {
            throw VmsException.invalid("action", "an audit entry needs an action");
        }
        Instant at = AuditChain.stored(clock.instant());
        String a = cut(actor, MAX_ACTOR_CHARS);
        String act = cut(action, MAX_ACTION_CHARS);
        String t = cut(target, MAX_TARGET_CHARS);
        String d = cut(detail, MAX_DETAIL_CHARS);
        String r = cut(remoteAddress, MAX_ADDRESS_CHARS);
        appendLock.lock();
        try {
            jdbc.inTransaction(c -> {
                ChainHead head = chainLegacy(c, lockHead(c));
                long seq = head.seq() + 1;
                String hash = AuditChain.hash(head.hash(), seq, at, a, act, t, d, r);
                Jdbc.update(c, "INSERT INTO audit_log (seq, at, actor, action, target, detail, remote_address, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", seq, at, a, act, t, d, r, head.hash(), hash);
                Jdbc.update(c, "UPDATE audit_chain SET head_seq = ?, head_hash = ? WHERE id = 1", seq, hash);
                return null;
            });
        } finally {
            appendLock.unlock();
        }
    }

    /** Reads the chain head without locking it (for verification). */
    static ChainHead head(Connection c) throws SQLException {
        return Jdbc.query(c, "SELECT legacy_through, head_seq, head_hash FROM audit_chain WHERE id = 1",
                rs -> new ChainHead(rs.getLong(1), rs.getLong(2), rs.getString(3))).get(0);
    }

    private static ChainHead lockHead(Connection c) throws SQLException {
        List<ChainHead> rows = Jdbc.query(c, "SELECT legacy_through, head_seq, head_hash FROM audit_chain WHERE id = 1 FOR UPDATE",
                rs -> new ChainHead(rs.getLong(1), rs.getLong(2), rs.getString(3)));
        if (rows.isEmpty()) {
            throw new VmsException(ErrorKind.INTERNAL, "the audit_chain row is missing: the audit log was tampered with");
        }
        return rows.get(0);
    }

    /** Chains the entries written before migration V6, if that has not happened yet; the new head. */
    private static ChainHead chainLegacy(Connection c, ChainHead head) throws SQLException {
        if (head.seq() > 0 || head.legacyThrough() == 0) {
            return head;
        }
        List<ChainedEntry> legacy = Jdbc.query(c, "SELECT id, at, actor, action, target, detail, remote_address"
                + " FROM audit_log WHERE id <= ? AND hash IS NULL ORDER BY id", rs -> new ChainedEntry(rs.getLong("id"), null,
                Jdbc.instant(rs, "at"), rs.getString("actor"), rs.getString("action"), rs.getString("target"),
                rs.getString("detail"), rs.getString("remote_address"), null, null), head.legacyThrough());
        long seq = 0;
        String prev = AuditChain.GENESIS;
        for (ChainedEntry e : legacy) {
            seq++;
            String hash = AuditChain.hash(prev, seq, e.at(), e.actor(), e.action(), e.target(), e.detail(), e.remoteAddress());
            Jdbc.update(c, "UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE id = ? AND hash IS NULL",
                    seq, prev, hash, e.id());
            prev = hash;
        }
        return new ChainHead(head.legacyThrough(), seq, prev);
    }

    static String cut(String value, int maxChars) {
        if (value == null || value.length() <= maxChars) {
            return value;
        }
        return value.substring(0, maxChars - 1) + "…";
    }
}
