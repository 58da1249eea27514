package org.skynet.vms.core.places.report;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * The {@code coverage_reports} table: reports as supervisors signed them. A report is stored whole, as JSON,
 * with the SHA-256 of its CSV; every read renders the CSV again from the JSON and refuses (INTERNAL) a row whose
 * figures no longer match the hash. Rows are never updated or deleted. Thread-safe; blocking.
 */
public final class SignedReports {
    /** Longest note kept. */
    public static final int MAX_NOTE_CHARS = 500;
    private static final String COLUMNS = "id, signed_by, signed_at, note, mode, generated_at, places_covered,"
            + " places_total, rate, csv_sha256";

    private final Jdbc jdbc;
    private final Clock clock;

    public SignedReports(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores a report signed now by {@code signedBy}.
     *
     * @param note a remark or {@code null}; INVALID_ARGUMENT (field {@code note}) when longer than {@link #MAX_NOTE_CHARS}
     */
    public Signature sign(CoverageReport report, String signedBy, String note) {
        if (note != null && note.length() > MAX_NOTE_CHARS) {
            throw VmsException.invalid("note", "note must be at most " + MAX_NOTE_CHARS + " characters");
        }
        String blankToNull = note == null || note.isBlank() ? null : note.strip();
        Instant at = clock.instant();
        String sha = ReportCsv.sha256(report);
        String json = new String(Json.write(report), StandardCharsets.UTF_8);
        long id = jdbc.inTransaction(c -> insert(c, report, signedBy, at, blankToNull, sha, json));
        return new Signature(id, signedBy, at, sha, blankToNull);
    }

    /** Signed reports, newest first, {@code limit} of them with an id below {@code beforeId} (or all, if null). */
    public List<SignedReportEntry> list(int limit, Long beforeId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM coverage_reports WHERE id < ? ORDER BY id DESC LIMIT ?",
                rs -> new SignedReportEntry(signature(rs), rs.getString("mode"), Jdbc.instant(rs, "generated_at"),
                        new CoverageReport.Rate("", rs.getInt("places_covered"), rs.getInt("places_total"),
                                rs.getDouble("rate"))),
                beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    /** One signed report, or NOT_FOUND; INTERNAL when the stored figures do not match their hash. */
    public SignedReport get(long id) {
        Optional<SignedReport> found = jdbc.queryOne("SELECT " + COLUMNS + ", report FROM coverage_reports WHERE id = ?",
                rs -> new SignedReport(signature(rs), Json.parse(rs.getString("report").getBytes(StandardCharsets.UTF_8),
                        CoverageReport.class)), id);
        SignedReport r = found.orElseThrow(() -> VmsException.notFound("no signed coverage report " + id));
        if (!ReportCsv.sha256(r.report()).equals(r.signature().csvSha256())) {
            throw new VmsException(ErrorKind.INTERNAL, "signed coverage report " + id
                    + " does not match its SHA-256: the stored figures were altered");
        }
        return r;
    }

    private static long insert(Connection c, CoverageReport r, String signedBy, Instant at, String note, String sha,
            String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO coverage_reports (signed_by, signed_at, note, mode,"
                + " generated_at, places_covered, places_total, rate, csv_sha256, report)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            Jdbc.bind(ps, signedBy, at, note, r.mode(), r.generatedAt(), r.city().placesCovered(),
                    r.city().placesTotal(), r.city().rate(), sha, json);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new report");
                }
                return keys.getLong(1);
            }
        }
    }

    private static Signature signature(ResultSet rs) throws SQLException {
        return new Signature(rs.getLong("id"), rs.getString("signed_by"), Jdbc.instant(rs, "signed_at"),
                rs.getString("csv_sha256"), rs.getString("note"));
    }
}
