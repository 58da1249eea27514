package org.skynet.vms.core.live;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.recorder.ingest.IngestSession;
import org.skynet.vms.recorder.ingest.LiveSink;
import org.skynet.vms.recorder.snapshot.KeyframeDecoder;

/**
 * One camera's still pictures: a {@link LiveSink} joined to its ingest session through the GOP cache (so it
 * holds the cached keyframe at once), keeping only the latest keyframe, and that keyframe's JPEG once asked
 * for. The JPEG is decoded at most once per keyframe whatever the number of viewers: they all get the same
 * future. A broken stream forgets the keyframe, so a stale picture is never shown as live.
 *
 * <p>Threading: {@link #accept} and {@link #streamEnded} on the ingest threads, {@link #latest} on API
 * workers; this object's lock is held only to swap references and submit a decode.
 */
final class StillSource implements LiveSink {
    /** A keyframe and its number (1, 2, ... per source). */
    private record Keyframe(long number, AccessUnit unit, Instant time) {
    }

    private final String cameraId;
    private final KeyframeDecoder decoder;
    private final AtomicLong decodes;
    private volatile IngestSession session;
    private long keyframes;
    private Keyframe latest;
    private Keyframe encodedFor;
    private CompletableFuture<LiveStill> encoded;

    /** @param decodes counts the decodes started, for figures and tests */
    StillSource(String cameraId, IngestSession session, KeyframeDecoder decoder, AtomicLong decodes) {
        this.cameraId = cameraId;
        this.session = session;
        this.decoder = decoder;
        this.decodes = decodes;
    }

    String cameraId() {
        return cameraId;
    }

    IngestSession session() {
        return session;
    }

    /** Moves to the camera's new session after the old one stopped; the next keyframe comes from it. */
    void rebind(IngestSession next) {
        session.leave(this);
        synchronized (this) {
            session = next;
            latest = null;
        }
        next.join(this);
    }

    @Override
    public synchronized void accept(AccessUnit unit, Instant arrival) {
        if (unit.keyframe()) {
            latest = new Keyframe(++keyframes, unit, unit.wallClock() != null ? unit.wallClock() : arrival);
        }
    }

    @Override
    public synchronized void streamEnded(Instant now) {
        latest = null;
    }

    /**
     * The JPEG of the latest keyframe, decoding it on the decoder's executor when it is the first ask for
     * that keyframe; {@code null} when there is no keyframe (stream opening, broken, or before the first one).
     */
    synchronized CompletableFuture<LiveStill> latest() {
        Keyframe k = latest;
        if (k == null) {
            return null;
        }
        if (k != encodedFor) {
            encodedFor = k;
            decodes.incrementAndGet();
            encoded = decoder.decodeKeyframeAsync(k.unit()).thenApply(p -> new LiveStill(k.number(), k.time(),
                    p.width(), p.height(), p.thumbnailJpeg()));
        }
        return encoded;
    }
}
