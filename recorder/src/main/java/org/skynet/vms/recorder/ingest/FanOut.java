package org.skynet.vms.recorder.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.rtsp.AccessUnitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each access unit of one camera's single upstream session to every {@link AccessUnitSink}, so
 * however many consumers there are, the camera sees one connection. Reads the clock once per unit and
 * counts it in the {@link IngestStatus}. A sink that throws is logged and skipped for that unit; it
 * cannot stop the others. Sinks may be added and removed from any thread while units flow. Once
 * {@link #close closed}, units are dropped: a connection that completes after its session was stopped must not
 * reopen the consumers' files.
 */
public final class FanOut implements AccessUnitListener {
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    private final String cameraId;
    private final Clock clock;
    private final IngestStatus status;
    private final List<AccessUnitSink> sinks = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    FanOut(String cameraId, Clock clock, IngestStatus status) {
        this.cameraId = cameraId;
        this.clock = clock;
        this.status = status;
    }

    /** Adds a consumer; it gets units from the next one on. */
    public void add(AccessUnitSink sink) {
        sinks.add(sink);
    }

    /** Removes a consumer; it may still get a unit already being delivered. */
    public void remove(AccessUnitSink sink) {
        sinks.remove(sink);
    }

    /** Drops every later unit (the session was stopped). Any thread. */
    public void close() {
        closed = true;
    }

    /** Event loop only. */
    @Override
    public void onAccessUnit(AccessUnit unit) {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        status.frame(unit.sizeBytes(), now);
        for (AccessUnitSink sink : sinks) {
            try {
                sink.accept(unit, now);
            } catch (RuntimeException e) {
                LOG.warn("{}: access-unit consumer {} failed; unit skipped for it: {}", cameraId,
                        sink.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
