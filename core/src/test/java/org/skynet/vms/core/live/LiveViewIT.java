package org.skynet.vms.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skynet.vms.core.api.TestServer.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.recorder.fmp4.Fmp4Parser;
import org.skynet.vms.recorder.fmp4.FragmentInfo;
import org.skynet.vms.recorder.fmp4.TrackInfo;

/**
 * Live video over a real WebSocket from the whole server on the embedded H2, fed by simulated cameras
 * over real RTSP on loopback: first message at once, an init segment and fragments that ffmpeg decodes,
 * one upstream connection however many viewers, a slow viewer that does not hold up a fast one, the
 * on-demand session closed with its last viewer, reconnecting, errors before the upgrade, audit, time
 * messages that carry the camera's clock for the fragment after them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveViewIT {
    @TempDir
    static Path data;

    @AutoClose
    private TestServer server;
    private ApiTestClient api;
    private VmsApplication app;
    private SimulatedFleet fleet;
    private String technician;
    private String operator;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(data, Map.of("camera-events.enabled", "false", "recorder.fsync", "false",
                "live.max-queued-bytes", "262144"), SimConfig.builder(6).h265Every(2).eventLoopThreads(1).build());
        api = server.api();
        app = server.app();
        fleet = server.fleet();
        technician = server.login("technician");
        operator = server.login("operator");
    }

    @Test
    void twoViewersOfARecordedCameraShareItsOneConnectionAndGetDecodableVideo() throws Exception {
        SimulatedCamera cam = camera(Codec.H264, 0);
        createCamera("live-rec", cam);
        assertEquals(200, api.send("PUT", "/api/cameras/live-rec/recording", technician, "{\"mode\":\"continuous\"}")
                .statusCode());
        await("recording streams", () -> app.recordingService().status("live-rec")
                .map(s -> s.frames() > 30).orElse(false));
        try (LiveClient a = LiveClient.open(app.port(), "live-rec", operator, false);
                LiveClient b = LiveClient.open(app.port(), "live-rec", operator, false)) {
            assertTrue(a.awaitMessages(4, Duration.ofSeconds(1)), "codec, init, time and a keyframe within 1 s");
            assertTrue(a.firstMessageMillis() < 1000, a.firstMessageMillis() + " ms to the first message");
            assertTrue(b.awaitMessages(100, Duration.ofSeconds(10)));
            assertTrue(a.awaitMessages(100, Duration.ofSeconds(10)));
            assertEquals(1, cam.openConnections(), "one RTSP connection for recorder and both viewers");
            checkStream(a, "avc1.", Codec.H264, data.resolve("live-a.mp4"));
            checkStream(b, "avc1.", Codec.H264, data.resolve("live-b.mp4"));
        }
        await("audit of both views", () -> auditCount("live-rec", "live.stop") == 2);
        assertEquals(2, auditCount("live-rec", "live.start"));
        assertEquals(200, api.send("PUT", "/api/cameras/live-rec/recording", technician, "{\"mode\":\"off\"}")
                .statusCode());
    }

    @Test
    void anUnrecordedH265CameraIsOpenedForItsViewerAndClosedWhenItLeaves() throws Exception {
        SimulatedCamera cam = camera(Codec.H265, 0);
        createCamera("live-h265", cam);
        try (LiveClient viewer = LiveClient.open(app.port(), "live-h265", operator, false)) {
            assertTrue(viewer.awaitMessages(1, Duration.ofSeconds(1)), "a first message within 1 s");
            assertTrue(viewer.awaitMessages(60, Duration.ofSeconds(15)));
            assertEquals(1, cam.openConnections());
            checkStream(viewer, "hvc1.", Codec.H265, data.resolve("live-h265.mp4"));
        }
        await("on-demand session closed", () -> cam.openConnections() == 0
                && app.recordingService().status("live-h265").isEmpty());
    }

    @Test
    void aViewerThatDoesNotReadDoesNotHoldUpAFastOne() throws Exception {
        SimulatedCamera cam = camera(Codec.H264, 1);
        createCamera("live-slow", cam);
        try (LiveClient slow = LiveClient.open(app.port(), "live-slow", operator, true);
                LiveClient fast = LiveClient.open(app.port(), "live-slow", operator, false)) {
            assertTrue(fast.awaitMessages(3, Duration.ofSeconds(10)));
            long before = fast.binaries();
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(6));
            long got = fast.binaries() - before;
            assertTrue(got >= 6 * 20, "the fast viewer got " + got + " fragments in 6 s");
            assertEquals(1, slow.messages().size(), "the slow viewer read one message and stopped");
            assertEquals(1, cam.openConnections());
            checkStream(fast, "avc1.", Codec.H264, data.resolve("live-fast.mp4"));
        }
        await("on-demand session closed", () -> cam.openConnections() == 0);
    }

    @Test
    void aCameraThatDropsShowsReconnectingAndResumes() throws Exception {
        SimulatedCamera cam = camera(Codec.H265, 1);
        createCamera("live-drop", cam);
        try (LiveClient viewer = LiveClient.open(app.port(), "live-drop", operator, false)) {
            assertTrue(viewer.awaitMessages(30, Duration.ofSeconds(15)));
            fleet.setFault(cam.id(), Fault.DOWN);
            int seen = viewer.messages().size();
            assertTrue(viewer.awaitText("\"reconnecting\"", seen, Duration.ofSeconds(20)), "reconnecting");
            fleet.setFault(cam.id(), Fault.NONE);
            int down = viewer.messages().size();
            assertTrue(viewer.awaitMessages(down + 30, Duration.ofSeconds(30)), "resumed");
            checkStream(viewer, "hvc1.", Codec.H265, data.resolve("live-drop.mp4"));
        }
    }

    @Test
    void viewersFollowTheCameraWhenRecordingStartsAndStops() throws Exception {
        SimulatedCamera cam = camera(Codec.H264, 2);
        createCamera("live-mode", cam);
        try (LiveClient viewer = LiveClient.open(app.port(), "live-mode", operator, false)) {
            assertTrue(viewer.awaitMessages(30, Duration.ofSeconds(15)));
            assertEquals(200, api.send("PUT", "/api/cameras/live-mode/recording", technician,
                    "{\"mode\":\"continuous\"}").statusCode());
            await("recording streams", () -> app.recordingService().clips("live-mode").isPresent()
                    && app.recordingService().status("live-mode").map(s -> s.frames() > 30).orElse(false));
            int before = viewer.messages().size();
            assertTrue(viewer.awaitMessages(before + 30, Duration.ofSeconds(15)), "video goes on while recorded");
            assertEquals(1, cam.openConnections(), "recorder and viewer share one connection");
            assertEquals(200, api.send("PUT", "/api/cameras/live-mode/recording", technician, "{\"mode\":\"off\"}")
                    .statusCode());
            await("recording stopped", () -> app.recordingService().clips("live-mode").isEmpty());
            int after = viewer.messages().size();
            assertTrue(viewer.awaitMessages(after + 60, Duration.ofSeconds(15)), "video goes on after recording");
            assertEquals(1, cam.openConnections());
            checkStream(viewer, "avc1.", Codec.H264, data.resolve("live-mode.mp4"));
        }
        await("session closed", () -> cam.openConnections() == 0);
    }

    @Test
    void timeMessagesGiveTheCameraClockOfTheFragmentThatFollows() throws Exception {
        SimulatedCamera cam = camera(Codec.H265, 2);
        Duration drift = Duration.ofHours(1);
        fleet.setFault(cam.id(), Fault.clockDrift(drift));
        createCamera("live-time", cam);
        try (LiveClient viewer = LiveClient.open(app.port(), "live-time", operator, false)) {
            assertTrue(viewer.awaitMessages(150, Duration.ofSeconds(15)));
            Instant now = Instant.now();
            List<Object> messages = viewer.messages();
            List<JsonNode> times = new ArrayList<>();
            for (int i = 0; i < messages.size() - 1; i++) {
                if (messages.get(i) instanceof String s && s.contains("\"time\"")) {
                    JsonNode time = Json.MAPPER.readTree(s);
                    ByteBuffer fragment = ByteBuffer.wrap(assertInstanceOf(byte[].class, messages.get(i + 1)));
                    FragmentInfo info = Fmp4Parser.parseMoof(fragment.limit((int) Fmp4Parser.size(fragment, 0)));
                    assertEquals(info.baseMediaDecodeTime(), time.get("decodeTime90k").longValue(),
                            "message " + i + " is the decode time of the fragment after it: " + s);
                    assertEquals("camera", time.get("source").textValue(), "the simulator sends sender reports: " + s);
                    times.add(time);
                }
            }
            assertTrue(times.size() >= 4, "a time message a second over 6 s of video: " + times.size());
            JsonNode first = times.get(0);
            JsonNode last = times.get(times.size() - 1);
            Duration cameraAhead = Duration.between(now, Instant.parse(last.get("wall").textValue()));
            assertTrue(cameraAhead.minus(drift).abs().toSeconds() < 3,
                    "the camera's clock (an hour ahead of ours), not ours: " + cameraAhead);
            long mediaMillis = (last.get("decodeTime90k").longValue() - first.get("decodeTime90k").longValue()) / 90;
            long wallMillis = Duration.between(Instant.parse(first.get("wall").textValue()),
                    Instant.parse(last.get("wall").textValue())).toMillis();
            assertTrue(Math.abs(wallMillis - mediaMillis) <= 2, "wall " + wallMillis + " ms over media " + mediaMillis);
        } finally {
            fleet.setFault(cam.id(), Fault.NONE);
        }
    }

    @Test
    void badRequestsAreRefusedBeforeTheUpgrade() throws Exception {
        createCamera("live-err", null);
        assertEquals(404, refusedStatus("nope", operator));
        assertEquals(401, refusedStatus("live-err", null));
        assertEquals(400, api.send("GET", "/api/cameras/live-err/live", operator, null).statusCode());
    }

    private int refusedStatus(String cameraId, String token) {
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        CompletionException e = assertThrows(CompletionException.class, () -> b.buildAsync(
                URI.create("ws://127.0.0.1:" + app.port() + "/api/cameras/" + cameraId + "/live"),
                new WebSocket.Listener() { }).orTimeout(10, TimeUnit.SECONDS).join());
        HttpResponse<?> r = assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse();
        return r.statusCode();
    }

    /** Codec message first, init segment parses, and all binaries written to a file decode without error. */
    private static void checkStream(LiveClient viewer, String codecPrefix, Codec codec, Path file) throws Exception {
        List<Object> messages = viewer.messages();
        int codecAt = 0;
        while (messages.get(codecAt) instanceof String s && s.contains("\"state\"")) {
            codecAt++;
        }
        JsonNode first = Json.MAPPER.readTree(assertInstanceOf(String.class, messages.get(codecAt)));
        assertTrue(first.get("codec").textValue().startsWith(codecPrefix), first.toString());
        assertTrue(first.get("width").intValue() > 0 && first.get("height").intValue() > 0, first.toString());
        ByteBuffer init = ByteBuffer.wrap(assertInstanceOf(byte[].class, messages.get(codecAt + 1)));
        assertEquals("ftyp", Fmp4Parser.type(init, 0));
        int moov = (int) Fmp4Parser.size(init, 0);
        assertEquals("moov", Fmp4Parser.type(init, moov));
        TrackInfo track = Fmp4Parser.parseMoov(init.position(moov));
        assertEquals(codec, track.codec());
        assertEquals(first.get("width").intValue(), track.width());
        viewer.writeMp4(file);
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-")
                .redirectErrorStream(true).start();
        String out = new String(ffmpeg.getInputStream().readAllBytes());
        assertTrue(ffmpeg.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, ffmpeg.exitValue(), out);
        assertEquals("", out.strip(), "ffmpeg errors decoding " + file);
    }

    private SimulatedCamera camera(Codec codec, int nth) {
        return fleet.cameras().stream().filter(c -> c.mainCodec() == codec).skip(nth).findFirst().orElseThrow();
    }

    private long auditCount(String cameraId, String action) {
        return new Jdbc(app.database()).query("SELECT COUNT(*) FROM audit_log WHERE target = ? AND action = ?",
                rs -> rs.getLong(1), cameraId, action).get(0);
    }

    private void createCamera(String id, SimulatedCamera cam) throws Exception {
        server.createCamera(technician, id, cam);
    }
}
