package org.skynet.vms.recorder.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.recorder.fmp4.BoxWriter;
import org.skynet.vms.recorder.fmp4.FragmentSamples;
import org.skynet.vms.recorder.fmp4.FragmentWriter;

/**
 * Records one camera's access units into segment files (see {@code docs/design/recording-storage.md}).
 *
 * <p>Cutting: a file starts at a keyframe; the pending fragment is written before a keyframe once it
 * holds {@link SegmentConfig#fragmentTarget()}, or before any sample once it holds
 * {@link SegmentConfig#maxFragment()} or {@link SegmentConfig#maxFragmentBytes()}; the file is closed
 * before a keyframe once it holds {@link SegmentConfig#segmentTarget()}. A gap (timestamp jump, clock
 * jump, parameter change; {@link #checkStall}; {@link #close}) writes the pending fragment and closes
 * the file at once; access units are then skipped until the next keyframe opens a new file. Because a
 * fragment is written only when the next sample arrives, every duration but a file's very last is
 * exact (see {@code docs/design/time.md}).
 *
 * <p>Threading: one thread at a time, and not an event loop: writes and fsync block. Time is passed in
 * ({@code now}); nothing here reads a clock. When writing a fragment fails (disk full), the file is cut
 * back to its last complete fragment, closed as {@link CloseReason#WRITE_FAILED} (the listener hears it;
 * a file left without any fragment is deleted instead and reported {@code discarded}), and a
 * {@link SegmentException} is thrown; when a file cannot be created, nothing is left behind. Either
 * way, access units are skipped for {@link #WRITE_RETRY}, then the next keyframe tries a new file, so
 * recording resumes by itself once space returns.
 *
 * <p>Memory per stream: a box buffer for the init segment and each {@code moof} (a few KiB), the
 * pending samples' primitive arrays, and references to the pending access units; no per-sample
 * allocation. Sample data goes from the access units' arrays to the file through the writer thread's
 * {@link WriteBuffer}, one write per fragment.
 */
public final class SegmentWriter {
    private static final long FALLBACK_FRAME_DURATION_90K = 3600; // 25 fps, when the SPS has no timing
    private static final int INITIAL_BUFFER_BYTES = 4 * 1024; // moof + mdat header, or the init segment
    /** After a failed write or create, keyframes are skipped this long before a new file is tried. */
    public static final Duration WRITE_RETRY = Duration.ofSeconds(5);

    private final String cameraId;
    private final SegmentConfig config;
    private final SegmentListener listener;
    private final long fragmentTarget90k;
    private final long maxFragment90k;
    private final long segmentTarget90k;
    private final long maxFrameGap90k;
    private final long maxClockJumpNanos;
    private final long stallTimeoutNanos;

    private final BoxWriter buffer = new BoxWriter(INITIAL_BUFFER_BYTES);
    private final FragmentSamples pending = new FragmentSamples();
    private SegmentOutput out;
    private VideoParameters params;
    private long filePts90k;
    private Instant fileWall;
    private long lastPts90k;
    private long lastDuration90k;
    private Instant lastArrival;
    private long skippedFrames;
    /** No new file before this instant (set by a write failure), or {@code null}. */
    private Instant retryAfter;

    /**
     * @param cameraId  names the directory and files; must match {@link SegmentNaming#CAMERA_ID}
     * @param config    cutting and storage settings
     * @param listener  told about opened, growing and closed files
     */
    public SegmentWriter(String cameraId, SegmentConfig config, SegmentListener listener) {
        this.cameraId = SegmentNaming.checkCameraId(cameraId);
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.fragmentTarget90k = SegmentConfig.ticks90k(config.fragmentTarget());
        this.maxFragment90k = SegmentConfig.ticks90k(config.maxFragment());
        this.segmentTarget90k = SegmentConfig.ticks90k(config.segmentTarget());
        this.maxFrameGap90k = SegmentConfig.ticks90k(config.maxFrameGap());
        this.maxClockJumpNanos = config.maxClockJump().toNanos();
        this.stallTimeoutNanos = config.stallTimeout().toNanos();
    }

    /**
     * Takes the next access unit of the stream.
     *
     * @param au   the unit; its data is referenced until its fragment is written
     * @param now  arrival time by our clock: for stall detection, and the wall time when {@code au} has none
     */
    public void accept(AccessUnit au, Instant now) {
        Objects.requireNonNull(au, "au");
        lastArrival = Objects.requireNonNull(now, "now");
        Instant wall = au.wallClock() != null ? au.wallClock() : now;
        if (out != null) {
            CloseReason gap = gapBefore(au, wall);
            if (gap != null) {
                endFile(gap);
            }
        }
        if (out != null) {
            cutBefore(au);
        }
        if (out == null) {
            if (!au.keyframe() || au.parameters() == null || (retryAfter != null && now.isBefore(retryAfter))) {
                skippedFrames++;
                return;
            }
            open(au, wall, now);
        }
        pending.add(au);
        lastPts90k = au.pts90k();
    }

