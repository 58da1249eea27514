package org.skynet.vms.core.cluster.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.skynet.vms.core.cli.VmsCommand;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.db.ServerDatabase;
import org.skynet.vms.core.exports.SigningKey;
import org.skynet.vms.core.recording.MediaProbe;
import org.skynet.vms.core.server.Json;

/**
 * Recordings held by a recorder node, served through core: a simulated camera is recorded by core, then
 * its segment files are moved to a node's storage root (a {@link NodeFileServer} in this JVM) and their
 * rows given that node's id, as a node's recorder writes them. Playback (whole and ranges), thumbnails,
 * export ({@code vms verify-export}) and a clip download through core give the node's bytes; the node
 * refuses other callers and paths outside its roots; a node that is unregistered or down gives 503/502
 * naming it, within the timeouts. On H2 here; {@link RoutedRecordingsPostgresIT} runs it on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutedRecordingsIT {
    private static final String TOKEN = "routed-recordings-it-cluster-token";
    private static final String CAMERA = "routed-cam";
    private static final String NODE = "node-a";

    @TempDir
    static Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestServer server;
    private ServerDatabase db;
    private NodeFileServer node;
    private Jdbc jdbc;
    private String technician;
    private String operator;
    private Instant from;
    private Instant to;
    private byte[] localPlayback;
    private Path nodeRoot;
    private List<Path> movedFrom;
    private Path nodeClip;
    private long clipId;

    /** The database the server runs on: the embedded H2 here. */
    ServerDatabase database() {
        return ServerDatabase.h2();
    }

    @BeforeAll
    void start() throws Exception {
        db = database();
        Map<String, String> flags = new HashMap<>(db.flags());
        flags.putAll(Map.of("recorder.fsync", "false", "cluster.token", TOKEN,
                "cluster.node-connect-timeout-millis", "1000", "cluster.node-answer-timeout-millis", "3000"));
        server = TestServer.start(data, flags, SimConfig.builder(1).eventLoopThreads(1).build());
        jdbc = new Jdbc(server.app().database());
        technician = server.login("technician");
        operator = server.login("operator");
        server.createCamera(technician, CAMERA, server.fleet().cameras().get(0));
        JsonNode span = server.recordAFewSeconds(CAMERA, technician, operator);
        from = Instant.parse(span.get("start").textValue());
        to = Instant.parse(span.get("end").textValue());
        HttpResponse<byte[]> local = get(playbackPath(), null);
        assertEquals(200, local.statusCode(), "playback from core's own storage root");
        localPlayback = local.body();
        moveRecordingToNode();
    }

    /** Moves the camera's files under the node's root and marks their rows as the node's, as its recorder writes them. */
    private void moveRecordingToNode() throws Exception {
        nodeRoot = Files.createDirectories(data.resolve("node-a/recordings"));
        Path clipRoot = Files.createDirectories(data.resolve("node-a/clips"));
        List<Path[]> moves = jdbc.query("SELECT storage_root, path FROM recording_segments WHERE camera_id = ?",
                rs -> new Path[] {Path.of(rs.getString(1)).resolve(rs.getString(2)), nodeRoot.resolve(rs.getString(2))},
                CAMERA);
        assertFalse(moves.isEmpty());
        movedFrom = moves.stream().map(m -> m[0]).toList();
        for (Path[] m : moves) {
            Files.move(m[0], Files.createDirectories(m[1].getParent()).resolve(m[1].getFileName()));
        }
        assertEquals(moves.size(), jdbc.update("UPDATE recording_segments SET storage_root = ?, node_id = ?, "
                + "lease_epoch = 1 WHERE camera_id = ?", nodeRoot.toAbsolutePath().normalize().toString(), NODE, CAMERA));
        nodeClip = Files.copy(moves.get(0)[1], Files.createDirectories(clipRoot.resolve(CAMERA)).resolve("clip-1.mp4"));
        clipId = insertClip(NODE, clipRoot, CAMERA + "/clip-1.mp4", Files.size(nodeClip));
        node = NodeFileServer.start("127.0.0.1", 0, List.of(nodeRoot, clipRoot), TOKEN);
        jdbc.update("INSERT INTO recorder_nodes (node_id, url, capacity, state, started_at, heartbeat_at) "
                + "VALUES (?, ?, 100, 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", NODE, node.url());
    }

    private long insertClip(String nodeId, Path root, String path, long size) {
        jdbc.update("INSERT INTO clips (camera_id, trigger_type, triggered_at, start_wall, end_wall, storage_root, "
                + "path, size_bytes, frames, state, node_id) VALUES (?, 'manual', ?, ?, ?, ?, ?, ?, 1, 'CLOSED', ?)",
                CAMERA, from, from, to, root.toAbsolutePath().normalize().toString(), path, size, nodeId);
        return jdbc.queryOne("SELECT id FROM clips WHERE path = ? AND storage_root = ?", rs -> rs.getLong(1), path,
                root.toAbsolutePath().normalize().toString()).orElseThrow();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    @Order(1)
    void playbackThroughCoreGivesTheNodesBytesWholeAndInRanges() throws Exception {
        assertTrue(movedFrom.stream().noneMatch(Files::exists), "nothing left in core's storage root: " + movedFrom);
        HttpResponse<byte[]> whole = get(playbackPath(), null);
        assertEquals(200, whole.statusCode(), () -> new String(whole.body(), StandardCharsets.UTF_8));
        assertArrayEquals(localPlayback, whole.body(), "the same MP4 as from core's own disk");

        byte[] mp4 = whole.body();
        HttpResponse<byte[]> part = get(playbackPath(), "bytes=100-1099");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-1099/" + mp4.length, part.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(mp4, 100, 1100), part.body());

        int half = mp4.length / 2;
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(get(playbackPath(), "bytes=0-" + (half - 1)).body());
        joined.write(get(playbackPath(), "bytes=" + half + "-").body());
        MediaProbe.requireTool("ffprobe");
        Path file = Files.write(data.resolve("routed-ranges.mp4"), joined.toByteArray());
        assertTrue(Long.parseLong(MediaProbe.probe(file).get("nb_read_frames")) > 50, "frames in " + file);
        MediaProbe.assertDecodesCleanly(file);
    }

    @Test
    @Order(2)
    void thumbnailIsDecodedFromTheNodesSegment() throws Exception {
        Instant at = from.plus(Duration.between(from, to).dividedBy(2));
        HttpResponse<byte[]> r = get("/api/cameras/" + CAMERA + "/thumbnail.jpg?at=" + at, null);
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(r.body().length > 100 && (r.body()[0] & 0xFF) == 0xFF && (r.body()[1] & 0xFF) == 0xD8);
    }

    @Test
    @Order(3)
    void exportThroughCoreVerifies() throws Exception {
        HttpResponse<String> r = server.api().send("POST", "/api/exports", operator, "{\"cameraId\":\"" + CAMERA
                + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
        assertEquals(202, r.statusCode(), r.body());
        String id = Json.MAPPER.readTree(r.body()).get("id").textValue();
        JsonNode done = server.awaitJson("/api/exports/" + id, operator, b -> !b.get("state").textValue().equals("pending"));
        assertEquals("done", done.get("state").textValue(), done.toString());
        Path dir = Files.createDirectories(data.resolve("routed-export"));
        for (JsonNode name : done.get("files")) {
            HttpResponse<byte[]> file = get("/api/exports/" + id + "/files/" + name.textValue(), null);
            assertEquals(200, file.statusCode(), name.textValue());
            Files.write(dir.resolve(name.textValue()), file.body());
        }
        assertEquals(VmsCommand.EXIT_OK, VmsCommand.execute("verify-export", dir.toString(), "--public-key",
                data.resolve(SigningKey.PUBLIC_FILE).toString()));
        MediaProbe.requireTool("ffprobe");
        MediaProbe.assertDecodesCleanly(dir.resolve("recording-001.mp4"));
    }

    @Test
    @Order(4)
    void clipDownloadThroughCoreIsTheNodesFile() throws Exception {
        byte[] file = Files.readAllBytes(nodeClip);
        HttpResponse<byte[]> whole = get("/api/clips/" + clipId + ".mp4", null);
        assertEquals(200, whole.statusCode(), () -> new String(whole.body(), StandardCharsets.UTF_8));
        assertArrayEquals(file, whole.body());
        HttpResponse<byte[]> tail = get("/api/clips/" + clipId + ".mp4", "bytes=-1000");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(file, file.length - 1000, file.length), tail.body());
    }

    @Test
    @Order(5)
    void theNodeRefusesOtherCallersAndPathsOutsideItsRoots() throws Exception {
        String root = nodeRoot.toAbsolutePath().normalize().toString();
        String anyPath = jdbc.query("SELECT path FROM recording_segments WHERE camera_id = ?", rs -> rs.getString(1),
                CAMERA).get(0);
        assertEquals(401, nodeGet(root, anyPath, "Bearer " + TOKEN + "x").statusCode());
        assertEquals(401, nodeGet(root, anyPath, null).statusCode());
        assertEquals(206, nodeGet(root, anyPath, "Bearer " + TOKEN).statusCode());
        assertEquals(400, nodeGet(root, "../../" + SigningKey.PUBLIC_FILE, "Bearer " + TOKEN).statusCode());
        assertEquals(400, nodeGet(root, data.resolve(SigningKey.PUBLIC_FILE).toString(), "Bearer " + TOKEN).statusCode());
    }

    @Test
    @Order(6)
    void aRowOfAnUnregisteredNodeIs503NamingIt() throws Exception {
        long ghost = insertClip("node-ghost", data.resolve("node-ghost"), CAMERA + "/ghost.mp4", 10);
        HttpResponse<byte[]> r = get("/api/clips/" + ghost + ".mp4", null);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(503, r.statusCode(), body);
        assertTrue(body.contains("NODE_UNAVAILABLE") && body.contains("node-ghost"), body);
    }

    @Test
    @Order(7)
    void aNodeThatIsDownIs502NamingItWithoutAHang() throws Exception {
        node.close();
        node = null;
        long t0 = System.nanoTime();
        for (String path : List.of(playbackPath(), "/api/cameras/" + CAMERA + "/thumbnail.jpg?at=" + from.plusSeconds(1),
                "/api/clips/" + clipId + ".mp4")) {
            HttpResponse<byte[]> r = get(path, null);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertEquals(502, r.statusCode(), path + ": " + body);
            assertTrue(body.contains("NODE_UNREACHABLE") && body.contains(NODE), body);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 10_000, "three answers took " + millis + " ms");
    }

    private String playbackPath() {
        return "/api/cameras/" + CAMERA + "/playback.mp4?from=" + from + "&to=" + to;
    }

    private HttpResponse<byte[]> get(String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.app().port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + operator);
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> nodeGet(String root, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + NodeFileApi.PATH + "?root="
                + URLEncoder.encode(root, StandardCharsets.UTF_8) + "&path=" + URLEncoder.encode(path, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).header("Range", "bytes=0-99");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
