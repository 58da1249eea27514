package org.skynet.vms.core.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.adapters.rtsp.RtspSource;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraChange;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.registry.Credentials;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.CatalogueRecovery;
import org.skynet.vms.recorder.catalogue.CatalogueWriter;
import org.skynet.vms.recorder.catalogue.SegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.clips.ClipAssembler;
import org.skynet.vms.recorder.clips.ClipConfig;
import org.skynet.vms.recorder.clips.ClipListener;
import org.skynet.vms.recorder.clips.ClipWriter;
import org.skynet.vms.recorder.ingest.Backoff;
import org.skynet.vms.recorder.ingest.IngestConsumer;
import org.skynet.vms.recorder.ingest.IngestSession;
import org.skynet.vms.recorder.ingest.IngestSnapshot;
import org.skynet.vms.recorder.ingest.IngestSupervisor;
import org.skynet.vms.recorder.segment.SegmentConfig;
import org.skynet.vms.recorder.segment.SegmentListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process recorder: records every enabled camera whose mode is not {@link RecordingMode#OFF}
 * (and that has an RTSP URL) and that its {@link RecordedCameras} gives to this process, one ingest session
 * per camera. A {@link RecordingMode#CONTINUOUS} camera's
 * session feeds the segment writer (files under the storage root, rows to the catalogue through a
 * {@link CatalogueWriter}) and its pre-roll buffer and clips ({@link ClipAssembler}); an
 * {@link RecordingMode#EVENTS} camera's session feeds only the pre-roll buffer and clips. At start the
 * storage root is repaired against the catalogue ({@link CatalogueRecovery}) before any camera is
 * started. Mode changes made through {@link #setMode} take effect at once, and so do the registry's own
 * changes ({@link CameraRegistry#onChange}): a camera disabled or deleted stops, a changed RTSP URL or
 * account restarts its session. {@link #refresh} applies whatever else changed for a camera (its lease, a
 * change made by another process). A restart begins once the old session's files are closed: never two
 * sessions of one camera. Thread-safe.
 */
public final class RecordingService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingService.class);
    private static final Duration CATALOGUE_FLUSH = Duration.ofSeconds(1);

    private final RecordingSettings settings;
    private final CameraRegistry registry;
    private final RecordingModes modes;
    private final RecordedCameras recorded;
    private final SegmentCatalogue catalogue;
    private final SegmentConfig segmentConfig;
    private final RtspClient client;
    private final ExecutorService writers;
    private final CatalogueWriter catalogueWriter;
    private final SegmentListener segmentListener;
    private final IngestSupervisor supervisor;
    private final ClipConfig clipConfig;
    private final ClipListener clipListener;
    private final Map<String, ClipAssembler> clips = new ConcurrentHashMap<>();
    /** Cameras whose session was opened for live viewers only. */
    private final Set<String> viewerOnly = ConcurrentHashMap.newKeySet();
    /** What each recorded camera's session was started with. */
    private final Map<String, Recording> recordings = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** How a camera is recorded: a change of either restarts its session. */
    private record Recording(RecordingMode mode, RtspSource source) {
    }

    private RecordingService(RecordingSettings settings, CameraRegistry registry, RecordingModes modes,
            RecordedCameras recorded, SegmentCatalogue catalogue, ClipConfig clipConfig, ClipListener clipListener, Clock clock,
            UnaryOperator<SegmentListener> watch) {
        this.settings = settings;
        this.registry = registry;
        this.modes = modes;
        this.recorded = recorded;
        this.catalogue = catalogue;
        this.segmentConfig = SegmentConfig.defaults(settings.storageRoot()).withFsync(settings.fsync());
        this.client = RtspClient.withOwnEventLoops(settings.ioThreads());
        this.writers = Executors.newFixedThreadPool(settings.writerThreads(), r -> {
            Thread t = new Thread(r, "vms-segment-writer");
            t.setDaemon(true);
            return t;
        });
        this.catalogueWriter = new CatalogueWriter(catalogue, settings.storageRoot(), CATALOGUE_FLUSH);
        this.segmentListener = watch.apply(catalogueWriter);
        this.supervisor = new IngestSupervisor(client, writers, clock, Backoff.DEFAULT);
        this.clipConfig = clipConfig;
        this.clipListener = clipListener;
    }

    /**
     * Repairs the storage root, then starts every camera with a mode that {@code recorded} gives to this
     * process, and follows the registry's changes.
     *
     * @param clipConfig   how clips are cut and where their files go
     * @param clipListener told about clip files (the clip catalogue)
     * @param watch        wraps the catalogue's segment listener (e.g. {@link StorageMonitor#watch})
     * @throws VmsException INVALID_ARGUMENT when the storage root cannot be created
     */
    public static RecordingService start(RecordingSettings settings, CameraRegistry registry, RecordingModes modes,
            RecordedCameras recorded, SegmentCatalogue catalogue, ClipConfig clipConfig, ClipListener clipListener, Clock clock,
            UnaryOperator<SegmentListener> watch) {
        try {
            Files.createDirectories(settings.storageRoot());
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INVALID_ARGUMENT, "cannot create recorder.root "
                    + settings.storageRoot() + ": " + e, "recorder.root", e);
        }
        try {
            CatalogueRecovery.recover(settings.storageRoot(), catalogue);
        } catch (RuntimeException e) {
            // Recording matters more than tidy rows: the next start repairs what is left.
            LOG.error("recording catalogue recovery under {} failed; recording anyway: {}", settings.storageRoot(),
                    e.toString());
        }
        RecordingService service = new RecordingService(settings, registry, modes, recorded, catalogue, clipConfig,
                clipListener, clock, watch);
        registry.onChange(service::registryChanged);
        modes.recorded().keySet().forEach(service::refresh);
        return service;
    }

    /** Where segment files go. */
    public RecordingSettings settings() {
        return settings;
    }

    /** The camera's mode. */
    public RecordingMode mode(String cameraId) {
        return modes.mode(cameraId);
    }

    /**
     * Sets a camera's mode and starts, restarts (continuous ⇄ events) or stops its recording accordingly
     * (see {@link #refresh}).
     *
     * @throws VmsException NOT_FOUND for an unknown camera
     */
    public synchronized void setMode(String cameraId, RecordingMode mode) {
        registry.get(cameraId);
        modes.set(cameraId, mode);
        refresh(cameraId);
    }

    /**
     * Brings a camera's recording in line with what it should be now: recorded by this process
     * ({@link RecordedCameras}), its mode, enabled, its RTSP URL and account. Starts, stops at once (closing
     * its files) or restarts the session when that differs from what it was started with; a restart begins
     * once the old session's files are closed. A session opened for live viewers only is left alone unless
     * the camera is to be recorded.
     */
    public synchronized void refresh(String cameraId) {
        if (closed) {
            return;
        }
        Optional<Recording> wanted = wanted(cameraId);
        Recording running = recordings.get(cameraId);
        if (wanted.isEmpty() && running == null) {
            return;
        }
        if (running != null && wanted.isPresent() && running.equals(wanted.get())
                && supervisor.session(cameraId).isPresent()) {
            return;
        }
        recordings.remove(cameraId);
        clips.remove(cameraId);
        if (running != null && wanted.isEmpty()) {
            LOG.info("{}: recording stopped", cameraId);
        }
        supervisor.stop(cameraId).thenRun(() -> startIfStill(cameraId));
    }

    /**
     * Stops the camera's recording at once (closing its files) without waiting for a refresh in progress on
     * another camera: for a lost lease, where every frame written after the loss is refused. Call
     * {@link #refresh} afterwards, which catches a start that raced with this stop.
     */
    public void stop(String cameraId) {
        if (recordings.remove(cameraId) != null) {
            clips.remove(cameraId);
            supervisor.stop(cameraId);
            LOG.info("{}: recording stopped at once", cameraId);
        }
    }

    /**
     * As {@link #stop}, and completes once the camera's last file is closed and every row waiting in the
     * catalogue writer is stored (or its store failed): for a lease given up, which is released only then.
     * Waits for a start or refresh under way (unlike {@link #stop}), so that a session that start opens is the
     * one stopped here; call it off the lease keeper's thread.
     */
    public synchronized CompletableFuture<Void> stopAndStore(String cameraId) {
        if (recordings.remove(cameraId) != null) {
            clips.remove(cameraId);
            LOG.info("{}: recording stopped, storing its last rows", cameraId);
        }
        return supervisor.stop(cameraId).thenCompose(v -> catalogueWriter.flush()).thenApply(stored -> null);
    }

    /** Refreshes every camera this process records now. */
    public void refreshAll() {
        List.copyOf(recordings.keySet()).forEach(this::refresh);
    }

    /** Ids of the cameras this process records now. */
    public Set<String> recordedCameras() {
        return Set.copyOf(recordings.keySet());
    }

    /** The camera's clips and pre-roll buffer, when it is being recorded (continuous or events). */
    public Optional<ClipAssembler> clips(String cameraId) {
        return Optional.ofNullable(clips.get(cameraId));
    }

    /**
     * The camera's ingest session for live viewers: the recording one when it is recorded, else one opened
     * for viewers only (no consumers but the GOP cache), which {@link #releaseViewerSession} stops again.
     *
     * @throws VmsException NOT_FOUND for an unknown camera, UNREACHABLE when it is disabled or has no RTSP URL
     */
    public synchronized IngestSession viewerSession(String cameraId) {
        Optional<IngestSession> running = supervisor.session(cameraId);
        if (running.isPresent()) {
            return running.get();
        }
        Camera camera = registry.get(cameraId);
        if (!camera.enabled() || camera.rtspUrl() == null) {
            throw new VmsException(ErrorKind.UNREACHABLE, "camera " + cameraId + " is "
                    + (camera.enabled() ? "without an RTSP URL" : "disabled") + ": no live video");
        }
        IngestSession session = supervisor.open(cameraId, source(camera), segmentConfig.stallTimeout(),
                (status, executor) -> List.of());
        viewerOnly.add(cameraId);
        LOG.info("{}: streaming for live viewers from {}", cameraId, camera.rtspUrl());
        return session;
    }

    /** Stops a session opened for viewers once no viewer is left and the camera is not recorded. */
    public synchronized void releaseViewerSession(String cameraId) {
        Optional<IngestSession> running = supervisor.session(cameraId);
        if (running.isPresent() && running.get().liveSinks() == 0 && viewerOnly.remove(cameraId)) {
            supervisor.stop(cameraId);
            LOG.info("{}: last live viewer left; stream closed", cameraId);
        }
    }

    /** The camera's ingest state and counters, when it is being recorded. */
    public Optional<IngestSnapshot> status(String cameraId) {
        return supervisor.session(cameraId).map(IngestSession::snapshot);
    }

    /** Every recorded camera's ingest state. */
    public List<IngestSnapshot> statuses() {
        return supervisor.snapshots();
    }

    /** Catalogue rows of a camera overlapping {@code [from, to)}, at most {@code limit}. */
    public List<SegmentRow> segments(String cameraId, Instant from, Instant to, int limit) {
        return catalogue.segments(cameraId, from, to, limit);
    }

    /** Stops every camera (closing their files), stores the last rows, releases the threads. */
    @Override
    public void close() {
        closed = true;
        supervisor.close();
        catalogueWriter.close();
        writers.shutdown();
        try {
            if (!writers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("segment writers still busy after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    private void registryChanged(CameraChange change) {
        Set<String> withMode = modes.recorded().keySet();
        Stream.concat(change.written().stream().map(Camera::id), change.deleted().stream())
                .filter(id -> recordings.containsKey(id) || withMode.contains(id))
                .forEach(this::refresh);
    }

    /** How the camera should be recorded by this process now, empty when not at all. */
    private Optional<Recording> wanted(String cameraId) {
        if (!recorded.records(cameraId)) {
            return Optional.empty();
        }
        RecordingMode mode = modes.mode(cameraId);
        if (mode == RecordingMode.OFF) {
            return Optional.empty();
        }
        Optional<Camera> camera = registry.find(cameraId);
        if (camera.isEmpty() || !camera.get().enabled() || camera.get().rtspUrl() == null) {
            LOG.warn("{}: recording mode is {}, but the camera is {}", cameraId, mode.wireName(),
                    camera.isEmpty() ? "not registered" : !camera.get().enabled() ? "disabled" : "without an RTSP URL");
            return Optional.empty();
        }
        try {
            return Optional.of(new Recording(mode, source(camera.get())));
        } catch (VmsException e) {
            LOG.warn("{}: cannot record: {}", cameraId, e.getMessage());
            return Optional.empty();
        }
    }

    private synchronized void startIfStill(String cameraId) {
        if (closed) {
            return;
        }
        Optional<Recording> wanted = wanted(cameraId);
        if (wanted.isEmpty()) {
            return;
        }
        if (viewerOnly.remove(cameraId)) {
            // Recording takes the camera's one connection; the viewers move to the new session.
            supervisor.stop(cameraId).thenRun(() -> startIfStill(cameraId));
        } else if (supervisor.session(cameraId).isEmpty()) {
            startCamera(cameraId, wanted.get());
        }
    }

    private void startCamera(String cameraId, Recording recording) {
        RecordingMode mode = recording.mode();
        RtspSource source = recording.source();
        try {
            AtomicReference<ClipAssembler> assembler = new AtomicReference<>();
            supervisor.open(cameraId, source, segmentConfig.stallTimeout(), (status, executor) -> {
                List<IngestConsumer> consumers = new ArrayList<>();
                if (mode == RecordingMode.CONTINUOUS) {
                    consumers.add(supervisor.segmentSink(cameraId, segmentConfig, segmentListener, status));
                }
                assembler.set(new ClipAssembler(cameraId, clipConfig,
                        ClipWriter.factory(clipConfig, clipListener, status, executor)));
                consumers.add(assembler.get());
                return consumers;
            });
            clips.put(cameraId, assembler.get());
            recordings.put(cameraId, recording);
            LOG.info("{}: recording ({}) from {}", cameraId, mode.wireName(), source.uri());
        } catch (VmsException e) {
            if (e.kind() != ErrorKind.CONFLICT) {
                LOG.warn("{}: cannot record: {}", cameraId, e.getMessage());
            }
        }
    }

    private RtspSource source(Camera camera) {
        Optional<Credentials> creds = registry.credentials(camera.id());
        return RtspSource.of(camera.rtspUrl(), creds.map(Credentials::username).orElse(null),
                creds.map(Credentials::password).orElse(null));
    }
}
