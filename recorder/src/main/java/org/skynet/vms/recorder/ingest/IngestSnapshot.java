package org.skynet.vms.recorder.ingest;

import java.time.Instant;

/**
 * One camera's ingest state and counters at one moment. Counters run from the start of the session
 * across reconnects.
 *
 * @param cameraId      the camera
 * @param state         current state
 * @param reason        why it is in that state (last error message, credentials removed), or {@code null}
 * @param since         when the state was entered, by our clock
 * @param frames        access units received
 * @param bytes         access-unit payload bytes received
 * @param lostFrames    frames lost: dropped by the depacketizer (packet loss, malformed) or by a full
 *                      writer hand-off
 * @param reconnects    connection attempts after the first
 * @param gaps          breaks in the recording (stall, disconnect, overflow)
 * @param lastGapAt     when the latest gap started, or {@code null}
 * @param lastGapReason what caused it, or {@code null}
 * @param nextAttemptAt when the next connection attempt is due while {@code BACKING_OFF}, else {@code null}
 */
public record IngestSnapshot(String cameraId, IngestState state, String reason, Instant since, long frames, long bytes,
        long lostFrames, long reconnects, long gaps, Instant lastGapAt, String lastGapReason, Instant nextAttemptAt) {
}
