package org.skynet.vms.core.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.skynet.vms.core.db.Jdbc;

/**
 * Walks the whole audit log in id order and names the first entry that was changed, removed or
 * inserted (see {@link ChainWalk}), then checks the end of the log against the head kept in
 * {@code audit_chain}, which catches removed last entries. Reads one consistent snapshot (repeatable
 * read), streamed, so servers may keep appending meanwhile. Blocking; one pass over the table.
 */
public final class AuditVerifier {
    private static final int FETCH_SIZE = 1000;

    private final Jdbc jdbc;

    public AuditVerifier(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public VerifyResult verify() {
        return jdbc.inTransaction(c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            var heads = Jdbc.query(c, "SELECT legacy_through, head_seq, head_hash FROM audit_chain WHERE id = 1",
                    rs -> new ChainHead(rs.getLong(1), rs.getLong(2), rs.getString(3)));
            if (heads.isEmpty()) {
                return new VerifyResult(0, 0, Optional.of(new ChainBreak(0, ChainBreak.Kind.REMOVED,
                        "the audit_chain row that holds the head of the chain was removed")));
            }
            return walk(c, heads.get(0));
        });
    }

    private static VerifyResult walk(Connection c, ChainHead head) throws SQLException {
        ChainWalk walk = new ChainWalk(1, AuditChain.GENESIS);
        long unchained = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, seq, at, actor, action, target, detail, remote_address,"
                + " prev_hash, hash FROM audit_log ORDER BY id")) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ChainedEntry e = entry(rs);
                    if (e.hash() == null && head.seq() == 0 && e.id() <= head.legacyThrough()) {
                        unchained++;
                        continue;
                    }
                    if (e.seq() != null && e.seq() > head.seq()) {
                        return new VerifyResult(walk.count(), unchained, Optional.of(new ChainBreak(e.id(), ChainBreak.Kind.INSERTED,
                                "entry " + e.id() + " (seq " + e.seq() + ") lies beyond the recorded head of the chain (seq "
                                        + head.seq() + "): it was inserted without going through the audit log")));
                    }
                    Optional<ChainBreak> broken = walk.accept(e);
                    if (broken.isPresent()) {
                        return new VerifyResult(walk.count(), unchained, broken);
                    }
                }
            }
        }
        long last = walk.nextSeq() - 1;
        if (last < head.seq()) {
            return new VerifyResult(walk.count(), unchained, Optional.of(new ChainBreak(walk.lastId(), ChainBreak.Kind.REMOVED,
                    "the last " + (head.seq() - last) + " entr" + (head.seq() - last == 1 ? "y" : "ies") + " (seq " + (last + 1)
                            + (head.seq() > last + 1 ? "-" + head.seq() : "") + ") after entry " + walk.lastId() + " were removed")));
        }
        if (!walk.lastHash().equals(head.hash())) {
            return new VerifyResult(walk.count(), unchained, Optional.of(new ChainBreak(walk.lastId(), ChainBreak.Kind.CHANGED,
                    "the last entry " + walk.lastId() + " does not match the recorded head of the chain: the log was rewritten")));
        }
        return new VerifyResult(walk.count(), unchained, Optional.empty());
    }

    static ChainedEntry entry(ResultSet rs) throws SQLException {
        long seq = rs.getLong("seq");
        return new ChainedEntry(rs.getLong("id"), rs.wasNull() ? null : seq, Jdbc.instant(rs, "at"), rs.getString("actor"),
                rs.getString("action"), rs.getString("target"), rs.getString("detail"), rs.getString("remote_address"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
