/**
 * Recording in the server: which cameras are recorded ({@link org.skynet.vms.core.recording.RecordingModes},
 * table {@code camera_recording}), the JDBC segment catalogue
 * ({@link org.skynet.vms.core.recording.JdbcSegmentCatalogue}, table {@code recording_segments}), the
 * service that runs the recorder's ingest for them ({@link org.skynet.vms.core.recording.RecordingService}),
 * recorded spans and gaps of a time range ({@link org.skynet.vms.core.recording.RecordingTimeline}), and
 * event clips: triggers ({@link org.skynet.vms.core.recording.ClipService}), their catalogue
 * ({@link org.skynet.vms.core.recording.ClipStore}, table {@code clips}) and retention
 * ({@link org.skynet.vms.core.recording.ClipSweeper}). User guide: {@code docs/recording.md}.
 */
package org.skynet.vms.core.recording;
