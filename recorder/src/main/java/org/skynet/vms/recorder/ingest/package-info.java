/**
 * Ingest: one RTSP session per camera ({@link org.skynet.vms.recorder.ingest.IngestSession}) whose access
 * units fan out to every consumer without letting a slow one block the event loop
 * ({@link org.skynet.vms.recorder.ingest.FanOut}, {@link org.skynet.vms.recorder.ingest.SegmentSink}), kept
 * alive by {@link org.skynet.vms.recorder.ingest.IngestSupervisor} (reconnect with
 * {@link org.skynet.vms.recorder.ingest.Backoff}, stall detection, retriable vs fatal errors). States and
 * counters: {@link org.skynet.vms.recorder.ingest.IngestStatus}. RTSP: RFC 2326.
 */
package org.skynet.vms.recorder.ingest;
