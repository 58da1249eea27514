package org.skynet.vms.core.recording;

import java.util.concurrent.atomic.AtomicBoolean;
import org.skynet.vms.recorder.ingest.IngestSession;

/**
 * A live viewer's share of a camera's ingest session ({@link RecordingService#watch}): the recording
 * session when the camera is recorded, otherwise one opened on demand and stopped when the last share
 * is closed. Add the viewer as a sink on {@link #session()}'s fan-out; remove it before {@link #close()}.
 */
public final class IngestLease implements AutoCloseable {
    private final IngestSession session;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    IngestLease(IngestSession session, Runnable release) {
        this.session = session;
        this.release = release;
    }

    public IngestSession session() {
        return session;
    }

    /** Gives the share back; idempotent, never blocks. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
