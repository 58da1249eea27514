package org.skynet.vms.core.places.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.skynet.vms.core.coverage.CoverageSummary;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * The {@code coverage_rate_snapshots} table: per UTC day and mode, the city's rate and each district's. A day's
 * snapshot in a mode is written once, in one transaction; the primary key refuses a second one (e.g. from another
 * core node at the same moment), which {@link #save} reports as "already there". Thread-safe; blocking.
 */
public final class RateSnapshots {
    static final String CITY = "city";
    static final String DISTRICT = "district";

    private final Jdbc jdbc;

    public RateSnapshots(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the day's snapshot in this mode is stored. */
    public boolean has(LocalDate day, String mode) {
        return jdbc.queryOne("SELECT 1 FROM coverage_rate_snapshots WHERE snapshot_day = ? AND mode = ? AND scope = ?",
                rs -> true, day, mode, CITY).isPresent();
    }

    /**
     * Stores the day's snapshot in the summary's mode: one city row and one row per district.
     *
     * @return false if that day and mode were already stored (nothing changed)
     */
    public boolean save(LocalDate day, CoverageSummary summary, Instant takenAt) {
        String mode = summary.mode().wireName();
        try {
            return jdbc.inTransaction(c -> {
                if (!Jdbc.query(c, "SELECT 1 FROM coverage_rate_snapshots WHERE snapshot_day = ? AND mode = ? AND scope = ?",
                        rs -> true, day, mode, CITY).isEmpty()) {
                    return false;
                }
                String sql = "INSERT INTO coverage_rate_snapshots (snapshot_day, mode, scope, district, places_covered,"
                        + " places_total, rate, taken_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
                CoverageSummary.Rate t = summary.total();
                Jdbc.update(c, sql, day, mode, CITY, "", t.placesCovered(), t.placesTotal(), t.rate(), takenAt);
                for (Map.Entry<String, CoverageSummary.Rate> d : summary.districts().entrySet()) {
                    CoverageSummary.Rate r = d.getValue();
                    Jdbc.update(c, sql, day, mode, DISTRICT, d.getKey(), r.placesCovered(), r.placesTotal(), r.rate(),
                            takenAt);
                }
                return true;
            });
        } catch (VmsException e) {
            if (e.kind() == ErrorKind.CONFLICT) {
                return false; // written meanwhile by someone else: the day is stored once either way
            }
            throw e;
        }
    }

    /**
     * The stored days from {@code from} to {@code to} (both included), oldest first, every mode, for the city
     * ({@code district} null) or one district.
     */
    public List<RatePoint> series(LocalDate from, LocalDate to, String district) {
        String scope = district == null ? CITY : DISTRICT;
        return jdbc.query("SELECT snapshot_day, mode, places_covered, places_total, rate FROM coverage_rate_snapshots"
                + " WHERE snapshot_day BETWEEN ? AND ? AND scope = ? AND district = ? ORDER BY snapshot_day, mode",
                RateSnapshots::point, from, to, scope, district == null ? "" : district);
    }

    private static RatePoint point(ResultSet rs) throws SQLException {
        return new RatePoint(rs.getObject("snapshot_day", LocalDate.class), rs.getString("mode"),
                rs.getInt("places_covered"), rs.getInt("places_total"), rs.getDouble("rate"));
    }
}
