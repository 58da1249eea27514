package org.skynet.vms.load.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.db.Database;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.recording.RecordingMode;
import org.skynet.vms.core.recording.RecordingModes;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.core.users.NewUser;
import org.skynet.vms.core.users.PasswordHasher;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.core.users.UserStore;
import org.skynet.vms.load.BenchSchema;

/**
 * Core and recorder nodes as separate processes on loopback against one fresh PostgreSQL schema, with a
 * simulated fleet in this JVM (their SD sub streams: the test is about leases, not bandwidth): core runs {@code vms serve} with {@code recorder.nodes=external}, each node
 * {@code vms recorder --node-id node-N} with its own data directory. This JVM registers the cameras (continuous
 * recording) straight in the database and reads the leases, the node rows and the catalogue from it; it plays
 * recordings back through core's API as a supervisor it creates there too. Core and the nodes share one random
 * {@code cluster.token}; each node serves its files on a free loopback port. Closing stops every child, the
 * fleet, and drops the schema.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Pattern CORE_READY = Pattern.compile("vms serve: listening on http://127\\.0\\.0\\.1:(\\d+)/.*");
    private static final String VIEWER = "failover-viewer";
    private static final Pattern REFUSED = Pattern.compile(": (\\d+) catalogue rows refused");
    private static final Pattern NODE_READY = Pattern.compile("vms recorder: node (\\S+) recording under .*");

    /**
     * What to start.
     *
     * @param nodes      recorder nodes
     * @param cameras    simulated cameras, all recorded continuously
     * @param ttlSeconds lease time-to-live (renewal every third of it)
     * @param dbUrl      PostgreSQL JDBC URL
     * @param dbUser     its user (trust authentication)
     * @param dir        where data directories, settings and logs go
     */
    public record Spec(int nodes, int cameras, double ttlSeconds, String dbUrl, String dbUser, Path dir) {
    }

    private final Spec spec;
    private BenchSchema schema;
    private final String masterKey;
    private final String clusterToken;
    private final String viewerPassword;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Map<String, ChildVms> nodes = new ConcurrentSkipListMap<>();
    private final AtomicInteger starts = new AtomicInteger();
    private ChildVms core;
    private SimulatedFleet fleet;
    private Database database;
    private Jdbc jdbc;

    private LocalCluster(Spec spec) {
        this.spec = spec;
        byte[] key = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        this.masterKey = Base64.getEncoder().encodeToString(key);
        this.clusterToken = randomToken();
        this.viewerPassword = randomToken();
    }

    /** Creates the schema, starts the fleet and core, registers the cameras and starts every node. */
    public static LocalCluster start(Spec spec) throws Exception {
        LocalCluster cluster = new LocalCluster(spec);
        try {
            cluster.startAll();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        schema = BenchSchema.create(spec.dbUrl(), spec.dbUser(), "failover_");
        database = Database.open(new DbSettings(spec.dbUrl(), spec.dbUser(), null, spec.dir(), schema.name(), 2));
        jdbc = new Jdbc(database);
        fleet = SimulatedFleet.start(SimConfig.builder(spec.cameras()).eventLoopThreads(1).build());
        opened.add(fleet);
        registerCameras();
        new UserStore(jdbc, new PasswordHasher(), Clock.systemUTC()).create(NewUser.of(VIEWER, viewerPassword,
                Role.SUPERVISOR));
        Map<String, String> settings = shared("core");
        settings.put("port", "0");
        settings.put("bind", "127.0.0.1");
        settings.put("recorder.nodes", "external");
        settings.put("monitor.enabled", "false");
        settings.put("camera-events.enabled", "false");
        settings.put("rtsp.enabled", "false");
        core = ChildVms.start(spec.dir(), "core", settings, CORE_READY, "serve");
        opened.add(core);
        // In parallel, so that they join at about the same time rather than the first one claiming everything.
        ExecutorService starter = Executors.newFixedThreadPool(spec.nodes());
        try {
            List<Callable<Void>> starts = new ArrayList<>();
            for (int i = 1; i <= spec.nodes(); i++) {
                String id = nodeId(i);
                starts.add(() -> {
                    startNode(id);
                    return null;
                });
            }
            for (Future<Void> started : starter.invokeAll(starts)) {
                started.get();
            }
        } finally {
            starter.shutdown();
        }
    }

    /** The id of the {@code n}th node (from 1). */
    public static String nodeId(int n) {
        return "node-" + n;
    }

    /** Starts (or starts again, on the same data directory) the node {@code nodeId}. */
    public void startNode(String nodeId) throws Exception {
        ChildVms node = ChildVms.start(spec.dir(), nodeId + "-" + starts.incrementAndGet(), nodeSettings(nodeId),
                NODE_READY, "recorder", "--node-id", nodeId);
        nodes.put(nodeId, node);
    }

    private Map<String, String> nodeSettings(String nodeId) throws java.io.IOException {
        Map<String, String> settings = shared(nodeId);
        settings.put("cluster.lease-ttl-seconds", Double.toString(spec.ttlSeconds()));
        settings.put("cluster.sync-seconds", "1");
        settings.put("recorder.io-threads", "1");
        settings.put("recorder.writer-threads", "1");
        settings.put("recorder.capacity", Integer.toString(spec.cameras()));
        settings.put("node.bind", "127.0.0.1");
        settings.put("node.port", "0");
        return settings;
    }

    /** SIGKILLs the node. */
    public void kill(String nodeId) throws InterruptedException {
        nodes.remove(nodeId).kill();
    }

    /** Core's API base, {@code http://127.0.0.1:PORT}. */
    public String coreUrl() {
        return "http://127.0.0.1:" + core.readyLine().group(1);
    }

    /** The user and password of the supervisor this cluster created for playback through core. */
    public String[] viewer() {
        return new String[] {VIEWER, viewerPassword};
    }

    /** The shared database, as this JVM sees it. */
    public Jdbc jdbc() {
        return jdbc;
    }

    /** Leases held now (not expired), by node id; nodes holding none are absent. */
    public Map<String, Integer> leasesByNode() {
        Map<String, Integer> out = new TreeMap<>();
        jdbc.query("SELECT node_id, COUNT(*) FROM camera_leases WHERE node_id IS NOT NULL "
                + "AND expires_at > CURRENT_TIMESTAMP GROUP BY node_id", rs -> out.put(rs.getString(1), rs.getInt(2)));
        return out;
    }

    /** The cameras a node holds now. */
    public List<String> camerasOf(String nodeId) {
        return jdbc.query("SELECT camera_id FROM camera_leases WHERE node_id = ? AND expires_at > CURRENT_TIMESTAMP "
                + "ORDER BY camera_id", rs -> rs.getString(1), nodeId);
    }

    /** The sum of every lease's epoch: it grows by one at every claim, so its growth counts lease moves. */
    public long claims() {
        return jdbc.queryOne("SELECT COALESCE(SUM(epoch), 0) FROM camera_leases", rs -> rs.getLong(1)).orElse(0L);
    }

    /** Each node's last heartbeat figures: cameras, ingest bit/s, CPU %, disk free bytes, free days. */
    public Map<String, Map<String, Object>> nodeFigures() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        jdbc.query("SELECT node_id, cameras, ingest_bps, cpu_percent, disk_free_bytes, free_days FROM recorder_nodes",
                rs -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("cameras", rs.getInt(2));
                    row.put("ingestBps", rs.getLong(3));
                    row.put("cpuPercent", rs.getObject(4));
                    row.put("diskFreeBytes", rs.getObject(5));
                    row.put("freeDays", rs.getObject(6));
                    return out.put(rs.getString(1), row);
                });
        return out;
    }

    /** Core's data directory. */
    public Path coreData() {
        return spec.dir().resolve("core");
    }

    /**
     * OPEN segment rows whose writer no longer holds the camera under the row's epoch and whose last frame is
     * older than {@code age}: closing rows that were lost (camera, node, epoch, end), at most 20.
     */
    public List<String> openRowsLeft(java.time.Duration age) {
        return jdbc.query("SELECT s.camera_id, s.node_id, s.lease_epoch, s.end_wall FROM recording_segments s "
                + "WHERE s.state = 'OPEN' AND s.end_wall < ? AND NOT EXISTS (SELECT 1 FROM camera_leases l "
                + "WHERE l.camera_id = s.camera_id AND l.node_id = s.node_id AND l.epoch = s.lease_epoch "
                + "AND l.expires_at > CURRENT_TIMESTAMP) ORDER BY s.camera_id, s.start_wall LIMIT 20",
                rs -> rs.getString(1) + " " + rs.getString(2) + " epoch " + rs.getLong(3) + " until "
                        + Jdbc.instant(rs, "end_wall"), java.time.Instant.now().minus(age));
    }

    /** Catalogue rows the nodes' fences refused so far, summed from their logs. */
    public long refusedRows() throws java.io.IOException {
        long sum = 0;
        try (var logs = Files.list(spec.dir())) {
            for (Path log : logs.filter(f -> f.getFileName().toString().matches("node-.*\\.err")).toList()) {
                for (String line : Files.readAllLines(log)) {
                    java.util.regex.Matcher m = REFUSED.matcher(line);
                    if (m.find()) {
                        sum += Long.parseLong(m.group(1));
                    }
                }
            }
        }
        return sum;
    }

    /** The segment rows now. */
    public SegmentSpans spans() {
        return SegmentSpans.load(jdbc);
    }

    private void registerCameras() {
        Clock clock = Clock.systemUTC();
        CameraRegistry registry = new CameraRegistry(jdbc, new SecretBox(Base64.getDecoder().decode(masterKey)), clock);
        RecordingModes modes = new RecordingModes(jdbc, clock);
        for (SimulatedCamera cam : fleet.cameras()) {
            registry.create(new CameraDraft().id(cam.id()).name(cam.id()).district("d1").lat(23.0).lon(113.7)
                    .bearing(0.0).fov(60.0).range(50.0).rtspUrl(cam.rtspSubUrl()).username(cam.username())
                    .password(cam.password()));
            modes.set(cam.id(), RecordingMode.CONTINUOUS);
        }
    }

    private Map<String, String> shared(String name) throws java.io.IOException {
        Path data = Files.createDirectories(spec.dir().resolve(name));
        Map<String, String> settings = new HashMap<>();
        settings.put("data", data.toString());
        settings.put("db.url", spec.dbUrl());
        settings.put("db.user", spec.dbUser());
        settings.put("db.schema", schema.name());
        settings.put("db.pool-size", "4");
        settings.put("master-key", masterKey);
        settings.put("cluster.token", clusterToken);
        return settings;
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Stops the nodes, core and the fleet, then drops the schema. */
    @Override
    public void close() throws Exception {
        for (ChildVms node : nodes.values()) {
            node.close();
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            schema.close();
        }
    }
}
