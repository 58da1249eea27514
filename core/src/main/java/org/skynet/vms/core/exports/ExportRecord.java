package org.skynet.vms.core.exports;

import java.time.Instant;

/**
 * One export job as stored in table {@code exports}.
 *
 * @param state          {@code pending}, {@code done} or {@code failed}
 * @param finishedAt     when it became done or failed, else {@code null}
 * @param error          why it failed, else {@code null}
 * @param manifestSha256 SHA-256 of the written {@code manifest.json} once done (also in the audit log)
 */
public record ExportRecord(String id, String cameraId, Instant from, Instant to, String requestedBy,
        Instant requestedAt, String state, Instant finishedAt, String error, String manifestSha256) {
    public static final String PENDING = "pending";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
}
