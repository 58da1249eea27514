package org.skynet.vms.core.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skynet.vms.core.db.Dialect;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One all-or-nothing import: validate every row, find ids repeated in the file or already registered,
 * and insert everything in one transaction only when no problem was found. Import never updates an
 * existing camera (an id that exists is a problem): re-importing an export cannot silently wipe
 * credentials, which exports leave out.
 */
final class CameraImport {
    private static final Logger log = LoggerFactory.getLogger(CameraImport.class);
    private static final int ID_CHECK_CHUNK = 500;
    /** Imports at least this large refresh the table statistics afterwards. */
    static final int REFRESH_STATISTICS_ROWS = 1000;

    private final SecretBox secrets;

    CameraImport(SecretBox secrets) {
        this.secrets = secrets;
    }

    /** Validates and inserts the batch; returns the cameras imported, as stored. */
    List<Camera> run(Jdbc jdbc, ImportBatch batch, Instant now) {
        long t0 = System.nanoTime();
        List<ImportProblem> problems = new ArrayList<>(batch.problems());
        List<Camera> cameras = new ArrayList<>(batch.rows().size());
        List<Credentials> credentials = new ArrayList<>(batch.rows().size());
        Map<String, Integer> lineOfId = new HashMap<>();
        for (ImportRow row : batch.rows()) {
            List<FieldProblem> rowProblems = row.check() == ImportRow.Check.UNCHECKED ? row.draft().problems() : List.of();
            for (FieldProblem p : rowProblems) {
                problems.add(new ImportProblem(row.line(), p.field().column(), p.message()));
            }
            String id = row.draft().id();
            if (id != null) {
                Integer first = lineOfId.putIfAbsent(id, row.line());
                if (first != null) {
                    problems.add(new ImportProblem(row.line(), CameraField.ID.column(),
                            "id " + id + " is repeated (first at line " + first + ")"));
                }
            }
            if (row.check() != ImportRow.Check.INVALID && rowProblems.isEmpty()) {
                cameras.add(row.draft().toCamera(now, now));
                credentials.add(row.draft().credentials());
            }
        }
        if (batch.rows().isEmpty() && problems.isEmpty()) {
            problems.add(new ImportProblem(1, null, "the file holds no cameras"));
        }
        long t1 = System.nanoTime();
        long[] checked = new long[1];
        int imported = jdbc.inTransaction(c -> {
            Set<String> existing = existing(c, lineOfId.keySet());
            checked[0] = System.nanoTime();
            for (String id : existing) {
                problems.add(new ImportProblem(lineOfId.get(id), CameraField.ID.column(),
                        "camera " + id + " already exists (import only adds cameras; change existing ones with PATCH)"));
            }
            if (!problems.isEmpty()) {
                throw new ImportRejected(problems);
            }
            CameraRows.insertAll(c, cameras, credentials, secrets);
            return cameras.size();
        });
        long t2 = System.nanoTime();
        if (imported >= REFRESH_STATISTICS_ROWS) {
            refreshStatistics(jdbc);
        }
        log.info("imported {} cameras: validated in {} ms, ids checked in {} ms, inserted in {} ms, statistics in {} ms",
                imported, (t1 - t0) / 1_000_000, (checked[0] - t1) / 1_000_000, (t2 - checked[0]) / 1_000_000,
                (System.nanoTime() - t2) / 1_000_000);
        return cameras;
    }

    /**
     * After a bulk load the planner's statistics (and PostgreSQL's visibility map, which index-only scans
     * need) lag behind until autovacuum comes by; until then page queries may pick a full scan. Refreshing
     * them right away keeps the first pages after an import as fast as later ones. Best effort.
     */
    private static void refreshStatistics(Jdbc jdbc) {
        String sql = jdbc.database().dialect() == Dialect.POSTGRESQL
                ? "VACUUM (ANALYZE) cameras, camera_tags"
                : "ANALYZE";
        try {
            jdbc.update(sql);
        } catch (VmsException e) {
            log.warn("refreshing table statistics after an import failed (queries stay correct, maybe slower"
                    + " until autovacuum runs): {}", e.getMessage());
        }
    }

    private static Set<String> existing(Connection c, Set<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += ID_CHECK_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + ID_CHECK_CHUNK));
            String sql = "SELECT id FROM cameras WHERE id IN (" + "?,".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Jdbc.bind(ps, chunk.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
        }
        return found;
    }
}
