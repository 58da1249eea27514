/**
 * Recording in the server: which cameras are recorded ({@link org.skynet.vms.core.recording.RecordingModes},
 * table {@code camera_recording}), the JDBC segment catalogue
 * ({@link org.skynet.vms.core.recording.JdbcSegmentCatalogue}, table {@code recording_segments}), the
 * service that runs the recorder's ingest for them ({@link org.skynet.vms.core.recording.RecordingService}),
 * and recorded spans and gaps of a time range ({@link org.skynet.vms.core.recording.RecordingTimeline}).
 * User guide: {@code docs/recording.md}.
 */
package org.skynet.vms.core.recording;
