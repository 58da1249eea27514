package org.skynet.vms.core.onboarding;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Keeps the last onboarding report of each camera (table {@code onboarding_reports}, migration V3):
 * saving replaces the previous one. The same SQL runs on PostgreSQL and H2 (update, else insert, in
 * one transaction; a concurrent insert of the same camera retries as an update). Blocking JDBC: call
 * from worker threads, never an event loop. Thread-safe.
 */
public final class OnboardingStore {
    /** Longest camera id, as in the registry. */
    static final int MAX_CAMERA_ID_CHARS = 64;

    private final Jdbc jdbc;

    public OnboardingStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores {@code report} as the camera's last one.
     *
     * @param actor who ran it, or {@code null}
     */
    public void save(String cameraId, OnboardingReport report, Instant at, String actor) {
        if (cameraId == null || cameraId.isBlank() || cameraId.length() > MAX_CAMERA_ID_CHARS) {
            throw VmsException.invalid("cameraId", "cameraId must be 1 to " + MAX_CAMERA_ID_CHARS + " characters");
        }
        String json = new String(Json.write(report), StandardCharsets.UTF_8);
        String who = actor == null ? null : actor.substring(0, Math.min(actor.length(), 64));
        try {
            upsert(cameraId, report.verdict(), json, at, who);
        } catch (VmsException e) {
            if (e.kind() != ErrorKind.CONFLICT) {
                throw e;
            }
            upsert(cameraId, report.verdict(), json, at, who);
        }
    }

    /** The camera's last report, if it has one. */
    public Optional<StoredOnboarding> find(String cameraId) {
        return jdbc.queryOne("SELECT camera_id, verdict, report, at, actor FROM onboarding_reports WHERE camera_id = ?",
                rs -> new StoredOnboarding(rs.getString("camera_id"), rs.getString("verdict"), Jdbc.instant(rs, "at"),
                        rs.getString("actor"), rs.getString("report")), cameraId);
    }

    private void upsert(String cameraId, String verdict, String json, Instant at, String actor) {
        jdbc.inTransaction(c -> {
            int n = Jdbc.update(c, "UPDATE onboarding_reports SET verdict = ?, report = ?, at = ?, actor = ? WHERE camera_id = ?",
                    verdict, json, at, actor, cameraId);
            if (n == 0) {
                Jdbc.update(c, "INSERT INTO onboarding_reports (camera_id, verdict, report, at, actor) VALUES (?, ?, ?, ?, ?)",
                        cameraId, verdict, json, at, actor);
            }
            return null;
        });
    }
}
