package org.skynet.vms.core.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.adapters.rtsp.RtspSource;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.registry.Credentials;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.CatalogueRecovery;
import org.skynet.vms.recorder.catalogue.CatalogueWriter;
import org.skynet.vms.recorder.catalogue.SegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.ingest.Backoff;
import org.skynet.vms.recorder.ingest.IngestSession;
import org.skynet.vms.recorder.ingest.IngestSnapshot;
import org.skynet.vms.recorder.ingest.IngestSupervisor;
import org.skynet.vms.recorder.segment.SegmentConfig;
import org.skynet.vms.recorder.segment.SegmentListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process recorder: records every enabled camera whose mode is {@link RecordingMode#CONTINUOUS}
 * (and that has an RTSP URL) under the storage root, with the recorder's ingest and segment writer,
 * rows going to the catalogue through a {@link CatalogueWriter}. At start the storage root is repaired
 * against the catalogue ({@link CatalogueRecovery}) before any camera is started. Mode changes made
 * through {@link #setMode} take effect at once. {@code EVENTS} is stored but not recorded yet.
 * Thread-safe.
 */
public final class RecordingService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingService.class);
    private static final Duration CATALOGUE_FLUSH = Duration.ofSeconds(1);

    private final RecordingSettings settings;
    private final CameraRegistry registry;
    private final RecordingModes modes;
    private final SegmentCatalogue catalogue;
    private final SegmentConfig segmentConfig;
    private final RtspClient client;
    private final ExecutorService writers;
    private final CatalogueWriter catalogueWriter;
    private final SegmentListener segmentListener;
    private final IngestSupervisor supervisor;

    private RecordingService(RecordingSettings settings, CameraRegistry registry, RecordingModes modes,
            SegmentCatalogue catalogue, Clock clock, UnaryOperator<SegmentListener> watch) {
        this.settings = settings;
        this.registry = registry;
        this.modes = modes;
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
    }

    /**
     * Repairs the storage root, then starts every continuously recorded camera.
     *
     * @throws VmsException INVALID_ARGUMENT when the storage root cannot be created
     */
    public static RecordingService start(RecordingSettings settings, CameraRegistry registry, RecordingModes modes,
            SegmentCatalogue catalogue, Clock clock) {
        return start(settings, registry, modes, catalogue, clock, UnaryOperator.identity());
    }

    /**
     * As {@link #start(RecordingSettings, CameraRegistry, RecordingModes, SegmentCatalogue, Clock)}, with
     * {@code watch} wrapped around the catalogue's segment listener (e.g. {@link StorageMonitor#watch}).
     */
    public static RecordingService start(RecordingSettings settings, CameraRegistry registry, RecordingModes modes,
            SegmentCatalogue catalogue, Clock clock, UnaryOperator<SegmentListener> watch) {
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
        RecordingService service = new RecordingService(settings, registry, modes, catalogue, clock, watch);
        for (Map.Entry<String, RecordingMode> e : modes.recorded().entrySet()) {
            if (e.getValue() == RecordingMode.CONTINUOUS) {
                service.startCamera(e.getKey());
            }
        }
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
     * Sets a camera's mode and starts or stops its recording accordingly.
     *
     * @throws VmsException NOT_FOUND for an unknown camera
     */
    public void setMode(String cameraId, RecordingMode mode) {
        registry.get(cameraId);
        modes.set(cameraId, mode);
        if (mode == RecordingMode.CONTINUOUS) {
            if (supervisor.session(cameraId).isEmpty()) {
                startCamera(cameraId);
            }
        } else {
            supervisor.stop(cameraId);
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

    private void startCamera(String cameraId) {
        Optional<Camera> camera = registry.find(cameraId);
        if (camera.isEmpty() || !camera.get().enabled() || camera.get().rtspUrl() == null) {
            LOG.warn("{}: recording mode is continuous, but the camera is {}", cameraId,
                    camera.isEmpty() ? "not registered" : !camera.get().enabled() ? "disabled" : "without an RTSP URL");
            return;
        }
        Optional<Credentials> creds = registry.credentials(cameraId);
        try {
            RtspSource source = RtspSource.of(camera.get().rtspUrl(), creds.map(Credentials::username).orElse(null),
                    creds.map(Credentials::password).orElse(null));
            supervisor.record(cameraId, source, segmentConfig, segmentListener);
            LOG.info("{}: recording continuously from {}", cameraId, source.uri());
        } catch (VmsException e) {
            if (e.kind() != ErrorKind.CONFLICT) {
                LOG.warn("{}: cannot record: {}", cameraId, e.getMessage());
            }
        }
    }
}
