package org.skynet.vms.recorder.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtsp.PlayingSession;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.adapters.rtsp.RtspSource;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's ingest: at most one upstream RTSP session at a time ({@link RtspClient#open}), its
 * access units fanned out by {@link #fanOut()} to its {@link IngestConsumer}s (the segment writer through a
 * {@link SegmentSink}, the pre-roll buffer and clips) and, first of all, to its {@link GopCache}, which keeps
 * the current group of pictures and relays units to live viewers ({@link #join}). Reconnects after failures as {@link IngestStatus}
 * decides; a stall (no access unit for the stall timeout) ends the consumers' files as a gap, drops the
 * connection and reconnects.
 *
 * <p>Threading: {@link #tick}, {@link #stop} and every RTSP callback run on the supervisor's single
 * thread ({@code control}); a generation number makes callbacks of an abandoned connection harmless.
 */
public final class IngestSession {
    private static final Logger LOG = LoggerFactory.getLogger(IngestSession.class);
    /** Loss counters are fetched from the event loop every this many ticks (about once a second). */
    private static final int STATS_EVERY_TICKS = 4;

    private final String cameraId;
    private final RtspSource source;
    private final RtspClient client;
    private final Executor control;
    private final Clock clock;
    private final Duration stallTimeout;
    private final IngestStatus status;
    private final FanOut fanOut;
    private final GopCache gop;
    private final List<IngestConsumer> consumers;
    private PlayingSession playing;
    private long generation;
    private long ticks;

    IngestSession(String cameraId, RtspSource source, RtspClient client, Executor control, Clock clock,
            Duration stallTimeout, IngestStatus status, FanOut fanOut, GopCache gop, List<IngestConsumer> consumers) {
        this.cameraId = cameraId;
        this.source = source;
        this.client = client;
        this.control = control;
        this.clock = clock;
        this.stallTimeout = stallTimeout;
        this.status = status;
        this.fanOut = fanOut;
        this.gop = gop;
        this.consumers = List.copyOf(consumers);
    }

    public String cameraId() {
        return cameraId;
    }

    /** Add live viewers and other passing consumers here. */
    public FanOut fanOut() {
        return fanOut;
    }

    /** The units since the last keyframe and their parameters, for a consumer that starts now. */
    public GopSnapshot gopSnapshot() {
        return gop.snapshot();
    }

    /**
     * Adds a live consumer (viewer, re-stream): {@code sink} is handed the cached group of pictures at once
     * (on the calling thread), then every later unit, and hears when the stream breaks. Any thread.
     */
    public void join(LiveSink sink) {
        gop.join(sink, clock.instant());
    }

    /** Removes a live consumer added by {@link #join}. Any thread. */
    public void leave(LiveSink sink) {
        gop.leave(sink);
    }

    /** Live consumers joined now. */
    public int liveSinks() {
        return gop.sinkCount();
    }

    /** State and counters now. */
    public IngestSnapshot snapshot() {
        return status.snapshot();
    }

    /** Codec, size and frame rate of the current stream, or {@code null} when not streaming. */
    public VideoParameters videoParameters() {
        PlayingSession p = playing;
        return p == null ? null : p.videoParameters();
    }

    /** Control thread: starts a due attempt, notices a stall, refreshes loss counters. */
    void tick(Instant now) {
        if (status.attemptDue(now)) {
            connect(now);
        } else if (status.stalled(now, stallTimeout)) {
            LOG.info("{}: no access unit for {} s, reconnecting", cameraId, stallTimeout.toSeconds());
            dropConnection(now);
            status.failed(ErrorKind.TIMEOUT, "stalled: no access unit for " + stallTimeout.toSeconds() + " s", now);
        } else if (playing != null && ticks++ % STATS_EVERY_TICKS == 0) {
            long gen = generation;
            playing.stats().thenAccept(s -> control.execute(() -> {
                if (gen == generation) {
                    status.connectionLosses(s.depacketizer().framesDroppedLoss()
                            + s.depacketizer().framesDroppedMalformed() + s.depacketizer().framesDroppedOversize());
                }
            }));
        }
    }

    /** Control thread: tears the stream down, closes the open file; completes when the file is closed. */
    CompletableFuture<Void> stop(Instant now) {
        generation++;
        fanOut.close();
        PlayingSession p = playing;
        playing = null;
        status.stopped(now);
        gop.streamEnded(now);
        CompletableFuture<Void> teardown = p == null ? CompletableFuture.completedFuture(null)
                : p.close().exceptionally(e -> null);
        return teardown.thenCompose(v -> CompletableFuture.allOf(
                consumers.stream().map(IngestConsumer::close).toArray(CompletableFuture[]::new)));
    }

    private void connect(Instant now) {
        long gen = ++generation;
        status.connecting(now);
        client.open(source, fanOut).whenComplete((p, e) -> control.execute(() -> opened(gen, p, e)));
    }

    private void opened(long gen, PlayingSession p, Throwable error) {
        Instant now = clock.instant();
        if (gen != generation) {
            if (p != null) {
                p.close();
            }
            return;
        }
        if (error != null) {
            fail(error, now);
            return;
        }
        playing = p;
        status.playing(now);
        LOG.info("{}: streaming {} from {}", cameraId, p.videoParameters(), source.uri());
        p.terminated().whenComplete((v, e) -> control.execute(() -> ended(gen, e)));
    }

    private void ended(long gen, Throwable error) {
        if (gen != generation) {
            return;
        }
        Instant now = clock.instant();
        playing = null;
        consumers.forEach(c -> c.streamEnded(now));
        gop.streamEnded(now);
        fail(error != null ? error
                : new VmsException(ErrorKind.UNREACHABLE, "stream ended by the camera: " + source.uri()), now);
    }

    private void dropConnection(Instant now) {
        generation++;
        PlayingSession p = playing;
        playing = null;
        consumers.forEach(c -> c.streamEnded(now));
        gop.streamEnded(now);
        if (p != null) {
            p.close();
        }
    }

    private void fail(Throwable error, Instant now) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        ErrorKind kind = cause instanceof VmsException v ? v.kind() : ErrorKind.INTERNAL;
        boolean retry = status.failed(kind, String.valueOf(cause.getMessage()), now);
        if (retry) {
            LOG.info("{}: {} ({}); retrying at {}", cameraId, kind, cause.getMessage(), status.snapshot().nextAttemptAt());
        } else {
            LOG.warn("{}: {} ({}); not retrying", cameraId, kind, cause.getMessage());
        }
    }
}
