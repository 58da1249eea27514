package org.skynet.vms.core.cluster.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.db.ServerDatabase;
import org.skynet.vms.core.live.LiveClient;
import org.skynet.vms.core.live.LiveService;
import org.skynet.vms.core.recording.MediaProbe;

/**
 * Live view through core of a camera leased to a recorder node: the viewer connects to core (which
 * authenticates it), core relays the node's live WebSocket. The node is a {@link NodeFileServer} in this
 * JVM whose live service runs over the test server's recorder (standing in for the node's own); the node's
 * audit log shows the view came through it as {@value ClusterAuthenticator#CORE}. The node refuses other
 * callers; when it goes down, the open view and a new one are closed with a reason naming it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutedLiveIT {
    private static final String TOKEN = "routed-live-it-cluster-token";
    private static final String CAMERA = "relayed-cam";
    private static final String NODE = "node-live";

    @TempDir
    static Path data;

    private TestServer server;
    private ServerDatabase db;
    private LiveService nodeLive;
    private NodeFileServer node;
    private Jdbc jdbc;
    private String operator;

    /** The database the server runs on: the embedded H2 here. */
    ServerDatabase database() {
        return ServerDatabase.h2();
    }

    @BeforeAll
    void start() throws Exception {
        db = database();
        Map<String, String> flags = new HashMap<>(db.flags());
        flags.putAll(Map.of("recorder.fsync", "false", "cluster.token", TOKEN, "cluster.node-connect-timeout-millis", "1000"));
        server = TestServer.start(data, flags, SimConfig.builder(1).eventLoopThreads(1).build());
        jdbc = new Jdbc(server.app().database());
        server.createCamera(server.login("technician"), CAMERA, server.fleet().cameras().get(0));
        operator = server.login("operator");
        nodeLive = new LiveService(server.app().recordingService(), server.app().cameraRegistry(),
                LiveService.DEFAULT_MAX_QUEUED_BYTES, Clock.systemUTC());
        node = NodeFileServer.start("127.0.0.1", 0, List.of(Files.createDirectories(data.resolve("node-root"))), TOKEN,
                nodeLive, server.app().auditLog(), Clock.systemUTC());
        jdbc.update("INSERT INTO recorder_nodes (node_id, url, capacity, state, started_at, heartbeat_at) "
                + "VALUES (?, ?, 100, 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", NODE, node.url());
        jdbc.update("INSERT INTO camera_leases (camera_id, node_id, epoch, acquired_at, expires_at) VALUES (?, ?, 1, ?, ?)",
                CAMERA, NODE, Instant.now(), Instant.now().plusSeconds(3600));
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
        nodeLive.close();
        server.close();
        if (db != null) {
            db.close();
        }
    }

    @Test
    @Order(1)
    void coreRelaysTheNodesLiveStream() throws Exception {
        try (LiveClient viewer = LiveClient.open(server.app().port(), CAMERA, operator, false)) {
            assertTrue(viewer.awaitMessages(30, Duration.ofSeconds(15)), "30 messages relayed: " + viewer.texts());
            assertTrue(viewer.texts().stream().anyMatch(t -> t.contains("\"type\":\"codec\"")),
                    viewer.texts().toString());
            Path mp4 = viewer.writeMp4(data.resolve("relayed.mp4"));
            MediaProbe.requireTool("ffmpeg");
            MediaProbe.assertDecodesCleanly(mp4);
        }
        TestServer.await("the view audited by core for the operator and by the node for core",
                () -> audited("operator", "live.stop") == 1 && audited(ClusterAuthenticator.CORE, "live.stop") == 1);
    }

    @Test
    @Order(2)
    void theNodesLiveViewRefusesOtherCallers() {
        for (String auth : new String[] {"Bearer " + TOKEN + "x", "Bearer " + operator}) {
            CompletionException e = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient()
                    .newWebSocketBuilder().header("Authorization", auth)
                    .buildAsync(URI.create(node.url().replace("http", "ws") + "/api/cameras/" + CAMERA + "/live"),
                            new WebSocket.Listener() { })
                    .orTimeout(10, TimeUnit.SECONDS).join());
            assertEquals(401, assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse()
                    .statusCode());
        }
    }

    @Test
    @Order(3)
    void aNodeGoingDownClosesTheViewsNamingIt() throws Exception {
        try (LiveClient viewer = LiveClient.open(server.app().port(), CAMERA, operator, false)) {
            assertTrue(viewer.awaitMessages(3, Duration.ofSeconds(15)));
            node.close();
            node = null;
            String reason = viewer.awaitClose(Duration.ofSeconds(10));
            assertTrue(reason.contains(NODE), reason);
        }
        try (LiveClient late = LiveClient.open(server.app().port(), CAMERA, operator, false)) {
            String reason = late.awaitClose(Duration.ofSeconds(10));
            assertTrue(reason.contains(NODE), reason);
        }
    }

    private long audited(String actor, String action) {
        return jdbc.queryOne("SELECT COUNT(*) FROM audit_log WHERE actor = ? AND action = ? AND target = ?",
                rs -> rs.getLong(1), actor, action, CAMERA).orElse(0L);
    }
}
