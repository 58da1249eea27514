package org.skynet.vms.recorder.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.adapters.rtsp.RtspSource;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.segment.SegmentConfig;
import org.skynet.vms.recorder.segment.SegmentListener;
import org.skynet.vms.recorder.segment.SegmentNaming;
import org.skynet.vms.recorder.segment.SegmentWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every recorded camera's {@link IngestSession} alive: one control thread ticks every session
 * (attempts due after {@link Backoff}, stall detection), and receives every RTSP callback, so session
 * state needs no locks. Retriable failures ({@link ErrorKind#isRetriable()}) back off and retry;
 * fatal ones ({@code AUTH_FAILED}, {@code UNSUPPORTED}, ...) stop at once and show as
 * {@link IngestState#FAILED} with the reason.
 *
 * <p>The RTSP client's event loops and the writer executor belong to the caller.
 */
public final class IngestSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestSupervisor.class);
    /** How often sessions are checked; bounds how late a stall or a due attempt is noticed. */
    public static final Duration TICK = Duration.ofMillis(250);
    /** Units that may wait for a writer: 10 s at 25 fps. */
    public static final int DEFAULT_QUEUE_FRAMES = 250;
    private static final long STOP_TIMEOUT_SECONDS = 15;

    private final RtspClient client;
    private final Executor writers;
    private final Clock clock;
    private final Backoff backoff;
    private final ScheduledExecutorService control;
    private final Map<String, IngestSession> sessions = new ConcurrentHashMap<>();

    /**
     * @param client  RTSP client on the caller's event loops
     * @param writers runs segment writes (file I/O); a small pool shared by all cameras
     * @param clock   our wall clock, read once per tick and per access unit
     * @param backoff delays between connection attempts
     */
    public IngestSupervisor(RtspClient client, Executor writers, Clock clock, Backoff backoff) {
        this.client = client;
        this.writers = writers;
        this.clock = clock;
        this.backoff = backoff;
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vms-ingest-control");
            t.setDaemon(true);
            return t;
        });
        control.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Makes the consumers of a new session; they get its status to count drops and gaps. */
    @FunctionalInterface
    public interface ConsumerFactory {
        /**
         * @param status  the session's counters
         * @param writers the supervisor's writer executor, for file I/O off the event loop
         */
        List<IngestConsumer> create(IngestStatus status, Executor writers);
    }

    /**
     * Starts recording a camera: connects at once, writes segments under {@code config.storageRoot()},
     * tells {@code listener} about files (on the writer executor).
     *
     * @throws VmsException CONFLICT when the camera is already recorded, INVALID_ARGUMENT for a bad id
     */
    public IngestSession record(String cameraId, RtspSource source, SegmentConfig config, SegmentListener listener) {
        return open(cameraId, source, config.stallTimeout(),
                (status, executor) -> List.of(segmentSink(cameraId, config, listener, status)));
    }

    /**
     * Starts a camera's session with the consumers {@code consumers} makes (segments, pre-roll and clips,
     * or only some of them) and connects at once.
     *
     * @param stallTimeout no access unit for this long is a stall: consumers are told, and it reconnects
     * @throws VmsException CONFLICT when the camera already has a session, INVALID_ARGUMENT for a bad id
     */
    public IngestSession open(String cameraId, RtspSource source, Duration stallTimeout, ConsumerFactory consumers) {
        SegmentNaming.checkCameraId(cameraId);
        IngestStatus status = new IngestStatus(cameraId, backoff, () -> ThreadLocalRandom.current().nextDouble(),
                clock.instant());
        List<IngestConsumer> made = consumers.create(status, writers);
        FanOut fanOut = new FanOut(cameraId, clock, status);
        GopCache gop = new GopCache(cameraId, GopCache.DEFAULT_MAX_UNITS, GopCache.DEFAULT_MAX_BYTES);
        fanOut.add(gop);
        made.forEach(fanOut::add);
        IngestSession session = new IngestSession(cameraId, source, client, control, clock, stallTimeout, status,
                fanOut, gop, made);
        if (sessions.putIfAbsent(cameraId, session) != null) {
            throw VmsException.conflict("camera " + cameraId + " is already being recorded");
        }
        control.execute(() -> session.tick(clock.instant()));
        return session;
    }

    /** The segment writer of one camera behind its bounded queue, on this supervisor's writers. */
    public SegmentSink segmentSink(String cameraId, SegmentConfig config, SegmentListener listener,
            IngestStatus status) {
        return new SegmentSink(cameraId, new SegmentWriter(cameraId, config, listener), writers, status,
                DEFAULT_QUEUE_FRAMES);
    }

    /** Stops one camera; completes when its last file is closed. Unknown cameras complete at once. */
    public CompletableFuture<Void> stop(String cameraId) {
        IngestSession session = sessions.remove(cameraId);
        if (session == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> session.stop(clock.instant()), control)
                .thenCompose(f -> f);
    }

    /** The session of a camera being recorded. */
    public Optional<IngestSession> session(String cameraId) {
        return Optional.ofNullable(sessions.get(cameraId));
    }

    /** Snapshots of every session. */
    public List<IngestSnapshot> snapshots() {
        List<IngestSnapshot> out = new ArrayList<>();
        sessions.values().forEach(s -> out.add(s.snapshot()));
        return out;
    }

    /** Stops every camera (waiting up to 15 s for files to close), then the control thread. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (String id : List.copyOf(sessions.keySet())) {
            stops.add(stop(id));
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("closing ingest sessions: {}", e.toString());
        }
        control.shutdownNow();
    }

    private void tick() {
        var now = clock.instant();
        for (IngestSession s : sessions.values()) {
            try {
                s.tick(now);
            } catch (RuntimeException e) {
                LOG.error("{}: ingest tick failed", s.cameraId(), e);
            }
        }
    }
}
