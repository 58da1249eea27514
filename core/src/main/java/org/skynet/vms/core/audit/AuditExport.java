package org.skynet.vms.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Exports a period of the audit log as JSON lines (one entry per line, oldest first) with seq,
 * prevHash and hash, so that the export can be checked later on its own ({@link ExportVerifier}) and
 * against the live log. The period runs from the first entry at or after {@code from} to the last
 * entry before {@code to}, and includes every entry in between by id, so the export is one unbroken
 * stretch of the chain even if the clock once stepped back. At most {@value #MAX_ENTRIES} entries.
 * Blocking.
 */
public final class AuditExport {
    /** The largest export; a longer period is refused (LIMIT_EXCEEDED): split it. */
    public static final int MAX_ENTRIES = 200_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Jdbc jdbc;

    public AuditExport(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes the entries of the period to {@code out}; how many.
     *
     * @param from first instant included, or null for the start of the log
     * @param to   first instant excluded, or null for now
     * @throws VmsException LIMIT_EXCEEDED when the period holds more than {@value #MAX_ENTRIES} entries
     */
    public long write(Instant from, Instant to, Writer out) {
        return jdbc.inTransaction(c -> {
            Long first = Jdbc.query(c, "SELECT MIN(id) FROM audit_log WHERE at >= ?", rs -> (Long) rs.getObject(1),
                    from == null ? Instant.EPOCH : from).get(0);
            Long last = to == null ? Jdbc.query(c, "SELECT MAX(id) FROM audit_log", rs -> (Long) rs.getObject(1)).get(0)
                    : Jdbc.query(c, "SELECT MAX(id) FROM audit_log WHERE at < ?", rs -> (Long) rs.getObject(1), to).get(0);
            if (first == null || last == null || first > last) {
                return 0L;
            }
            long count = Jdbc.query(c, "SELECT COUNT(*) FROM audit_log WHERE id BETWEEN ? AND ?", rs -> rs.getLong(1),
                    first, last).get(0);
            if (count > MAX_ENTRIES) {
                throw new VmsException(ErrorKind.LIMIT_EXCEEDED, "the period holds " + count + " audit entries, more than "
                        + MAX_ENTRIES + " in one export: choose a shorter period with from/to", "to", null);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, seq, at, actor, action, target, detail, remote_address,"
                    + " prev_hash, hash FROM audit_log WHERE id BETWEEN ? AND ? ORDER BY id")) {
                ps.setFetchSize(1000);
                ps.setLong(1, first);
                ps.setLong(2, last);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.write(line(AuditVerifier.entry(rs)));
                        out.write('\n');
                    }
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return count;
        });
    }

    /** One export line. */
    static String line(ChainedEntry e) throws IOException {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", e.id());
        n.put("seq", e.seq());
        n.put("at", e.at().toString());
        n.put("actor", e.actor());
        n.put("action", e.action());
        n.put("target", e.target());
        n.put("detail", e.detail());
        n.put("remoteAddress", e.remoteAddress());
        n.put("prevHash", e.prevHash());
        n.put("hash", e.hash());
        return MAPPER.writeValueAsString(n);
    }

    /** Reads one export line back. @throws IOException when it is not a line this class wrote */
    static ChainedEntry parse(String line) throws IOException {
        var n = MAPPER.readTree(line);
        if (n == null || !n.isObject() || !n.hasNonNull("id") || !n.hasNonNull("at")) {
            throw new IOException("not an audit export line");
        }
        return new ChainedEntry(n.get("id").asLong(), n.hasNonNull("seq") ? n.get("seq").asLong() : null,
                Instant.parse(n.get("at").asText()), text(n, "actor"), text(n, "action"), text(n, "target"),
                text(n, "detail"), text(n, "remoteAddress"), text(n, "prevHash"), text(n, "hash"));
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
