package org.skynet.vms.core.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.core.app.Shutdown;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.cluster.routing.ClusterToken;
import org.skynet.vms.core.cluster.routing.NodeFileServer;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.Database;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.live.LiveService;
import org.skynet.vms.core.recording.ClipCatalogueWriter;
import org.skynet.vms.core.recording.ClipRecovery;
import org.skynet.vms.core.recording.ClipSettings;
import org.skynet.vms.core.recording.ClipStore;
import org.skynet.vms.core.recording.ClipSweeper;
import org.skynet.vms.core.recording.JdbcSegmentCatalogue;
import org.skynet.vms.core.recording.RecordingModes;
import org.skynet.vms.core.recording.RecordingService;
import org.skynet.vms.core.recording.RecordingSettings;
import org.skynet.vms.core.recording.RetentionSettings;
import org.skynet.vms.core.recording.StorageMonitor;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.secrets.MasterKey;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.CatalogueRecovery;
import org.skynet.vms.recorder.retention.DiskUsage;
import org.skynet.vms.recorder.retention.RetentionSweeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recorder node ({@code vms recorder --node-id ID}): records the cameras whose lease it holds in the shared
 * PostgreSQL, and nothing else (no API, monitor or alarms: those are core's). It opens the database, the camera
 * registry (credentials sealed with core's master key), the recording modes, its own storage root with its
 * crash recovery and retention, the clip catalogue, the segment catalogue fenced by lease epochs, and a
 * {@link RecordingService} driven by a {@link LeaseKeeper} through {@link LeasedCameras}. It heartbeats its
 * {@link NodeFigures} into {@code recorder_nodes}, and refreshes its cameras every
 * {@code recorder.refresh-seconds} to pick up changes core made (mode, RTSP URL, account). Core reaches the
 * node's segments, clips and live view through its {@link NodeFileServer} ({@code node.bind}, {@code node.port},
 * behind {@code cluster.token}), whose URL (or {@code node.url}) the heartbeat reports. Started in that order,
 * closed in reverse: recording stops and its rows are stored before the leases are released.
 */
public final class RecorderNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecorderNode.class);
    /** Default {@code node.port} of the node's file and live server. */
    public static final int DEFAULT_PORT = 8091;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final String nodeId;
    private RecordingService recordingService;
    private LeasedCameras leased;
    private LeaseKeeper keeper;
    private Path storageRoot;
    private String url;

    private RecorderNode(String nodeId) {
        this.nodeId = nodeId;
    }

    /**
     * Starts the node; on failure, whatever was started is closed again.
     *
     * @throws VmsException INVALID_ARGUMENT naming the setting when {@code node.id}, {@code cluster.token},
     *     {@code db.url} or the master key is missing or wrong, or {@code node.port} cannot be bound
     */
    public static RecorderNode start(VmsConfig config, Clock clock) {
        String nodeId = config.string("node.id", null);
        if (nodeId == null || !nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw VmsException.invalid("node.id", "--node-id (node.id) must be 1 to 64 of A-Z a-z 0-9 . _ -, got '"
                    + nodeId + "'");
        }
        String token = config.string("cluster.token", "");
        if (token.strip().length() < ClusterToken.MIN_CHARS) {
            throw VmsException.invalid("cluster.token", "a recorder node needs core's cluster.token (VMS_CLUSTER_TOKEN),"
                    + " at least " + ClusterToken.MIN_CHARS + " characters: core reads the node's recordings with it");
        }
        RecorderNode node = new RecorderNode(nodeId);
        try {
            node.startComponents(config, clock);
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void startComponents(VmsConfig config, Clock clock) {
        Path dataDir = config.path("data", "./data");
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INVALID_ARGUMENT, "cannot create data directory " + dataDir + ": " + e,
                    "data", e);
        }
        DbSettings db = DbSettings.from(config, dataDir, config.integer("db.pool-size", 6));
        if (db.isEmbedded()) {
            throw VmsException.invalid("db.url", "a recorder node needs the shared PostgreSQL database of core: set db.url"
                    + " (VMS_DB_URL), e.g. jdbc:postgresql://127.0.0.1:5432/vms; the embedded H2 is one process's file");
        }
        byte[] masterKey = sharedMasterKey(config, dataDir);
        Database database = Database.open(db);
        closeables.add(database);
        LeaseStore.requireShared(database);
        Jdbc jdbc = new Jdbc(database);
        CameraRegistry registry = new CameraRegistry(jdbc, new SecretBox(masterKey), clock);
        RecordingModes modes = new RecordingModes(jdbc, clock);
        RecordingSettings recording = RecordingSettings.from(config, dataDir);
        storageRoot = recording.storageRoot();
        JdbcSegmentCatalogue catalogue = new JdbcSegmentCatalogue(jdbc);
        RetentionSettings retention = RetentionSettings.from(config);
        StorageMonitor storage = new StorageMonitor(new RetentionSweeper(storageRoot, catalogue, retention.policy(),
                modes::maxAges, () -> DiskUsage.of(storageRoot)), (root, problem, at) -> problem.ifPresentOrElse(
                        p -> LOG.error("node {}: storage {}: {}", nodeId, root, p),
                        () -> LOG.info("node {}: storage {} healthy again", nodeId, root)), clock);
        closeables.add(storage);
        ClipSettings clipSettings = ClipSettings.from(config, dataDir);
        ClipStore clipStore = new ClipStore(jdbc);
        ClipRecovery.recover(clipStore, clipSettings.root());
        ClipCatalogueWriter clipCatalogue = new ClipCatalogueWriter(clipStore, clipSettings.root());
        closeables.add(clipCatalogue);

        leased = new LeasedCameras();
        closeables.add(1, leased);
        // Crash recovery of the node's own root first, unfenced: at start the node holds no lease, and the rows it
        // closes are those of its own files. The service's own recovery pass then finds nothing left to do.
        CatalogueRecovery.recover(storageRoot, new NodeRecoveryCatalogue(jdbc, nodeId));
        FencedSegmentCatalogue fenced = new FencedSegmentCatalogue(jdbc, nodeId, leased,
                refusal -> {
                    if (refusal.epoch() != null) {
                        leased.lost(refusal.cameraId(), refusal.epoch());
                    }
                });
        recordingService = RecordingService.start(recording, registry, modes, leased, fenced,
                clipSettings.clipConfig(recording.fsync()), clipCatalogue, clock, storage::watch);
        closeables.add(recordingService);
        leased.follow(recordingService::refresh, recordingService::stop, recordingService::stopAndStore);
        storage.start(retention.sweepInterval());
        closeables.add(new ClipSweeper(clipStore, camera -> modes.maxAgeDays(camera).map(Duration::ofDays)
                .orElse(clipSettings.maxAge())).start(clipSettings.sweepInterval(), clock));

        LiveService live = new LiveService(recordingService, registry, LiveService.DEFAULT_MAX_QUEUED_BYTES, clock);
        closeables.add(live);
        NodeFileServer files = startFiles(config, List.of(storageRoot, clipSettings.root()), live,
                new AuditLog(jdbc, clock), clock);
        closeables.add(files);
        url = config.string("node.url", files.url());

        NodeFiguresMeter meter = new NodeFiguresMeter(url,
                config.integer("recorder.capacity", 500), recordingService::statuses, () -> DiskUsage.of(storageRoot),
                NodeFiguresMeter.processCpuLoad(), clock);
        keeper = LeaseKeeper.start(new LeaseStore(jdbc), nodeId, leaseSettings(config), meter::measure, leased);
        // Closed after the recording service (closeables close in reverse): leases are released last.
        closeables.add(2, keeper);
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vms-node-refresh");
            t.setDaemon(true);
            return t;
        });
        long refreshSeconds = config.integer("recorder.refresh-seconds", 10);
        refresher.scheduleWithFixedDelay(recordingService::refreshAll, refreshSeconds, refreshSeconds, TimeUnit.SECONDS);
        closeables.add(refresher::shutdownNow);
    }

    /**
     * The node's file and live server on {@code node.bind} (default 0.0.0.0) and {@code node.port} (default
     * {@value #DEFAULT_PORT}, 0 for any free port), behind {@code cluster.token}.
     */
    private static NodeFileServer startFiles(VmsConfig config, List<Path> roots, LiveService live, AuditLog audit,
            Clock clock) {
        String bind = config.string("node.bind", "0.0.0.0");
        int port = config.integer("node.port", DEFAULT_PORT);
        try {
            return NodeFileServer.start(bind, port, roots, config.string("cluster.token", ""), live, audit, clock);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmsException(ErrorKind.INTERNAL, "interrupted while starting the node's file server", "node.port", e);
        } catch (RuntimeException e) {
            throw new VmsException(ErrorKind.INVALID_ARGUMENT, "cannot serve the node's files on " + bind + ":" + port
                    + " (node.bind, node.port): " + e, "node.port", e);
        }
    }

    /**
     * The lease timings: {@code cluster.lease-ttl-seconds} (default 15; renewal every third of it, fencing a fifth
     * of it before expiry) and {@code cluster.sync-seconds} (default 30: how often lease rows follow the cameras
     * whose recording was turned on or off).
     */
    static LeaseSettings leaseSettings(VmsConfig config) {
        double ttl = config.decimal("cluster.lease-ttl-seconds", LeaseSettings.DEFAULT_TTL.toSeconds());
        int sync = config.integer("cluster.sync-seconds", 30);
        if (ttl < 1 || sync < 1) {
            throw VmsException.invalid(ttl < 1 ? "cluster.lease-ttl-seconds" : "cluster.sync-seconds",
                    "cluster.lease-ttl-seconds and cluster.sync-seconds must be at least 1, got " + ttl + " and " + sync);
        }
        LeaseSettings d = LeaseSettings.of(Duration.ofMillis(Math.round(ttl * 1000)));
        return new LeaseSettings(d.ttl(), d.renewInterval(), d.fenceMargin(), d.marginFraction(), d.minMargin(),
                d.claimPerRound(), d.shedPerRound(), Duration.ofSeconds(sync));
    }

    /**
     * Core's master key: the node must decrypt the camera passwords core stored, so it never makes a key of its
     * own. From {@code master-key} (VMS_MASTER_KEY) or a copy of core's {@code master.key} in the node's data
     * directory.
     */
    private static byte[] sharedMasterKey(VmsConfig config, Path dataDir) {
        String configured = config.string(MasterKey.SETTING, null);
        if ((configured == null || configured.isBlank()) && !Files.exists(dataDir.resolve(MasterKey.FILE_NAME))) {
            throw VmsException.invalid(MasterKey.SETTING, "a recorder node needs core's master key to read camera "
                    + "passwords: set master-key (VMS_MASTER_KEY) or copy core's DATA/master.key to "
                    + dataDir.resolve(MasterKey.FILE_NAME));
        }
        return MasterKey.load(config, dataDir);
    }

    /** This node's id. */
    public String nodeId() {
        return nodeId;
    }

    /** Where this node writes its segment files. */
    public Path storageRoot() {
        return storageRoot;
    }

    /** The URL core reaches the node's file and live server at ({@code node.url} or the server's own). */
    public String url() {
        return url;
    }

    /** The node's recorder (ingest state, recorded cameras). */
    public RecordingService recordingService() {
        return recordingService;
    }

    /** The lease keeper (held leases and their epochs). */
    public LeaseKeeper leaseKeeper() {
        return keeper;
    }

    @Override
    public void close() {
        Shutdown.inReverse(closeables, LOG);
    }
}