    /** Closes the open file as a stall when nothing arrived for the stall timeout before {@code now}. */
    public void checkStall(Instant now) {
        if (out != null && nanosBetween(lastArrival, now) > stallTimeoutNanos) {
            endFile(CloseReason.STALL);
        }
    }

    /** Writes what is pending and closes the open file, if any (stop, reconnect, shutdown). */
    public void close() {
        if (out != null) {
            endFile(CloseReason.STOPPED);
        }
    }

    /** The open file as written so far, or {@code null} when none is open. */
    public SegmentFile current() {
        return out == null ? null : out.snapshot();
    }

    /** Access units dropped while waiting for a keyframe to start a file. */
    public long skippedFrames() {
        return skippedFrames;
    }

    private CloseReason gapBefore(AccessUnit au, Instant wall) {
        VideoParameters p = au.parameters();
        if (p != params && (p == null || !p.sameParameterSets(params))) {
            return CloseReason.PARAMETERS_CHANGED;
        }
        long step = au.pts90k() - lastPts90k;
        if (step <= 0 || step > maxFrameGap90k) {
            return CloseReason.TIMESTAMP_JUMP;
        }
        long mediaNanos = (au.pts90k() - filePts90k) * 100_000 / 9;
        if (Math.abs(nanosBetween(fileWall, wall) - mediaNanos) > maxClockJumpNanos) {
            return CloseReason.CLOCK_JUMP;
        }
        return null;
    }

    private void cutBefore(AccessUnit au) {
        long pts = au.pts90k();
        long fragment90k = pts - pending.firstPts90k();
        boolean full = fragment90k >= maxFragment90k || pending.sizeBytes() + au.sizeBytes() > config.maxFragmentBytes();
        if (au.keyframe()) {
            boolean rotate = pts - filePts90k >= segmentTarget90k;
            if (rotate || full || fragment90k >= fragmentTarget90k) {
                flush(pts);
            }
            if (rotate) {
                closeFile(CloseReason.ROTATED);
                return;
            }
        } else if (full) {
            flush(pts);
        }
        lastDuration90k = pts - lastPts90k;
    }

    private void open(AccessUnit au, Instant wall, Instant now) {
        try {
            out = SegmentOutput.create(config, cameraId, au.parameters(), wall, buffer);
        } catch (SegmentException e) {
            retryAfter = now.plus(WRITE_RETRY);
            throw e;
        }
        retryAfter = null;
        params = au.parameters();
        filePts90k = au.pts90k();
        fileWall = wall;
        lastDuration90k = 0;
        listener.opened(out.snapshot());
    }

    /** Writes the pending fragment (last sample estimated) and closes the file. */
    private void endFile(CloseReason reason) {
        long last = lastDuration90k > 0 ? lastDuration90k : params.frameDuration90k(FALLBACK_FRAME_DURATION_90K);
        flush(lastPts90k + (last > 0 ? last : FALLBACK_FRAME_DURATION_90K));
        closeFile(reason);
    }

    private void flush(long endPts90k) {
        try {
            buffer.clear();
            FragmentWriter.writeHeader(buffer, out.fragments() + 1, pending.firstPts90k() - filePts90k, pending,
                    endPts90k);
            out.appendFragment(buffer.written(), pending, endPts90k - pending.firstPts90k());
        } catch (SegmentException e) {
            SegmentOutput failed = out;
            out = null;
            retryAfter = lastArrival.plus(WRITE_RETRY);
            endAfterFailure(failed, e);
            throw e;
        } catch (RuntimeException e) {
            out.abandon(e);
            out = null;
            throw e;
        } finally {
            pending.clear();
        }
        listener.fragmentWritten(out.snapshot());
    }

    /**
     * Keeps the complete fragments of a file whose write failed, exactly as crash recovery would (the
     * partial fragment is truncated, which frees space even on a full disk, and the SHA-256 is that of
     * the kept bytes); a file left without any fragment is deleted. When even that fails, the file is
     * left for recovery at the next start.
     */
    private void endAfterFailure(SegmentOutput failed, SegmentException e) {
        failed.abandon(e);
        SegmentFile opened = failed.snapshot();
        try {
            SegmentFile kept = SegmentRecovery.recover(opened.path()).file();
            if (kept != null && kept.fragments() > 0) {
                listener.closed(new SegmentFile(kept.cameraId(), kept.path(), kept.codec(), kept.width(), kept.height(),
                        kept.startWall(), kept.mediaDuration90k(), kept.frames(), kept.fragments(), kept.sizeBytes(),
                        kept.sha256(), CloseReason.WRITE_FAILED));
                return;
            }
            Files.deleteIfExists(opened.path());
            listener.discarded(opened);
        } catch (IOException | SegmentException notRepaired) {
            e.addSuppressed(notRepaired);
        }
    }

    private void closeFile(CloseReason reason) {
        SegmentOutput closing = out;
        out = null;
        listener.closed(closing.close(reason));
    }

    private static long nanosBetween(Instant a, Instant b) {
        return (b.getEpochSecond() - a.getEpochSecond()) * 1_000_000_000L + (b.getNano() - a.getNano());
    }
}
